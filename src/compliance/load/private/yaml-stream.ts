import { Composer, Document, DocumentOptions, isMap, isSeq, LineCounter, ParseOptions, Parser, ScalarTag, SchemaOptions, Tags, ToJSOptions, YAMLError } from 'yaml';
import { kubernetesPlainScalar } from '../../common/go-yaml-scalar';
import { aliasExpansion } from './alias-expansion';
import { cstDeeperThan, valueDeeperThan } from './depth';
import { firstDuplicateKey } from './duplicate-keys';
import { JsonStream, scanJsonStream } from './json-scan';
import { jsonStreamAsDocuments } from './json-stream';
import { parseJsonValues } from './json-values';
import { Oversized, oversizedDocument, oversizedJsonValue } from './token-budget';

/** A YAML document that could not be read, and why. */
export interface StreamFailure {
  readonly index: number;
  readonly line: number;
  readonly column?: number;
  readonly problem: StreamProblem;
  readonly message: string;
  /** Whether the problem stops the reading of the rest of the text (a budget passed): no document follows it. @default false */
  readonly refusesRest?: boolean;
}

/** One YAML document of a stream: its value, or why it could not be read. */
export type StreamDocument =
  | {
    readonly index: number; readonly line: number; readonly value: unknown; readonly empty: boolean;
    /** For a Kubernetes list (`kind: List`, `<Kind>List`), the line where each of its `items` starts. */
    readonly itemLines?: readonly number[];
  }
  | StreamFailure;

/** What went wrong with one document. */
export type StreamProblem = 'syntax' | 'duplicate-key' | 'alias-limit' | 'too-deep' | 'too-complex';

/** Limits applied to every document. */
export interface StreamLimits {
  readonly maxDepth: number;
  readonly maxAliasCount: number;
  /**
   * Most lexical tokens in the whole text (bounds the memory of what is read): JSON tokens for
   * the JSON that JSON.parse reads ({@link oversizedJsonValue}), YAML tokens for the text the
   * YAML reader reads ({@link oversizedDocument}).
   */
  readonly maxTokens: number;
}

/** Tags of the YAML 1.1 schema that go-yaml v2 leaves as strings (or does not know). */
const NOT_IN_GO_YAML = new Set(['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs', 'tag:yaml.org,2002:set']);

/**
 * Matches the plain scalars go-yaml reads as numbers ({@link kubernetesPlainScalar}), as a `test`
 * pattern of the YAML library, which then resolves the same string: the last reading is kept for it.
 */
class GoNumberPattern extends RegExp {
  private last: { text: string; value: unknown } = { text: '', value: null };

  public override test(s: string): boolean {
    if (s !== this.last.text) this.last = { text: s, value: kubernetesPlainScalar(s) };
    return typeof this.last.value === 'number';
  }

  /** The number go-yaml reads from `s`. */
  public numberOf(s: string): number {
    return (s === this.last.text ? this.last.value : kubernetesPlainScalar(s)) as number;
  }
}

const GO_NUMBER_PATTERN = new GoNumberPattern('^$');

/**
 * Plain scalars that go-yaml reads as numbers, read as it reads them, in place of the YAML
 * library's number tags (YAML 1.1's patterns). Under both names, so that explicit `!!int` and
 * `!!float` tags resolve through them too.
 */
const GO_NUMBERS: readonly ScalarTag[] = ['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float'].map(tag => ({
  tag,
  default: true,
  identify: () => false,
  test: GO_NUMBER_PATTERN,
  resolve: (s: string) => GO_NUMBER_PATTERN.numberOf(s),
}));

const NUMBER_TAGS: ReadonlySet<string> = new Set(GO_NUMBERS.map(t => t.tag));

/**
 * The parser settings. Kubernetes tools read YAML through go-yaml v2 (sigs.k8s.io/yaml), which
 * follows YAML 1.1 for booleans and nulls (`yes`/`no`/`on`/`off`), so `privileged: yes` is
 * checked as `true`, exactly as the API server would receive it, and Go's parsers for numbers
 * ({@link GO_NUMBERS}: `0644` and `0o644` are octal, `0_` is 0). Base-60 numbers and timestamps stay
 * strings, as in go-yaml. Duplicate keys are errors, found by {@link firstDuplicateKey} in linear
 * time rather than by the library's quadratic check.
 */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  strict: true,
  customTags: (tags: Tags) => [...GO_NUMBERS, ...tags.filter(t => typeof t === 'object' && !NOT_IN_GO_YAML.has(t.tag) && !NUMBER_TAGS.has(t.tag))],
};

