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
 * does ({@link TokenCounter}, over the whole text). Short texts are not lexed at all.
 */
export function oversizedDocument(text: string, maxTokens: number, maxDepth = Infinity): Oversized | undefined {
  const counter = TokenCounter.for(text, maxTokens, maxDepth);
  if (!counter) return undefined;
  for (const token of new Lexer().lex(text)) {
    const oversized = counter.add(token);
    if (oversized) return oversized;
  }
  return undefined;
}

/**
 * Counts the lexer's tokens of a YAML text one at a time, as the reader reads them: the document
 * in which the text passes `maxTokens` tokens, or nests collections more than `maxDepth` deep in
 * flow style or in one line of block indicators. The parser builds a syntax tree of a few hundred
 * bytes per token, and one node per level, before anything can be checked, so a 10 MiB flow
 * sequence of `{},{},…`, or a megabyte of `[`, would take more memory than Node.js has; the lexer
 * only yields strings, so a reader that stops at the first token past a budget never holds more.
 */
export class TokenCounter {
  /**
   * A counter for a text, or `undefined` when the text cannot pass either budget: too short for
   * `maxTokens` tokens, and (under 64 KiB, or by a count of its brackets and indicators) for `maxDepth` levels.
   */
  public static for(text: string, maxTokens: number, maxDepth = Infinity): TokenCounter | undefined {
    const countTokens = text.length * MAX_TOKENS_PER_CHAR > maxTokens;
    const measureDepth = text.length > DEPTH_SCAN_MIN_LENGTH && maxDepth < Infinity && mayNestDeeperThan(text, maxDepth);
    return countTokens || measureDepth ? new TokenCounter(countTokens ? maxTokens : Infinity, measureDepth ? maxDepth : Infinity) : undefined;
  }

  private index = 0;
  private line = 1;
  private startLine = 1;
  private open = false;
  private total = 0;
  private previous = '';
  private flow = 0;
  private indicators = 0;

  private constructor(private readonly maxTokens: number, private readonly maxDepth: number) {}

  /** Counts the next token of the lexer; where the text passes a budget, once it does. */
  public add(token: string): Oversized | undefined {
    const marker = this.previous !== SCALAR && (token === '---' || token === '...');
    if (marker && token === '---') {
      this.index++;
      this.open = true;
      this.startLine = this.line;
      this.flow = 0;
    } else if (marker) {
      this.open = false;
    } else if (!this.open && isContent(token)) {
      this.index++;
      this.open = true;
      this.startLine = this.line;
    }
    if (++this.total > this.maxTokens) return { budget: 'tokens', index: Math.max(this.index, 1), line: this.startLine };
    if (this.maxDepth < Infinity && this.previous !== SCALAR && token.length === 1) {
      if (token === '[' || token === '{') this.flow++;
      else if ((token === ']' || token === '}') && this.flow > 0) this.flow--;
      else if (this.flow === 0 && (token === '-' || token === '?')) this.indicators++;
      if (this.flow > this.maxDepth || this.indicators > this.maxDepth) return { budget: 'depth', index: Math.max(this.index, 1), line: this.startLine };
    }
    if (token === '\n') this.indicators = 0;
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) this.line++;
    this.previous = token;
    return undefined;
  }
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
