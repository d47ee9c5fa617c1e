import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../compliance/load';
import { CliError } from './errors';
import { CliIO } from './io';
import { printable } from './private/text';

/** The most input errors printed; the rest are counted. */
const MAX_PRINTED_ERRORS = 50;

/**
 * The most findings a run writes one by one. Each takes a kilobyte or more in JSON, SARIF and
 * Markdown (its message, path and fix), so an input of thousands of bad objects would otherwise
 * produce hundreds of megabytes, and as many in memory while they are written. Code scanning
 * takes at most 25,000 results per SARIF run.
 */
export const MAX_WRITTEN_FINDINGS = 20_000;

/** Refuses to write a report of more findings than {@link MAX_WRITTEN_FINDINGS} as `format`; `hint` says how to narrow the run. */
export function refuseOversizedReport(findings: number, format: string,
  hint = 'Narrow the run with --control, --skip or --severity, or check fewer files at a time; the text format lists the first ones.'): void {
  if (findings <= MAX_WRITTEN_FINDINGS) return;
  throw new CliError(`${findings} findings are too many to write as ${format} (at most ${MAX_WRITTEN_FINDINGS})`, hint);
}

/** What to do about a failed write, by error code. */
const WRITE_HINTS: Readonly<Record<string, string>> = {
  EISDIR: 'The path is a directory: name a file.',
  ENOTDIR: 'A part of the path is a file, not a directory.',
  EEXIST: 'A part of the path is a file, not a directory.',
  ENOSPC: 'The disk is full.',
  EDQUOT: 'The disk quota is used up.',
  EROFS: 'The file system is read-only.',
  EACCES: 'Check that the directory is writable.',
  EPERM: 'Check that the directory is writable.',
};

/**
 * Writes a command's result to a file (`--output`, parent directories created) or, without one
 * or for `-`, to stdout. A final newline is ensured.
 */
export async function writeOutput(io: CliIO, output: string | undefined, text: string): Promise<void> {
  const content = text.endsWith('\n') ? text : `${text}\n`;
  if (output === undefined || output === '-') {
    io.stdout.write(forTerminal(content));
    return;
  }
  const path = resolve(io.cwd, output);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write ${printable(output, true)}${code ? ` (${code})` : ''}`, (code && WRITE_HINTS[code]) ?? 'Check that the directory exists and is writable.');
  }
}

/** An input error as one line: `file:line:column: document N: message`. */
export function formatInputError(e: InputError): string {
  const where = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter(p => p !== undefined).join(':');
  const doc = e.document !== undefined ? `document ${e.document}: ` : '';
  return printable(`${where}: ${doc}${e.message}`, true);
}

/** Prints input errors to stderr, one a line (at most 50, then a count). */
export function printInputErrors(io: CliIO, errors: readonly InputError[]): void {
  for (const e of errors.slice(0, MAX_PRINTED_ERRORS)) io.stderr.write(`error: ${formatInputError(e)}\n`);
  if (errors.length > MAX_PRINTED_ERRORS) io.stderr.write(`error: … and ${errors.length - MAX_PRINTED_ERRORS} more input errors\n`);
  if (errors.some(e => e.code === 'too-large')) io.stderr.write('hint: raise the limit with --max-file-size (e.g. --max-file-size 50MiB)\n');
}

/** Prints a one-line note to stderr. */
export function note(io: CliIO, message: string): void {
  io.stderr.write(`${message}\n`);
}

/** Colour codes (SGR) are the only escape sequences the CLI writes itself. */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const SGR = /^\u001b\[[0-9;]*m/;

/**
 * Text for standard output: control characters and bidirectional overrides from manifests are
 * shown escaped, so a hostile name or message cannot drive the terminal; colour codes are kept.
 */
export function forTerminal(text: string): string {
  let out = '';
  let last = 0;
  for (let i = text.indexOf('\u001b'); i >= 0; i = text.indexOf('\u001b', i + 1)) {
    const m = SGR.exec(text.slice(i, i + 16));
    out += printable(text.slice(last, i));
    out += m ? m[0] : printable('\u001b');
    last = i + (m ? m[0].length : 1);
  }
  return out + printable(text.slice(last));
}
