/**
 * Marks of values in a text `eval` or a shell re-reads (`eval "mysql -p$PASS"`): each expansion
 * the first reading made is replaced by a mark that names what it expands to, so that the second
 * reading knows where the values stand, whatever quotes the re-read text puts around them.
 */

/** A word's text and where it holds expansions (a reader's `Word`), as {@link markedText} reads it. */
export interface SpannedText {
  readonly text: string;
  readonly spans?: readonly { readonly start: number; readonly end: number; readonly names: readonly string[] }[];
}

/**
 * The values a text re-read by `eval` or a shell stands for: the text of each expansion the first
 * reading made (`$PASS`, `$(cat /etc/secret/pw)`) and the names it expands, which a mark
 * ({@link MARK}) in the re-read text refers to by index.
 */
export type Marks = { readonly text: string; readonly names: readonly string[] }[];

/** A mark of a value in a re-read text: two private-use characters around the index of its entry in {@link Marks}. */
const MARK = /\uE000(\d+)\uE001/g;

/** The characters of a mark, which a script read first has removed (`sanitized`) so that no text forges one. */
const MARK_CHARACTERS = /[\uE000\uE001]/g;

/** A script without the characters that mark values in a re-read text. */
export function sanitized(script: string): string {
  return script.replace(MARK_CHARACTERS, '?');
}

/**
 * The text `eval` or a shell reads when given the word: its text, with each expansion the first
 * reading made replaced by a mark of its value, added to `marks` (marks of an earlier reading stay).
 */
export function markedText(word: SpannedText, marks: Marks): string {
  let out = '';
  let at = 0;
  for (const span of word.spans ?? []) {
    marks.push({ text: word.text.slice(span.start, span.end), names: span.names });
    out += `${word.text.slice(at, span.start)}\uE000${marks.length - 1}\uE001`;
    at = span.end;
  }
  return out + word.text.slice(at);
}

/** A text for reports with the marks of values shown as the expansions they stand for (`$PASS`). */
export function shownText(text: string, marks: Marks): string {
  return text.includes('\uE000') ? text.replace(MARK, (_, k: string) => marks[Number(k)]?.text ?? '') : text;
}

/** Whether a text holds a mark. */
export function holdsMarks(text: string): boolean {
  return text.includes('\uE000');
}

/** What the marks of a re-read word stand for: the names they expand, and whether the word is one value only (`eval "$CMD"`). */
export function marked(text: string, marks: Marks): { names: string[]; value: boolean } {
  const names = [...text.matchAll(MARK)].flatMap(m => marks[Number(m[1])]?.names ?? []);
  return { names, value: /^\uE000\d+\uE001$/.test(text) };
}
