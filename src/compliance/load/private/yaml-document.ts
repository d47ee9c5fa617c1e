import { Document, isMap, isSeq, ToJSOptions, YAMLError } from 'yaml';
import { aliasExpansion } from './alias-expansion';
import { valueDeeperThan } from './depth';
import { firstDuplicateKey } from './duplicate-keys';
import type { StreamDocument, StreamFailure, StreamLimits } from './stream-document';
import { explainYamlError } from './yaml-hints';

const MAX_MESSAGE = 200;

/**
 * The most nodes the aliases of one file may add once expanded, all its documents together: far
 * beyond any manifest's anchors, and about a hundred megabytes of objects.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/** What describing a document needs besides the document. */
export interface StreamContext {
  readonly text: string;
  /** The line and column of an offset of the text, the line counted in the whole text. */
  readonly positionOf: (offset: number) => { line: number; col: number };
  readonly limits: StreamLimits;
  /**
   * The nodes aliases may still copy in the rest of the file, and the offset of the next `*` at or
   * after the last document looked at (2^32 - 1 when there is none).
   */
  readonly aliasBudget: { left: number; nextStar: number };
}

/**
 * A composed document as its value, or why it cannot be read.
 * @param deepAt for a document refused for its depth, the offset of its content
 */
export function documentOf(doc: Document.Parsed, index: number, deepAt: number | undefined, ctx: StreamContext): StreamDocument {
  const { positionOf, limits } = ctx;
  if (deepAt !== undefined) {
    return { index, line: positionOf(deepAt).line, problem: 'too-deep', message: `nested more than ${limits.maxDepth} levels deep` };
  }
  const line = positionOf(doc.contents?.range[0] ?? doc.range[0]).line;
  if (doc.errors.length > 0) {
    const first = problemOf(doc.errors[0], index, ctx);
    const more = doc.errors.length - 1;
    return more > 0 ? { ...first, message: `${first.message} (and ${more} more error${more > 1 ? 's' : ''})` } : first;
  }
  if (doc.contents === null) return { index, line, value: null, empty: true };
  const duplicate = firstDuplicateKey(doc.contents);
  if (duplicate?.collection) {
    const pos = positionOf(duplicate.offset);
    return { index, line: pos.line, column: pos.col, problem: 'syntax', message: `the key ${clip(duplicate.key)} is a mapping or sequence, which JSON and Kubernetes objects cannot hold` };
  }
  if (duplicate) {
    const pos = positionOf(duplicate.offset);
    return { index, line: pos.line, column: pos.col, problem: 'duplicate-key', message: `duplicate key ${JSON.stringify(clip(duplicate.key))}${firstAt(duplicate.first, positionOf)}` };
  }
  // Only a document with an alias (`*name`) can copy anything; most have none. The next `*` of
  // the text is remembered, so that documents in order search the text once in all.
  if (ctx.aliasBudget.nextStar < doc.range[0]) ctx.aliasBudget.nextStar = ctx.text.indexOf('*', doc.range[0]) >>> 0;
  const copied = ctx.aliasBudget.nextStar < doc.range[2] ? aliasExpansion(doc.contents, ctx.aliasBudget.left) : 0;
  if (copied > ctx.aliasBudget.left) {
    return { index, line, problem: 'alias-limit', message: `aliases and merge keys copy more than ${MAX_ALIAS_EXPANSION} nodes in the file (an alias bomb?)` };
  }
  ctx.aliasBudget.left -= copied;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount } as ToJSOptions);
  } catch (e) {
    const message = clip(String((e as Error).message ?? e));
    return /excessive alias count/i.test(message)
      ? { index, line, problem: 'alias-limit', message: `aliases expand more than ${limits.maxAliasCount} times (an alias bomb?)` }
      : { index, line, problem: 'syntax', message };
  }
  // Without an alias, the value is a tree.
  if (valueDeeperThan(value, limits.maxDepth, ctx.aliasBudget.nextStar >= doc.range[2])) {
    return { index, line, problem: 'too-deep', message: `nested more than ${limits.maxDepth} levels deep once aliases are expanded` };
  }
  return { index, line, value, empty: value === null || value === undefined, itemLines: itemLines(doc, value, positionOf) };
}

/** The line of each item of a document that is a Kubernetes list, so that each object it holds is located; `undefined` for any other document. */
function itemLines(doc: Document.Parsed, value: unknown, positionOf: StreamContext['positionOf']): number[] | undefined {
  const kind = value !== null && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !kind.endsWith('List') || !isMap(doc.contents)) return undefined;
  const items = doc.contents.get('items', true);
  if (!isSeq(items)) return undefined;
  return items.items.map(item => positionOf((item as { range?: [number, number, number] } | null)?.range?.[0] ?? items.range![0]).line);
}

/** A syntax error of the YAML library as the failure of document `index`. */
export function problemOf(error: YAMLError, index: number, ctx: StreamContext): StreamFailure {
  const { offset, hint } = explainYamlError(error, ctx.text);
  const pos = ctx.positionOf(offset);
  const message = clip(error.message);
  return { index, line: pos.line, column: pos.col, problem: 'syntax', message: hint ? `${hint} (yaml: ${message})` : message };
}

/** Where the first of a repeated key is, as a hint to keep one of them. */
function firstAt(first: number | undefined, positionOf: StreamContext['positionOf']): string {
  if (first === undefined) return '';
  const { line, col } = positionOf(first);
  return `: the same mapping sets it at line ${line}, column ${col} already (keep one of them)`;
}

function clip(message: string): string {
  const first = message.split('\n')[0];
  return first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE)}…` : first;
}

/**
 * The item of a list that a document parsed from that item alone holds (a sequence of one item,
 * which the list's `items` would hold; the item has no alias), and the offset of its content, unless anything in it would
 * be a problem: an error, a duplicate key, an alias (`toJS` refusing one), nesting past the limit
 * (a pair in a flow sequence is a mapping that its tree does not show). The document it came from
 * then reports the problem itself, read whole. `undefined` for an empty item's offset.
 */
export function listItemOf(doc: Document.Parsed, limits: StreamLimits): { value: unknown; offset: number | undefined } | undefined {
  if (doc.errors.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== 1 || firstDuplicateKey(doc.contents)) return undefined;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount } as ToJSOptions);
  } catch {
    return undefined;
  }
  // The document is an item deeper in the list's: as deep as the list allows, less one level.
  if (!Array.isArray(value) || value.length !== 1 || valueDeeperThan(value, limits.maxDepth - 1, true)) return undefined;
  return { value: value[0], offset: (doc.contents.items[0] as { range?: [number, number, number] } | null)?.range?.[0] };
}
