import { loadManifests, LoadedDocument } from '../compliance/load';
import { RejectedDocument } from '../compliance/manifest-index';
import { CliError, UsageError } from './errors';
import { CliIO } from './io';
import { note, printInputErrors } from './output';
import { nameStdin } from './private/stdin-name';
import { printable } from './private/text';

/** The manifests a command works on and how many input errors were met reading them. */
export interface Inputs {
  readonly documents: LoadedDocument[];
  /** Input errors (already printed to stderr); any makes the exit code 2. */
  readonly errorCount: number;
  /** The same errors as the reports record them: what was not checked, and why. */
  readonly rejected: RejectedDocument[];
}

/**
 * Loads manifests for a command: requires at least one path, prints every input error to stderr,
 * and fails when nothing at all could be read (unless `allowEmpty` and there were input errors). Documents that could be read are returned even
 * when others failed, so the command still reports on them. `stdinName` names the file that `-` stands for;
 * a name that a file read from disk has too is refused.
 */
export async function readInputs(command: string, paths: readonly string[] | undefined, maxFileBytes: number, io: CliIO, allowEmpty = false, stdinName?: string): Promise<Inputs> {
  if (!paths || paths.length === 0) {
    throw new UsageError(`${command} needs at least one path: a file, a directory, or - for stdin`);
  }
  if (paths.some(p => p.trim() === '')) {
    throw new UsageError(`${command} was given an empty path (an unset variable?); name a file, a directory, or - for stdin (use . for the current directory)`);
  }
  // Stdin is named after the load, so that a file read from disk under the same name can be told apart.
  const read = await loadManifests(paths, { maxFileBytes, stdin: io.stdin, cwd: io.cwd });
  const { documents, errors, skipped } = stdinName !== undefined && paths.includes('-') ? nameStdin(read, stdinName, io.cwd) : read;
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).map(f => printable(f, true)).join(', ');
    note(io, `note: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} without Kubernetes objects: ${shown}${skipped.length > 5 ? ', …' : ''}`);
  }
  printInputErrors(io, errors);
  // `diff` goes on with a side it could not read, to say that the comparison is incomplete.
  if (documents.length === 0 && !(allowEmpty && errors.length > 0)) {
    throw new CliError(`no Kubernetes objects found in ${paths.map(p => printable(p === '-' && stdinName !== undefined ? `${stdinName} (stdin)` : p, true)).join(', ')}`,
      'Name YAML or JSON manifests (files, directories, or - for stdin), e.g. the output of cdk8s synth in dist/.');
  }
  const rejected = errors.map(e => ({ source: { file: e.file, document: e.document ?? 0, ...(e.line === undefined ? {} : { line: e.line }), ...(e.line === undefined || e.column === undefined ? {} : { column: e.column }) }, reason: e.message }));
  return { documents, errorCount: errors.length, rejected };
}
