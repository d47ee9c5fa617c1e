/**
 * The compound commands of a read script (`while …; do …; done < file`, `{ …; } < file`,
 * `… | while …`), which give the commands inside them what they read, and the shell variables
 * that hold secrets, scoped to the subshells a compound after a `|` runs in.
 */
import { Word } from './shell-words';

/** Keywords that open a compound command, each with the keyword that closes it. */
const OPENERS: ReadonlyMap<string, string> = new Map([
  ['{', '}'], ['while', 'done'], ['until', 'done'], ['for', 'done'], ['select', 'done'], ['if', 'fi'], ['case', 'esac'],
]);

/** Keywords that close a compound command. */
const CLOSERS: ReadonlySet<string> = new Set(['}', 'done', 'fi', 'esac']);

/** Keywords that may stand before an opening one in the same command (`then while …`, `do {`, `! {`). */
const BEFORE_OPENER: ReadonlySet<string> = new Set(['then', 'else', 'elif', 'do', '!', 'time']);

/**
 * For each command that opens compound commands, the indexes of the commands that close them,
 * innermost first (`{ while read -r x` opens two, closed by `done` and then `}`). A compound left
 * open, or closed by the wrong keyword, is left out. Reads each word once at most.
 */
export function compoundEnds(commands: readonly Word[][]): Map<number, number[]> {
  const ends = new Map<number, number[]>();
  const open: { at: number; closer: string }[] = [];
  commands.forEach((command, i) => {
    for (const w of command) {
      if (w.redirect || w.vars.length > 0) break;
      const closer = OPENERS.get(w.text);
      if (closer !== undefined) {
        open.push({ at: i, closer });
      } else if (CLOSERS.has(w.text)) {
        if (open[open.length - 1]?.closer !== w.text) break;
        const opened = open.pop()!;
        const list = ends.get(opened.at);
        if (list === undefined) ends.set(opened.at, [i]);
        else list.push(i);
      } else if (!BEFORE_OPENER.has(w.text)) {
        break;
      }
    }
  });
  return ends;
}

/**
 * The shell variables that hold secrets, each with the secrets it holds. What is set in a
 * subshell (a compound command after a `|`, or a shell the script runs) is undone when it ends:
 * `echo "$PASS" | { read -r x; }` leaves x empty. Undoing costs what the subshell changed, not
 * what the shell holds.
 */
export class Holders {
  /** The secrets each variable holds; `undefined` once a subshell that set it ended (deleting entries makes a large Map rehash). */
  private readonly held = new Map<string, string[] | undefined>();
  /** For each subshell the script stands in, innermost last, what it changed, to undo. */
  private readonly journals: { name: string; before: string[] | undefined }[][] = [];

  /** The secrets a variable holds. */
  public get(name: string): string[] | undefined {
    return this.held.get(name);
  }

  public set(name: string, secrets: string[]): void {
    this.journals[this.journals.length - 1]?.push({ name, before: this.held.get(name) });
    this.held.set(name, secrets);
  }

  public enterSubshell(): void {
    this.journals.push([]);
  }

  public leaveSubshell(): void {
    const journal = this.journals.pop() ?? [];
    for (let k = journal.length - 1; k >= 0; k--) {
      this.held.set(journal[k].name, journal[k].before);
    }
  }
}