const MAX_MESSAGE = 200;

/** How many times the depth limit a document may nest before the whole file is refused unparsed. */
const FILE_DEPTH_FACTOR = 10;


/**
 * The most nodes the aliases of one file may add once expanded, all its documents together: far
 * beyond any manifest's anchors, and about a hundred megabytes of objects.
 */
const MAX_ALIAS_EXPANSION = 1_000_000;

/**
 * Parses a multi-document YAML (or JSON, or a stream of JSON values: {@link jsonStreamAsDocuments})
 * text one document at a time. A text of more than `maxTokens` tokens is refused before any
 * syntax tree is built. Documents nested deeper than `maxDepth` are refused before they are
 * composed (the composer recurses); aliases are expanded only up to `maxAliasCount` (no billion
 * laughs). Document indexes are 1-based and count every document of the stream, empty ones
 * included, so that they match what a reader counts. JSON is read by JSON.parse
 * ({@link parseJsonValues}), with the same results, one value at a time, up to the first that the
 * YAML reader might read otherwise (from which on the YAML reader reads it). The tokens of JSON
 * are counted as JSON's ({@link oversizedJsonValue}), by the scan that finds its values; the text
 * the YAML reader reads is counted as YAML's too ({@link oversizedDocument}).
 */
export function* parseYamlStream(source: string, limits: StreamLimits): Generator<StreamDocument> {
  yield* readStream(source, limits, true);
}

/** {@link parseYamlStream} through the YAML reader alone, JSON included. */
export function* readYamlStream(source: string, limits: StreamLimits): Generator<StreamDocument> {
  yield* readStream(source, limits, false);
}

/** What the YAML reader reads: a whole text, or the documents of a JSON stream from a value on. */
interface YamlPart {
  readonly text: string;
  /** How many documents of the whole text come before it. */
  readonly documents: number;
  /** How many lines of the whole text come before it. */
  readonly lines: number;
}

function* readStream(source: string, limits: StreamLimits, jsonParse: boolean): Generator<StreamDocument> {
  // JSON is scanned once: for where its values end (a stream is read as one document per value),
  // for which of them JSON.parse reads as the YAML reader does, and for its tokens.
  const json = scanJsonStream(source, limits.maxDepth);
  if (!json || !jsonParse) {
    yield* budgetedYaml({ text: json ? jsonStreamAsDocuments(source, json) : source, documents: 0, lines: 0 }, limits, 0);
    return;
  }
  // One budget for the text, whatever its documents (a kubectl List is a single document), and
  // whoever reads it: all its values in JSON tokens, and, before anything is read, what the scan
  // leaves to the YAML reader in YAML tokens.
  const overJson = oversizedJsonValue(json, limits.maxTokens);
  if (overJson) {
    yield refusal(overJson, { budget: 'JSON', maxTokens: limits.maxTokens, maxFileDepth: 0, given: 0 });
    return;
  }
  const planned = json.readable < json.count ? yamlPartOf(source, json, json.readable) : undefined;
  const refused = planned && yamlBudget(planned, limits, 0);
  if (refused) {
    yield refused;
    return;
  }
  const readByJson = yield* parseJsonValues(source, json);
  // From a value JSON.parse cannot read as the YAML reader would on, the YAML reader reads the
  // text (and, from a value the scan could not foresee, such as a duplicate key, counts it first).
  if (readByJson === undefined) return;
  if (readByJson === json.readable) yield* readYaml(planned!, limits);
  else yield* budgetedYaml(yamlPartOf(source, json, readByJson), limits, readByJson);
}

/** The documents of a JSON stream from value `from` on, as the YAML reader reads them. */
function yamlPartOf(source: string, json: JsonStream, from: number): YamlPart {
  return { text: jsonStreamAsDocuments(source, json, from), documents: from, lines: from === 0 ? 0 : json.line(from) - 1 };
}

