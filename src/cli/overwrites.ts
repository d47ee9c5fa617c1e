import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors';
import type { Inputs } from './inputs';
import { CliIO } from './io';
import { printable } from './private/text';

/**
 * Refuses outputs that would overwrite what was read (an input file, or a manifest found in an
 * input directory, also through symbolic links) or each other, and two outputs to stdout (`-`),
 * before anything is written. An output left out (`undefined`) is not written.
 */
export function refuseOverwritingInputs(io: CliIO, outputs: readonly (string | undefined)[], paths: readonly (string | undefined)[], inputs: readonly Inputs[]): void {
  const read = new Set<string>();
  for (const p of paths) if (p !== undefined && p !== '-') read.add(realPath(resolve(io.cwd, p)));
  for (const { documents, rejected } of inputs) {
    for (const d of documents) if (d.source.file) read.add(realPath(resolve(io.cwd, d.source.file)));
    for (const r of rejected) if (r.source.file) read.add(realPath(resolve(io.cwd, r.source.file)));
  }
  const written = new Set<string>();
  let toStdout = 0;
  for (const output of outputs) {
    if (output === undefined) continue;
    if (output === '-') {
      if (++toStdout > 1) throw new CliError('two outputs go to stdout, where they would run together', 'Name a file for each output (-o FILE, --json FILE).');
      continue;
    }
    const path = realPath(resolve(io.cwd, output));
    if (read.has(path)) throw new CliError(`${printable(output, true)} is also an input: writing the result there would overwrite it`, 'Write the result to another file.');
    if (written.has(path)) throw new CliError(`${printable(output, true)} is named for two outputs: one would overwrite the other`, 'Name a file for each output.');
    written.add(path);
  }
}

/** A path with its symbolic links resolved, as far as it exists (a file not yet written: its directory's real path). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}
