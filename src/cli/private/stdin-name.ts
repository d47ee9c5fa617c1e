import { resolve } from 'node:path';
import { LoadResult, STDIN_NAME } from '../../compliance/load';
import { displayPath } from '../../compliance/load/private/display-path';
import { UsageError } from '../errors';
import { printable } from './text';

/**
 * What was read with stdin named after `--stdin-filename`: the documents and errors of `<stdin>`
 * renamed to `name`, written as the path of a file is (relative to `cwd` when below it). Refuses
 * a name that a file read from disk in the same run has too, since its objects and those of
 * stdin would then be reported under one name (two sources, one SARIF location).
 * `read` must come from a load that left stdin unnamed, so that the two can be told apart.
 */
export function nameStdin(read: LoadResult, name: string, cwd: string): LoadResult {
  const file = displayPath(cwd, resolve(cwd, name));
  const fromDisk = read.documents.some(d => d.source.file === file) || read.errors.some(e => e.file === file) || read.skipped.includes(file);
  if (fromDisk) {
    const shown = printable(name, true);
    throw new UsageError(`--stdin-filename "${shown}" names a file this run also reads${file === name ? '' : ` (${printable(file, true)})`}: its objects and those read from stdin would be reported under one name`,
      `Give --stdin-filename the path the manifests on stdin stand for and no other input reads (e.g. --stdin-filename chart/rendered.yaml), or leave ${printable(file, true)} out of the inputs.`);
  }
  const renamed = <T extends { readonly file?: string }>(source: T): T => (source.file === STDIN_NAME ? { ...source, file } : source);
  return {
    documents: read.documents.map(d => (d.source.file === STDIN_NAME ? { ...d, source: renamed(d.source) } : d)),
    errors: read.errors.map(renamed),
    skipped: read.skipped,
  };
}

