/**
 * The words a shell script is read into (shell-reader.ts), and what shell-script.ts asks of them:
 * the variables each word expands, where, and whether it is an argument or a redirection.
 */

/** Keywords and builtins before a command that run it (`if`, `until`, `exec`, `command`, `time`). */
export const PREFIXES: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', 'exec', 'command', 'builtin', 'time', 'nohup']);

/** The name under which `$@` and `$*` (the positional parameters) are recorded as an expansion. */
export const POSITIONAL = '@';

/** How deep command substitutions are read; deeper ones are read as text (the shells themselves stop at some depth). */
export const MAX_NESTING = 32;

/** A word of a simple command: its text with quotes removed, and the variables it expands (outside single quotes). */
export interface Word {
  text: string;
  readonly vars: string[];
  /** Whether the word is the target of a redirection (`> file`), which is no argument. */
  redirect: boolean;
  /** Whether the redirection feeds the command's standard input: a file (`< file`) or a here-string (`<<< "$PASS"`). */
  input: boolean;
  /**
   * Whether the word stands for the pipe a command reads (`echo "$PASS" | read x`), added after
   * its words as an input redirection whose variables are what the command before the `|` outputs.
   * @default false
   */
  pipe?: boolean;
  /**
   * Where the word's text holds an expansion (`$PASS`, `${PASS:-}`, `$(cat file)`) and what it
   * expands to: the places `eval` or a shell given the word reads the values at.
   * @default - none
   */
  spans?: Span[];
  /**
   * Whether the word is the value of one expansion of the text `eval` or a shell re-reads
   * (`eval "$CMD"`): code the script does not show.
   * @default false
   */
  value?: boolean;
  /**
   * For a here-document, whether its delimiter is quoted (`<<'EOF'`: the body is read as it
   * stands) or not (`<<EOF`: the shell expands `$VAR`, `$(…)` and backticks in it); the word's
   * text is the body, and it is a redirection of standard input. `string` for a here-string
   * (`<<< "…"`), whose text is what it feeds.
   * @default - the word is no here-document
   */
  heredoc?: 'quoted' | 'expanded' | 'string';
}

/** An expansion in a word's text: from `start` to `end`, and the variables (or files) whose values it expands to. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly names: readonly string[];
}

/**
 * What a redirection of standard input feeds: the variables a here-string or here-document
 * expands (a here-string of a path feeds the path's text, not the file), or a file named by its
 * absolute path.
 */
export function inputOf(word: Word): string[] {
  if (word.vars.length > 0 || word.heredoc !== undefined) return word.vars;
  return word.text.startsWith('/') ? [word.text] : [];
}

/** What a reading of a script could not read: substitutions nested deeper than {@link MAX_NESTING}. */
export interface ReadLimits {
  /** Whether a command substitution stood too deep to be read as one. */
  deep: boolean;
}

/** Appends an expansion to a word: its text, the names whose values it expands, and where it stands. */
export function expand(w: Word, text: string, names: readonly string[]): void {
  (w.spans ??= []).push({ start: w.text.length, end: w.text.length + text.length, names });
  w.vars.push(...names);
  w.text += text;
}

/** Whether a word is an assignment before a command (`PGPASSWORD=… psql`), which sets the program's environment, not its arguments. */
export function isAssignment(word: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(word.text);
}
