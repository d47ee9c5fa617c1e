/** What the shell's own `read` and `mapfile` set: the names after their options. */
import { NAME } from './shell-functions';
import { Word } from './shell-words';

/** Options of `read` whose value is the next word (`-p prompt`, `-d delim`); `-a` takes the name of an array, which is assigned. */
const READ_OPTION_VALUE = /^-[A-Za-z]*[pdnNtu]$/;

/** Options of `mapfile` (`readarray`) whose value is the next word (`-d ,`, `-n 10`, `-u 3`, `-C callback`). */
const MAPFILE_OPTION_VALUE = /^-[A-Za-z]*[dnOsuCc]$/;

/** The array `mapfile` (`readarray`) sets: the name after its options, else `MAPFILE`. */
export function arrayName(words: readonly Word[]): string {
  for (let i = 0; i < words.length; i++) {
    const t = words[i].text;
    if (!t.startsWith('-') || t === '-') return NAME.test(t) && words[i].vars.length === 0 ? t : 'MAPFILE';
    if (MAPFILE_OPTION_VALUE.test(t)) i++;
  }
  return 'MAPFILE';
}

/** The variables `read` sets: the names after its options (and the array of `-a name`), else `REPLY`. */
export function readNames(words: readonly Word[]): string[] {
  const out: string[] = [];
  let named = false;
  for (let i = 0; i < words.length; i++) {
    const t = words[i].text;
    if (t.startsWith('-')) {
      if (READ_OPTION_VALUE.test(t)) i++;
      else if (/^-[A-Za-z]*a$/.test(t) && NAME.test(words[i + 1]?.text ?? '')) out.push(words[++i].text);
      continue;
    }
    named = true;
    if (NAME.test(t) && words[i].vars.length === 0) out.push(t);
  }
  return out.length > 0 || named ? out : ['REPLY'];
}
