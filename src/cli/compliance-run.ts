import { ComplianceConfig } from '../compliance/config';
import { ManifestIndex } from '../compliance/manifest-index';
import { readConfigFile } from './config-file';
import { UsageError } from './errors';
import { Inputs, readInputs } from './inputs';
import { CliIO } from './io';

/** Command-line arguments shared by the commands that read manifests. */
export interface ManifestArgs {
  readonly config?: string;
  readonly maxFileSize: number;
}

/** Manifests read and indexed, with the organisation config and the count of input errors. */
export interface Prepared {
  readonly index: ManifestIndex;
  readonly inputs: Inputs;
  /** The `--config` settings. @default - none: the secure defaults */
  readonly config?: ComplianceConfig;
}

/**
 * The common start of `check`, `report`, `diagram` and `diff`: read the config (first, so a bad
 * config fails before any input is read), read the manifests and index them.
 */
export async function prepare(command: string, paths: readonly string[] | undefined, args: ManifestArgs, io: CliIO, allowEmpty = false): Promise<Prepared> {
  if (args.config === '-' && paths?.includes('-')) {
    throw new UsageError('stdin cannot be both the config (--config -) and an input (-)');
  }
  const config = args.config === undefined ? undefined : await readConfigFile(args.config, io);
  const inputs = await readInputs(command, paths, args.maxFileSize, io, allowEmpty);
  return { index: ManifestIndex.fromDocuments(inputs.documents, inputs.rejected), inputs, config };
}
