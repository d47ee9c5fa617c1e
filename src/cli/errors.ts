import { ExitCode } from './exit-codes';

/**
 * An error the CLI reports as one clean line (never a stack trace) and turns into an exit code.
 */
export class CliError extends Error {
  /**
   * @param message what went wrong, in one sentence
   * @param hint one more line saying what to do about it
   */
  public constructor(message: string, public readonly hint?: string, public readonly exitCode: ExitCode = ExitCode.ERROR) {
    super(message);
    this.name = 'CliError';
  }
}

/** A mistake on the command line (unknown flag or id, missing argument): exit code 2 with a usage hint. */
export class UsageError extends CliError {
  public constructor(message: string, hint?: string) {
    super(message, hint, ExitCode.ERROR);
    this.name = 'UsageError';
  }
}
