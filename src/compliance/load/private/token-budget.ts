import { Lexer } from 'yaml';

/** The lexer's marks that are not source text: document, flow end, scalar. */
const DOCUMENT = '\u0002';
const SCALAR = '\u001f';

/** Where the document that takes a text over its token budget starts. */
export interface Oversized {
  /** 1-based document number. */
  readonly index: number;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** No text yields more than this many lexer tokens per character (`1,1,1,…` yields 1.5). */
const MAX_TOKENS_PER_CHAR = 2;

/**
 * The document of a YAML stream in which the text passes `maxTokens` lexical tokens, if it does.
 * The parser builds a syntax tree of a few hundred bytes per token before anything can be checked,
 * so a 10 MiB flow sequence of `{},{},…` would take more memory than Node.js has; the lexer only
 * yields strings, so counting its tokens first costs no memory. Texts too short to reach the
 * budget are not lexed at all.
 */
export function oversizedDocument(text: string, maxTokens: number): Oversized | undefined {
  if (text.length * MAX_TOKENS_PER_CHAR <= maxTokens) return undefined;
  let index = 0;
  let line = 1;
  let startLine = 1;
  let open = false;
  let total = 0;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    const marker = previous !== SCALAR && (token === '---' || token === '...');
    if (marker && token === '---') {
      index++;
      open = true;
      startLine = line;
    } else if (marker) {
      open = false;
    } else if (!open && isContent(token)) {
      index++;
      open = true;
      startLine = line;
    }
    if (++total > maxTokens) return { index: Math.max(index, 1), line: startLine };
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) line++;
    previous = token;
  }
  return undefined;
}

function isContent(token: string): boolean {
  return token !== DOCUMENT && token !== '\n' && token !== '\ufeff' && !/^\s*$/.test(token)
    && !token.startsWith('#') && !token.startsWith('%');
}
