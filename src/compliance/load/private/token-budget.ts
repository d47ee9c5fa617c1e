import { Lexer } from 'yaml';
import type { JsonStream } from './json-scan';

/** The lexer's marks that are not source text: document, flow end, scalar. */
const DOCUMENT = '\u0002';
const SCALAR = '\u001f';

/** Where the document that takes a text over a budget starts, and which budget. */
export interface Oversized {
  /** `tokens`: too many lexical tokens; `depth`: collections nested too deep. */
  readonly budget: 'tokens' | 'depth';
  /** 1-based document number. */
  readonly index: number;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** No text yields more than this many lexer tokens per character (`1,1,1,…` yields 1.5). */
const MAX_TOKENS_PER_CHAR = 2;

/**
 * Below this length a text is not lexed for its depth: however deep, its syntax tree is small.
 * Deeper nesting than a manifest's costs a few characters a level only in flow collections
 * (`[[[…`) and chains of block indicators on one line (`- - - …`); indentation costs more
 * characters per level on every line, so its depth stays small within the file size limit.
 */
const DEPTH_SCAN_MIN_LENGTH = 64 * 1024;

/**
 * The document of a YAML stream in which the text passes `maxTokens` lexical tokens, or nests
 * collections more than `maxDepth` deep in flow style or in one line of block indicators, if it
 * does. The parser builds a syntax tree of a few hundred bytes per token, and one node per level,
 * before anything can be checked, so a 10 MiB flow sequence of `{},{},…`, or a megabyte of `[`,
 * would take more memory than Node.js has; the lexer only yields strings, so counting first costs
 * no memory. Short texts are not lexed at all.
 */
export function oversizedDocument(text: string, maxTokens: number, maxDepth = Infinity): Oversized | undefined {
  const countTokens = text.length * MAX_TOKENS_PER_CHAR > maxTokens;
  const measureDepth = text.length > DEPTH_SCAN_MIN_LENGTH && maxDepth < Infinity && mayNestDeeperThan(text, maxDepth);
  if (!countTokens && !measureDepth) return undefined;
  let index = 0;
  let line = 1;
  let startLine = 1;
  let open = false;
  let total = 0;
  let previous = '';
  let flow = 0;
  let indicators = 0;
  for (const token of new Lexer().lex(text)) {
    const marker = previous !== SCALAR && (token === '---' || token === '...');
    if (marker && token === '---') {
      index++;
      open = true;
      startLine = line;
      flow = 0;
    } else if (marker) {
      open = false;
    } else if (!open && isContent(token)) {
      index++;
      open = true;
      startLine = line;
    }
    if (countTokens && ++total > maxTokens) return { budget: 'tokens', index: Math.max(index, 1), line: startLine };
    if (measureDepth && previous !== SCALAR && token.length === 1) {
      if (token === '[' || token === '{') flow++;
      else if ((token === ']' || token === '}') && flow > 0) flow--;
      else if (flow === 0 && (token === '-' || token === '?')) indicators++;
      if (flow > maxDepth || indicators > maxDepth) return { budget: 'depth', index: Math.max(index, 1), line: startLine };
    }
    if (token === '\n') indicators = 0;
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) line++;
    previous = token;
  }
  return undefined;
}

/**
 * Whether a text may nest deeper than `maxDepth` in flow collections or in one line of block
 * indicators, counting every character as if no string or comment held it: an upper bound, read
 * without the lexer, so that the lexer's exact count runs only for the texts that need it.
 */
function mayNestDeeperThan(text: string, maxDepth: number): boolean {
  let flow = 0;
  let indicators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++flow > maxDepth) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (flow > 0) flow--;
    } else if (c === 0x2d /* - */ || c === 0x3f /* ? */) {
      if (++indicators > maxDepth) return true;
    } else if (c === 0x0a /* \n */) {
      indicators = 0;
    }
  }
  return false;
}

/** The lexer's tokens for the start of the first document of a stream. */
const FIRST_DOCUMENT_TOKENS = 1;
/** The lexer's tokens before each later document, at least: the line break and the `---` marker. */
const LATER_DOCUMENT_TOKENS = 2;

/**
 * The value of a JSON stream in which its JSON tokens ({@link JsonStream.tokens}), all values
 * together, pass `maxTokens`, if they do: the budget of JSON that JSON.parse reads, counted by the
 * scan that found the values, without the lexer. Each value is also a document, which the YAML
 * lexer counts too (its start, and for each later one the line break and `---` before it): a stream
 * of many small values (`{}` a line, each a document with its own result) is held to about what the
 * lexer would count. JSON.parse builds no syntax tree, and its values take tens of bytes a token at
 * most (an empty object, with its comma), so the YAML reader's budget bounds its memory with room
 * to spare; its depth is bounded apart (the scan leaves values nested past the limit to the YAML
 * reader).
 */
export function oversizedJsonValue(stream: JsonStream, maxTokens: number): Oversized | undefined {
  let total = 0;
  for (let k = 0; k < stream.count; k++) {
    total += stream.tokens(k) + (k === 0 ? FIRST_DOCUMENT_TOKENS : LATER_DOCUMENT_TOKENS);
    if (total > maxTokens) return { budget: 'tokens', index: k + 1, line: stream.line(k) };
  }
  return undefined;
}

function isContent(token: string): boolean {
  return token !== DOCUMENT && token !== '\n' && token !== '\ufeff' && !/^\s*$/.test(token)
    && !token.startsWith('#') && !token.startsWith('%');
}
