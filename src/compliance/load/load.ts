import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkOptions } from '../common/options';
import { parseManifests } from './parse';
import { decodeManifestBytes } from './private/decode';
import { displayPath } from './private/display-path';
import { LOAD_OPTION_KEYS, parseLimitsOf } from './private/option-keys';
import { readCappedFile, readCappedStream, ReadOutcome } from './private/read';
import { walkInput } from './private/walk';
import { DEFAULT_MAX_DIRECTORIES, DEFAULT_MAX_FILE_BYTES, DEFAULT_TOKENS_PER_BYTE, InputError, LoadOptions, LoadResult, STDIN_NAME } from './types';

/**
 * Reads Kubernetes manifests from files, directories and stdin (`-`), safely.
 *
 * Inputs are read in the order given; a directory contributes its `*.yaml`, `*.yml` and `*.json`
 * files, recursively and sorted (dot-entries and `node_modules` skipped); a file is read once
 * even when named twice. Each file is size-checked before it is read and never costs more than
 * `maxFileBytes`; binary and non-UTF-8 data, malformed YAML, duplicate keys, alias bombs, deep
 * nesting and documents that are not Kubernetes objects become {@link InputError}s naming the file,
 * document and line, and every other document is still returned. Never rejects on bad input;
 * options that are no object, or an option it does not know, reject with a TypeError naming each
 * (`loadManifests(options.maxFileByte)`, with the closest known option).
 */
export async function loadManifests(inputs: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  checkOptions('loadManifests', options, LOAD_OPTION_KEYS);
  options = options ?? {};
  const run: LoadRun = {
    cwd: options.cwd ?? process.cwd(),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    options,
    result: { documents: [], errors: [], skipped: [] },
    seen: new Set(),
  };
  if (inputs.length === 0) {
    run.result.errors.push({ file: '(no input)', code: 'empty', message: 'no input: name files, directories or - for stdin' });
  }
  for (const input of inputs) {
    const more = input === '-' ? await loadStdin(run) : await loadPath(input, run);
    if (!more) break;
  }
  return run.result;
}

/** The state of one {@link loadManifests} call. */
interface LoadRun {
  readonly cwd: string;
  readonly maxFileBytes: number;
  readonly options: LoadOptions;
  readonly result: LoadResult;
  /** Real paths read so far (and `<stdin>`), so nothing is read twice. */
  readonly seen: Set<string>;
}

async function loadStdin(run: LoadRun): Promise<boolean> {
  if (run.seen.has(STDIN_NAME)) return true;
  run.seen.add(STDIN_NAME);
  const outcome = await readCappedStream(run.options.stdin ?? process.stdin, run.maxFileBytes);
  const name = run.options.stdinName === undefined ? STDIN_NAME : displayPath(run.cwd, resolve(run.cwd, run.options.stdinName));
  return readInto(run.result, name, outcome, true, run.options);
}

/** Loads a file or a directory; false once the object limit is reached. */
async function loadPath(input: string, run: LoadRun): Promise<boolean> {
  const { cwd, result } = run;
  const absolute = resolve(cwd, input);
  const walked = await walkInput(absolute, run.options.maxDirectories ?? DEFAULT_MAX_DIRECTORIES);
  if (!('files' in walked)) {
    result.errors.push({ file: displayPath(cwd, absolute), code: walked.code, message: walked.message });
    return true;
  }
  for (const p of walked.problems) result.errors.push({ file: displayPath(cwd, p.path), code: p.code, message: p.message });
  const before = { documents: result.documents.length, errors: result.errors.length };
  let alreadyRead = false;
  for (const file of walked.files) {
    const key = await canonical(file);
    if (run.seen.has(key)) {
      alreadyRead = true;
      continue;
    }
    run.seen.add(key);
    const outcome = await readCappedFile(file, run.maxFileBytes);
    if (!readInto(result, displayPath(cwd, file), outcome, !walked.directory, run.options)) return false;
  }
  const contributed = alreadyRead || walked.problems.length > 0 || result.documents.length > before.documents || result.errors.length > before.errors;
  if (walked.directory && !contributed) {
    result.errors.push({ file: displayPath(cwd, absolute), code: 'no-manifests',
      message: walked.files.length === 0 ? 'no .yaml, .yml or .json files in this directory' : 'no Kubernetes manifests in this directory' });
  }
  return true;
}

/**
 * Reads one file (or `-` for stdin) as UTF-8 text with the same size limit and checks as
 * {@link loadManifests}, for inputs that are not manifests (a configuration file); its options are
 * checked as those of {@link loadManifests} are.
 */
export async function readTextInput(input: string, options: LoadOptions = {}): Promise<{ file: string; text: string } | { error: InputError }> {
  checkOptions('readTextInput', options, LOAD_OPTION_KEYS);
  options = options ?? {};
  const cwd = options.cwd ?? process.cwd();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const file = input === '-' ? STDIN_NAME : displayPath(cwd, resolve(cwd, input));
  const outcome = input === '-'
    ? await readCappedStream(options.stdin ?? process.stdin, maxFileBytes)
    : await readCappedFile(resolve(cwd, input), maxFileBytes);
  if (!('bytes' in outcome)) return { error: { file, code: outcome.code, message: outcome.message } };
  const decoded = decodeManifestBytes(outcome.bytes);
  if (!('text' in decoded)) return { error: { file, line: decoded.line, code: decoded.problem, message: decoded.message } };
  return { file, text: decoded.text };
}

/**
 * Parses what was read into the result. Returns false once the object limit is reached.
 * @param explicit whether the user named this input (an empty one is then an error)
 */
function readInto(result: LoadResult, file: string, outcome: ReadOutcome, explicit: boolean, options: LoadOptions): boolean {
  if (!('bytes' in outcome)) {
    result.errors.push({ file, code: outcome.code, message: outcome.message });
    return true;
  }
  const decoded = decodeManifestBytes(outcome.bytes);
  if (!('text' in decoded)) {
    result.errors.push({ file, line: decoded.line, code: decoded.problem, message: decoded.message });
    return true;
  }
  // The token budget grows with the file size allowed, so that a larger limit reads larger files.
  const maxTokens = options.maxTokens ?? Math.ceil((options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES) * DEFAULT_TOKENS_PER_BYTE);
  const parsed = parseManifests(decoded.text, file, { ...parseLimitsOf(options), maxTokens }, result.documents.length);
  if (!explicit && parsed.withKind === 0 && parsed.errors.every(e => e.code === 'not-kubernetes')) {
    if (parsed.nonEmpty > 0) result.skipped.push(file);
    return true;
  }
  // Element by element: a spread of a hundred thousand values overflows the call stack.
  for (const d of parsed.documents) result.documents.push(d);
  for (const e of parsed.errors) result.errors.push(e);
  if (explicit && parsed.nonEmpty === 0) {
    result.errors.push({ file, code: 'empty', message: 'no documents (the input is empty or only comments)' });
  }
  return !parsed.truncated;
}

async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

