import { Options } from 'yargs';
import { CATALOGUE } from '../compliance/catalogue';
import { controlIdHint, suggestControlId } from '../compliance/common/suggest-control-id';
import { DEFAULT_MAX_FILE_BYTES } from '../compliance/load';
import { SEVERITIES } from '../compliance/types';
import { UsageError } from './errors';

const UNITS: Record<string, number> = {
  '': 1, 'b': 1,
  'k': 1024, 'kb': 1024, 'kib': 1024,
  'm': 1024 ** 2, 'mb': 1024 ** 2, 'mib': 1024 ** 2,
  'g': 1024 ** 3, 'gb': 1024 ** 3, 'gib': 1024 ** 3,
};

/** Parses a size in bytes: `1048576`, `512KiB`, `10MiB`, `1G` (units are powers of 1024). */
export function parseByteSize(value: unknown): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(String(value));
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UsageError(`invalid --max-file-size "${String(value)}": expected a positive size such as 10485760, 512KiB or 10MiB`);
  }
  if (bytes > MAX_FILE_SIZE_LIMIT) {
    throw new UsageError(`invalid --max-file-size "${String(value)}": at most 256MiB (a file is read as one text, and a larger one cannot be parsed in bounded memory)`,
      'Split the manifests into several files; each may be up to the limit.');
  }
  return bytes;
}

/** The largest --max-file-size accepted. */
const MAX_FILE_SIZE_LIMIT = 256 * 1024 ** 2;

/** Repeatable id flags also accept comma-separated lists: `--control a,b --control c`. */
export function splitList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap(v => String(v).split(',')).map(v => v.trim()).filter(v => v !== '');
}

/** Fails with a suggestion when an id is not in the catalogue. */
export function requireKnownControls(ids: readonly string[], flag: string): void {
  for (const id of ids) {
    if (!CATALOGUE.some(c => c.id === id)) {
      const s = suggestControlId(id, CATALOGUE);
      throw new UsageError(`unknown control "${id}" in ${flag}${s ? `; ${controlIdHint(s)}` : ''}`,
        'Run "cdk8s-soc2 controls" to list the control ids.');
    }
  }
}

/** `--config FILE`: organisation settings. */
export const configOption: Options = {
  type: 'string',
  describe: 'JSON or YAML file with the organisation settings (ComplianceConfig)',
  requiresArg: true,
};

/** `--max-file-size SIZE`: the per-file (and stdin) size limit. */
export const maxFileSizeOption: Options = {
  describe: 'largest input file (and stdin) accepted, in bytes or with a unit (KiB, MiB, GiB)',
  default: DEFAULT_MAX_FILE_BYTES,
  defaultDescription: '10MiB',
  coerce: parseByteSize,
  requiresArg: true,
};

/**
 * `--stdin-filename PATH`: the file the manifests read from stdin (`-`) stand for, as ESLint's
 * option of that name: reports and errors name it instead of `<stdin>`, and SARIF locates
 * results in it.
 */
export const stdinFilenameOption: Options = {
  type: 'string',
  describe: 'the file that the manifests read from stdin (-) stand for, named in reports and errors instead of <stdin> (SARIF locates results in it)',
  requiresArg: true,
};

/** `--output FILE`: where the result goes. */
export const outputOption: Options = {
  alias: 'o',
  type: 'string',
  describe: 'write the result to this file instead of stdout (- for stdout)',
  requiresArg: true,
};

/** Options that may be given several times (their values are joined); any other is refused when repeated. */
export const REPEATABLE_OPTIONS: ReadonlySet<string> = new Set(['control', 'skip']);

/** `--control ID` (repeatable): run only these controls. */
export const controlOption: Options = {
  type: 'string',
  describe: 'run only this control (repeatable, or comma-separated)',
  coerce: splitList,
  requiresArg: true,
};

/** `--skip ID` (repeatable): do not run these controls. */
export const skipOption: Options = {
  type: 'string',
  describe: 'do not run this control (repeatable, or comma-separated)',
  coerce: splitList,
  requiresArg: true,
};

/** `--severity LEVEL`: the lowest severity reported. */
export const severityOption: Options = {
  choices: [...SEVERITIES],
  describe: 'report only findings at or above this severity',
  requiresArg: true,
};