/** {@link readYaml} once the part is within the YAML budget; `given` documents were read before it. */
function* budgetedYaml(part: YamlPart, limits: StreamLimits, given: number): Generator<StreamDocument> {
  const refused = yamlBudget(part, limits, given);
  if (refused) yield refused;
  else yield* readYaml(part, limits);
}

/**
 * Why the YAML reader may not read a part (its YAML tokens, or how deep it nests), if it may not.
 * A document nested somewhat too deep is refused alone, once parsed; one nested so deep that
 * parsing it would take more memory than the file is worth makes the whole part refused first.
 */
function yamlBudget(part: YamlPart, limits: StreamLimits, given: number): StreamFailure | undefined {
  const maxFileDepth = limits.maxDepth * FILE_DEPTH_FACTOR;
  const oversized = oversizedDocument(part.text, limits.maxTokens, maxFileDepth);
  if (!oversized) return undefined;
  const where = { ...oversized, index: oversized.index + part.documents, line: oversized.line + part.lines };
  return refusal(where, { budget: 'YAML', maxTokens: limits.maxTokens, maxFileDepth, given });
}

/**
 * The failure of a text over a budget. `given`: how many documents were read before the part
 * refused (the values JSON.parse read before handing over); the message says where reading stopped.
 */
function refusal(oversized: Oversized, how: { budget: 'JSON' | 'YAML'; maxTokens: number; maxFileDepth: number; given: number }): StreamFailure {
  const { index, line } = oversized;
  const notRead = how.given === 0 ? 'the file is not read' : `the file is not read from document ${how.given + 1} on`;
  return oversized.budget === 'tokens'
    ? { index, line, problem: 'too-complex', message: `more than ${how.maxTokens} ${how.budget} tokens in the file (reached in this document); ${notRead} (split the file, or raise --max-file-size)`, refusesRest: true }
    : { index, line, problem: 'too-deep', message: `nested more than ${how.maxFileDepth} levels deep; ${notRead}`, refusesRest: true };
}

/** The documents of a part through the YAML reader. */
function* readYaml(part: YamlPart, limits: StreamLimits): Generator<StreamDocument> {
  const { text } = part;
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer(YAML_OPTIONS);
  /** Documents refused for depth, by index in the part: the offset where their content starts. */
  const tooDeep = new Map<number, number>();
  const aliasBudget = { left: MAX_ALIAS_EXPANSION, nextStar: -1 };
  const positionOf = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: line + part.lines, col };
  };
  const ctx: StreamContext = { text, positionOf, limits, aliasBudget };
  let tokens = 0;
  let composed = 0;
  const drain = function* (docs: Iterable<Document.Parsed>): Generator<StreamDocument> {
    for (const doc of docs) {
      composed++;
      yield documentOf(doc, part.documents + composed, tooDeep.get(composed), ctx);
    }
  };
  for (const token of parser.parse(text)) {
    if (token.type === 'document') {
      tokens++;
      if (token.value && cstDeeperThan(token.value, limits.maxDepth)) {
        tooDeep.set(tokens, token.value.offset);
        yield* drain(composer.next({ ...token, value: undefined }));
        continue;
      }
    }
    yield* drain(composer.next(token));
  }
  yield* drain(composer.end());
  const leftover = composer.streamInfo().errors[0];
  if (leftover) yield problemOf(leftover, part.documents + composed + 1, ctx);
}

/** What describing a document needs besides the document. */
interface StreamContext {
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
 * @param deepAt for a document refused for its depth, the offset of its content
 */
function documentOf(doc: Document.Parsed, index: number, deepAt: number | undefined, ctx: StreamContext): StreamDocument {
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
    return { index, line: pos.line, column: pos.col, problem: 'duplicate-key', message: `duplicate key ${JSON.stringify(clip(duplicate.key))}` };
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
  if (valueDeeperThan(value, limits.maxDepth)) {
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

function problemOf(error: YAMLError, index: number, ctx: StreamContext): StreamFailure {
  const pos = ctx.positionOf(error.pos[0]);
  return { index, line: pos.line, column: pos.col, problem: 'syntax', message: clip(error.message) };
}

function clip(message: string): string {
  const first = message.split('\n')[0];
  return first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE)}…` : first;
}
