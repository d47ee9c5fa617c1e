import { Lexer } from 'yaml';
import { JsonStream, scanJsonStream } from './json-scan';
import { jsonStreamAsDocuments } from './json-stream';
import { parseJsonValues } from './json-values';
import { StreamDocument, StreamFailure, StreamLimits } from './stream-document';
import { Oversized, oversizedDocument, oversizedJsonValue, TokenCounter } from './token-budget';
import { YamlPart, YamlReader } from './yaml-reader';

/** How many times the depth limit a document may nest before the whole file is refused unparsed. */
const FILE_DEPTH_FACTOR = 10;

/**
 * Parses a multi-document YAML (or JSON, or a stream of JSON values: {@link jsonStreamAsDocuments})
 * text one document at a time, and the items of a kubectl `List` one at a time ({@link YamlReader}).
 * A text of more than `maxTokens` tokens is refused whole, nothing of it returned: its tokens are
 * counted as the lexer yields them, before the parser takes them, and the whole text is counted
 * before any tree larger than a Kubernetes object is built. Documents nested deeper than
 * `maxDepth` are refused before they are composed (the composer recurses); aliases are expanded
 * only up to `maxAliasCount` (no billion laughs). Document indexes are 1-based and count every
 * document of the stream, empty ones included, so that they match what a reader counts. JSON is read by JSON.parse
 * ({@link parseJsonValues}), with the same results, one value at a time, up to the first that the
 * YAML reader might read otherwise (from which on the YAML reader reads it). The tokens of JSON
 * are counted as JSON's ({@link oversizedJsonValue}), by the scan that finds its values; the text
 * the YAML reader reads is counted as YAML's too ({@link TokenCounter}).
 */
export function* parseYamlStream(source: string, limits: StreamLimits): Generator<StreamDocument> {
  yield* readStream(source, limits, true);
}

/** {@link parseYamlStream} through the YAML reader alone, JSON included. */
export function* readYamlStream(source: string, limits: StreamLimits): Generator<StreamDocument> {
  yield* readStream(source, limits, false);
}

function* readStream(source: string, limits: StreamLimits, jsonParse: boolean): Generator<StreamDocument> {
  // JSON is scanned once: for where its values end (a stream is read as one document per value),
  // for which of them JSON.parse reads as the YAML reader does, and for its tokens.
  const json = scanJsonStream(source, limits.maxDepth);
  if (!json || !jsonParse) {
    yield* readYaml({ text: json ? jsonStreamAsDocuments(source, json) : source, documents: 0, lines: 0 }, limits, { given: 0 });
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
  else yield* readYaml(yamlPartOf(source, json, readByJson), limits, { given: readByJson });
}

/** The documents of a JSON stream from value `from` on, as the YAML reader reads them. */
function yamlPartOf(source: string, json: JsonStream, from: number): YamlPart {
  return { text: jsonStreamAsDocuments(source, json, from), documents: from, lines: from === 0 ? 0 : json.line(from) - 1 };
}

/**
 * Why the YAML reader may not read a part (its YAML tokens, or how deep it nests), if it may not.
 * A document nested somewhat too deep is refused alone, once parsed; one nested so deep that
 * parsing it would take more memory than the file is worth makes the whole part refused first.
 */
function yamlBudget(part: YamlPart, limits: StreamLimits, given: number): StreamFailure | undefined {
  const oversized = oversizedDocument(part.text, limits.maxTokens, limits.maxDepth * FILE_DEPTH_FACTOR);
  return oversized && yamlRefusal(oversized, part, limits, given);
}

/** The refusal of a part that the YAML reader may not read, where `oversized` (counted in the part) says. */
function yamlRefusal(oversized: Oversized, part: YamlPart, limits: StreamLimits, given: number): StreamFailure {
  const where = { ...oversized, index: oversized.index + part.documents, line: oversized.line + part.lines };
  return refusal(where, { budget: 'YAML', maxTokens: limits.maxTokens, maxFileDepth: limits.maxDepth * FILE_DEPTH_FACTOR, given });
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

/**
 * The documents of a part through the YAML reader ({@link YamlReader}), the lexer's tokens counted
 * as they are read unless the part was counted before (`count` undefined). While they are counted,
 * the documents are held back until the whole part is known to be within the budget: a part over
 * it yields its refusal alone, as if it had been counted first. No syntax tree larger than a
 * Kubernetes object is built before then (the reader counts the whole part first).
 */
function* readYaml(part: YamlPart, limits: StreamLimits, count?: { given: number }): Generator<StreamDocument> {
  const maxFileDepth = limits.maxDepth * FILE_DEPTH_FACTOR;
  const counter = count && TokenCounter.for(part.text, limits.maxTokens, maxFileDepth);
  const budget = counter && {
    counter,
    countAll: () => oversizedDocument(part.text, limits.maxTokens, maxFileDepth),
    refusal: (oversized: Oversized) => yamlRefusal(oversized, part, limits, count.given),
  };
  const reader = new YamlReader(part, limits, { budget });
  for (const token of new Lexer().lex(part.text)) {
    if (!reader.push(token)) break;
    if (reader.ready) yield* reader.take();
  }
  reader.end();
  yield* reader.take();
}
