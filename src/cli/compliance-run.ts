import { ComplianceConfig } from '../compliance/config';
import { ManifestIndex } from '../compliance/manifest-index';
import { readConfigFile } from './config-file';
import { UsageError } from './errors';
import { Inputs, readInputs } from './inputs';
import { CliIO } from './io';
import { printable } from './private/text';

/** Command-line arguments shared by the commands that read manifests. */
export interface ManifestArgs {
  readonly config?: string;
  readonly maxFileSize: number;
  /** `--stdin-filename`: the file the input `-` stands for. @default - `<stdin>` */
  readonly stdinFilename?: string;
}

/** Manifests read and indexed, with the organisation config and the count of input errors. */
export interface Prepared {
  readonly index: ManifestIndex;
  readonly inputs: Inputs;
  /** The `--config` settings. @default - none: the secure defaults */
  readonly config?: ComplianceConfig;
}

/** How {@link prepare} reads one set of inputs. */
export interface PrepareOptions {
  /** Go on when nothing could be read but there were input errors (`diff`, to say the comparison is incomplete). @default false */
  readonly allowEmpty?: boolean;
  /**
   * Whether an input of the whole command is `-`, which `--stdin-filename` needs (`diff` prepares
   * each side apart). @default - whether the paths prepared hold `-`
   */
  readonly commandReadsStdin?: boolean;
}

/**
 * The common start of `check`, `report`, `diagram` and `diff`: read the config (first, so a bad
 * config fails before any input is read), read the manifests and index them.
 */
export async function prepare(command: string, paths: readonly string[] | undefined, args: ManifestArgs, io: CliIO, options: PrepareOptions = {}): Promise<Prepared> {
  if (args.config === '-' && paths?.includes('-')) {
    throw new UsageError('stdin cannot be both the config (--config -) and an input (-)');
  }
  checkStdinFilename(args.stdinFilename, options.commandReadsStdin ?? paths?.includes('-') === true);
  const config = args.config === undefined ? undefined : await readConfigFile(args.config, io);
  const inputs = await readInputs(command, paths, args.maxFileSize, io, options.allowEmpty ?? false, args.stdinFilename);
  return { index: ManifestIndex.fromDocuments(inputs.documents, inputs.rejected), inputs, config };
}

/** Refuses a `--stdin-filename` that names nothing: no input is `-`, or the name is `-` itself. */
function checkStdinFilename(name: string | undefined, readsStdin: boolean): void {
  if (name === undefined) return;
  if (name === '-') {
    throw new UsageError('--stdin-filename - names stdin itself; give the path of the file the manifests on stdin stand for, e.g. --stdin-filename chart/rendered.yaml');
  }
  if (!readsStdin) {
    throw new UsageError(`--stdin-filename "${printable(name, true)}" names the input read from stdin, but no input is -`,
      'Pipe the manifests and give - as the path (helm template . | cdk8s-soc2 check - --stdin-filename chart/rendered.yaml), or leave out --stdin-filename.');
  }
}
