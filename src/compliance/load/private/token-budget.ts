import { Lexer } from 'yaml';

/** The lexer's marks that are not source text: document, flow end, scalar. */
const DOCUMENT = '\u0002';
const SCALAR = '\u001f';

/** Where a document that is too large to parse starts, and which budget it exceeds. */
export interface Oversized {
  /** 1-based document number. */
  readonly index: number;
  /** 1-based line where it starts. */
  readonly line: number;
  /** `document`: the document alone is over its budget; `stream`: it takes the whole text over its budget. */
  readonly over: 'document' | 'stream';
}

/** No text yields more than this many lexer tokens per character (`1,1,1,…` yields 1.5). */
const MAX_TOKENS_PER_CHAR = 2;

/**
 * The first document of a YAML stream with more than `maxDocumentTokens` lexical tokens, or the
 * one that takes the stream over `maxStreamTokens`, if any. The parser builds a syntax tree of a
 * few hundred bytes per token before anything can be checked, so a 10 MiB flow sequence of
 * `{},{},…` would take more memory than Node.js has; the lexer only yields strings, so counting
 * its tokens first costs no memory. Texts too short to reach either budget are not lexed at all.
 */
export function oversizedDocument(text: string, maxDocumentTokens: number, maxStreamTokens = Infinity): Oversized | undefined {
  if (text.length * MAX_TOKENS_PER_CHAR <= Math.min(maxDocumentTokens, maxStreamTokens)) return undefined;
  let index = 0;
  let line = 1;
  let startLine = 1;
  let open = false;
  let tokens = 0;
  let total = 0;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    const marker = previous !== SCALAR && (token === '---' || token === '...');
    if (marker && token === '---') {
      index++;
      open = true;
      tokens = 0;
      startLine = line;
    } else if (marker) {
      open = false;
    } else if (!open && isContent(token)) {
      index++;
      open = true;
      tokens = 0;
      startLine = line;
    }
    if (open && ++tokens > maxDocumentTokens) return { index, line: startLine, over: 'document' };
    if (++total > maxStreamTokens) return { index: Math.max(index, 1), line: startLine, over: 'stream' };
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) line++;
    previous = token;
  }
  return undefined;
}

function isContent(token: string): boolean {
  return token !== DOCUMENT && token !== '\n' && token !== '\ufeff' && !/^\s*$/.test(token)
    && !token.startsWith('#') && !token.startsWith('%');
}
