import { checkOptions } from '../common/options';
import { whyNotKubeObject } from '../manifest';
import { flattenLists } from './private/lists';
import { PARSE_LIMIT_KEYS } from './private/option-keys';
import { parseYamlStream } from './private/yaml-stream';
import { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_TOKENS, InputError, LoadedDocument, ParseLimits } from './types';

/** A YAML document's value and where it starts. */
export interface ParsedValue {
  readonly value: unknown;
  readonly source: { readonly file: string; readonly document: number; readonly line: number };
}

/**
 * Parses any multi-document YAML or JSON text (a configuration file, say) with the same limits and
 * error reporting as manifests, without requiring Kubernetes objects. Empty documents are skipped.
 * Limits that are no object, or a limit it does not know, throw a TypeError naming each.
 */
export function parseYamlValues(text: string, file: string, limits: ParseLimits = {}): { values: ParsedValue[]; errors: InputError[] } {
  checkOptions('parseYamlValues', limits, PARSE_LIMIT_KEYS, 'limits');
  limits = limits ?? {};
  const values: ParsedValue[] = [];
  const errors: InputError[] = [];
  for (const d of parseYamlStream(text, streamLimits(limits))) {
    if ('problem' in d) errors.push({ file, document: d.index, line: d.line, column: d.column, code: d.problem, message: d.message });
    else if (!d.empty) values.push({ value: d.value, source: { file, document: d.index, line: d.line } });
  }
  return { values, errors };
}

function streamLimits(limits: ParseLimits) {
  return {
    maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxAliasCount: limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT,
    maxTokens: limits.maxTokens ?? DEFAULT_MAX_TOKENS,
  };
}

/** The outcome of parsing one text. */
export interface ParseResult {
  readonly documents: LoadedDocument[];
  readonly errors: InputError[];
  /** How many YAML documents had content (an object, a list or anything else). */
  readonly nonEmpty: number;
  /** How many documents had a string `kind` (Kubernetes objects, lists, or broken objects). */
  readonly withKind: number;
  /** Whether parsing stopped at {@link ParseLimits.maxDocuments}. */
  readonly truncated: boolean;
}

/**
 * Parses manifest text (multi-document YAML or JSON) into Kubernetes objects. `List` kinds are
 * expanded (items keep the document's number, with the line where each item starts); empty documents are skipped; every other document
 * that is not a Kubernetes object, and every malformed one, becomes an error with its document
 * number and line while the rest are still returned. Never throws on any text; limits that are no
 * object, or a limit it does not know (`maxDepht`), throw a TypeError naming each.
 *
 * @param text the manifest text
 * @param file how to name the text in sources and errors (relative path or `<stdin>`)
 * @param alreadyLoaded objects already read from other inputs, counted against `maxDocuments`
 */
export function parseManifests(text: string, file: string, limits: ParseLimits = {}, alreadyLoaded = 0): ParseResult {
  checkOptions('parseManifests', limits, PARSE_LIMIT_KEYS, 'limits');
  limits = limits ?? {};
  const maxDocuments = limits.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  const documents: LoadedDocument[] = [];
  const errors: InputError[] = [];
  let nonEmpty = 0;
  let withKind = 0;
  for (const d of parseYamlStream(text, streamLimits(limits))) {
    // Objects are capped below, across the inputs; documents without one (empty, broken, a value
    // without a kind, each of which would cost an error) are capped here. A refusal of the rest of
    // the text (a budget passed) says why itself.
    if (d.index > maxDocuments && ('problem' in d ? d.refusesRest !== true : d.empty || !hasKind(d.value))) {
      errors.push({ file, document: d.index, line: d.line, code: 'too-many-documents',
        message: `more than ${maxDocuments} YAML documents in one file; the rest of the file is not read` });
      break;
    }
    if ('problem' in d) {
      nonEmpty++;
      errors.push({ file, document: d.index, line: d.line, column: d.column, code: d.problem, message: d.message });
      continue;
    }
    if (d.empty) continue;
    nonEmpty++;
    if (hasKind(d.value)) withKind++;
    for (const { value, path } of flattenLists(d.value)) {
      if (alreadyLoaded + documents.length >= maxDocuments) {
        errors.push({ file, document: d.index, line: d.line, code: 'too-many-documents',
          message: `more than ${maxDocuments} objects in the input; the rest is not read` });
        return { documents, errors, nonEmpty, withKind, truncated: true };
      }
      const why = whyNotKubeObject(value);
      // An item of a list starts on a line of its own; nested lists keep the line of their outer item.
      const item = /^items\[(\d+)\]/.exec(path);
      const source = { file, document: d.index, line: item && d.itemLines ? d.itemLines[Number(item[1])] ?? d.line : d.line };
      if (why) errors.push({ ...source, code: 'not-kubernetes', message: `${path === '' ? '' : `${path}: `}not a Kubernetes object: ${why}` });
      else documents.push({ doc: value, source });
    }
  }
  return { documents, errors, nonEmpty, withKind, truncated: false };
}

function hasKind(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}
