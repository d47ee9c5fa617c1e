/**
 * How the commands of a shell script are read (shell-commands.ts): what holds secrets, the
 * functions and parameters in scope, how deep the reading stands, and what it found on the way.
 */
import { MAX_SPLITS } from '../../../common/launchers';
import { ShellFunctions } from './shell-functions';
import { Marks } from './shell-marks';

/**
 * How many texts read again inside each other are read: `eval`, the script of a shell the script
 * runs (`bash -c '…'`, a here-document given to `sh`), a command line env's `-S` splits. No real
 * script nests eight; a deeper one is not read further, and its reading is marked as cut short
 * (each level reads its text once more: the bound keeps the reading linear).
 */
export const MAX_REREADS = MAX_SPLITS;

/** Shells that run the last command of a pipeline in the shell itself, so that `… | read x` sets x there (bash does after `shopt -s lastpipe`). */
export const LASTPIPE_SHELLS = /^(?:zsh|ksh|ksh93)$/;

/** Where a variable is expanded into a program's arguments. */
export interface ArgumentExpansion {
  /** The variable. */
  readonly name: string;
  /** The program whose arguments hold its value (its file name). */
  readonly program: string;
  /** The shell variable the script expands, when it is not the variable itself (`password_aux`). @default - the variable itself */
  readonly through?: string;
  /** The shell function the script calls with it, which passes it on to the program. @default - none: the script runs the program itself */
  readonly function?: string;
  /** What expands it, when not the shell: `env -S` (`env -S 'mysql -p${PASS}'`). @default - the shell */
  readonly by?: string;
}

/** Why a script could not be read to the end of its nesting. */
export type CutShort = 'rereads' | 'substitutions' | 'functions';

/** What the reading of a script found besides the expansions: shared by every text read inside it. */
export interface ReadReport {
  /** Whether a command it runs passes a literal credential (`mysql -p…` in a here-document given to `sh`). */
  literal: boolean;
  /** Whether the script or its parameters name a client that takes a password by a flag of its own: if not, no command it runs can. */
  readonly namesClient: boolean;
  /** Where its nesting went deeper than the reading reads. */
  readonly cutShort: Set<CutShort>;
  /** The positional parameters the command line gives the script (its own, not an inner shell's). @default - none */
  readonly lineParameters?: readonly string[];
  /** Those of them (by index, `$0` first) a command passes as (a part of) a literal credential: the credential is theirs. */
  readonly literalParameters: Set<number>;
}

/** How commands are read. */
export interface Reading {
  /** The variables (and files, by absolute path) that hold secrets. */
  readonly names: { has(name: string): boolean };
  /** The functions the script defines. */
  readonly functions: ShellFunctions<ArgumentExpansion>;
  /** How deep in function calls and shells the script runs the commands stand. */
  readonly depth: number;
  /** How many texts read again (`eval`, a shell's script) the commands stand in. */
  readonly rereads: number;
  /** Whether the last command of a pipeline runs in the shell itself (zsh, ksh, bash after `shopt -s lastpipe`). */
  readonly lastpipe: boolean;
  /** The values the marks of re-read texts stand for. */
  readonly marks: Marks;
  /** The positional parameters (`$0`, `$1`, …) when the command line gives them (`sh -c '…' sh a b`). @default - not known */
  readonly positional?: readonly string[];
  /** The mount paths of the container, where a path argument may point at a mounted secret file. */
  readonly mountPaths: readonly string[];
  readonly report: ReadReport;
}
