/**
 * The shell functions a script defines (`name() { … }`, `function name { … }`), each with its
 * body, and what each passes its parameters to, worked out once.
 */
import { MAX_NESTING, POSITIONAL, Word } from './shell-words';

/** The names a shell variable or function may be: what `for`, `read` and assignments set. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The positional parameters a function's body reads its arguments by (`$1` … `$9`, and `$@` or `$*` for all). */
export const PARAMETERS: { has(name: string): boolean } = { has: name => name === POSITIONAL || /^[1-9]$/.test(name) };

/**
 * The functions a script defines, each with its body: the commands from the `{` after the
 * definition to its matching `}`, without those of the functions defined inside it, so that every
 * command is read once. What each passes its parameters to (`T`, found by the reading given to
 * {@link sinksOf}) is worked out once, when first called.
 */
export class ShellFunctions<T> {
  private readonly bodies = new Map<string, Word[][]>();
  private readonly sinks = new Map<string, T[]>();

  constructor(commands: readonly Word[][]) {
    const open: { name: string; body: Word[][]; depth: number }[] = [];
    let depth = 0;
    for (const command of commands) {
      if (command.length === 2 && command[0].text === 'function' && command[0].vars.length === 0 && NAME.test(command[1].text)) {
        const body: Word[][] = [];
        if (!this.bodies.has(command[1].text)) this.bodies.set(command[1].text, body);
        open.push({ name: command[1].text, body, depth });
        continue;
      }
      open[open.length - 1]?.body.push(command);
      // Braces that open or close groups: `{` before a command, `}` after the keywords that end one (`done }`).
      for (const w of command) {
        if (w.text === '{' && w.vars.length === 0) depth++;
        else if (!['done', 'fi', 'esac', '}'].includes(w.text) || w.vars.length > 0) break;
        if (w.text === '}') depth = Math.max(0, depth - 1);
      }
      while (open.length > 0 && depth <= open[open.length - 1].depth && command !== open[open.length - 1].body[0]) open.pop();
    }
  }

  public has(name: string): boolean {
    return this.bodies.has(name);
  }

  /**
   * Where the function passes its parameters into a program's arguments, named `1` … `9` or `@`,
   * as `read` finds them in its body (a recursive call passes nothing more). A call `depth` calls
   * deep, {@link MAX_NESTING} or more, is not read: `deeper` is called instead.
   */
  public sinksOf(name: string, depth: number, read: (body: readonly Word[][]) => T[], deeper: () => void): T[] {
    const known = this.sinks.get(name);
    if (known !== undefined) return known;
    this.sinks.set(name, []);
    let found: T[] = [];
    if (depth < MAX_NESTING) found = read(this.bodies.get(name) ?? []);
    else deeper();
    this.sinks.set(name, found);
    return found;
  }
}
