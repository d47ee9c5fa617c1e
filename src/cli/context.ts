import { ExitCode } from './exit-codes';
import { CliIO } from './io';

/** What a command needs from the run: where to read and write, and where to leave its exit code. */
export interface CommandContext {
  readonly io: CliIO;
  /** Set by the command's handler. */
  exitCode: ExitCode;
}
