import { Control, FrameworkReferences } from '../types';
import { distance } from './suggest';

/** The scanners whose check ids the controls list in their references, as the CLI names them. */
const SCANNERS: ReadonlyArray<readonly [keyof FrameworkReferences, string]> = [
  ['kubescape', 'Kubescape'],
  ['polaris', 'Polaris'],
  ['kubeScore', 'kube-score'],
];

/** Words of an id that say nothing about what a control checks. */
const STOP_WORDS = new Set([
  'a', 'all', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'by', 'control', 'every', 'for', 'from', 'has', 'have', 'in', 'is', 'it',
  'its', 'no', 'not', 'of', 'on', 'only', 'or', 'such', 'that', 'the', 'this', 'to', 'with',
]);

/** A scanner's name written before its check id (`kubescape:C-0017`, `kube-score/service-type`). */
const SCANNER_PREFIX = /^(?:kubescape|polaris|kube-?score)\s*[:/.]\s*/i;

/** What an unknown control id was probably meant to be. */
export interface ControlIdSuggestion {
  /** The control ids, in catalogue order. */
  readonly ids: readonly string[];
  /** The scanner check the id names, when it is one (`kube-score service-type`). @default - not a scanner's id */
  readonly reference?: string;
}

/**
 * The controls an unknown control id was probably meant to be, tried in this order: a check id of
 * Kubescape, Polaris or kube-score that the controls list in their references (case-insensitive,
 * with or without the scanner's name or Kubescape's `C-`), a CIS Kubernetes Benchmark section
 * they reference (`5.2.2`, `CIS 5.1.10` within `5.1.9–5.1.13`), a close misspelling of a control id,
 * then the controls sharing most words with it (its `-`-separated words against the words of a
 * control's id, title and condition: at least two, and at least half of the id's words), or for
 * an id of one word the controls whose own id has that word (at most three);
 * `undefined` when nothing is close.
 */
export function suggestControlId(id: string, controls: Iterable<Control>): ControlIdSuggestion | undefined {
  const list = [...controls];
  const query = String(id).trim();
  return byReference(query, list) ?? byCisSection(query, list) ?? bySpelling(query, list) ?? byWords(query, list);
}

/** `did you mean "a"?`, `did you mean "a" or "b"?`, naming the scanner check when it is one. */
export function controlIdHint(s: ControlIdSuggestion): string {
  const quoted = s.ids.map(i => `"${i}"`);
  const alternatives = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return `did you mean ${alternatives}?${s.reference === undefined ? '' : ` (the control${s.ids.length === 1 ? '' : 's'} that cover${s.ids.length === 1 ? 's' : ''} ${s.reference})`}`;
}

/** A Kubescape id's number (`C-0017`, `c-17`, `0017` → `17`), or the id lower-cased. */
function referenceKey(ref: string): string {
  const m = /^(?:c-)?0*(\d+)$/i.exec(ref);
  return m ? `C-${m[1]}` : ref.toLowerCase();
}

function byReference(query: string, controls: readonly Control[]): ControlIdSuggestion | undefined {
  const key = referenceKey(query.replace(SCANNER_PREFIX, ''));
  for (const [field, scanner] of SCANNERS) {
    let written: string | undefined;
    const ids: string[] = [];
    for (const c of controls) {
      const ref = (c.references?.[field] as readonly string[] | undefined)?.find(r => referenceKey(r) === key);
      if (ref === undefined) continue;
      written ??= ref;
      ids.push(c.id);
    }
    if (written !== undefined) return { ids, reference: `${scanner} ${written}` };
  }
  return undefined;
}

/** A CIS Kubernetes Benchmark section, with or without `CIS` before it (`5.2.2`, `cis-5.2.2`, `CIS 5.2.2`). */
const CIS_SECTION = /^(?:cis[\s:/.-]*)?(\d+(?:\.\d+)+)$/i;

/** The sections a control's `cis` reference lists: `5.2.3, 5.2.4`, or a range `5.1.9–5.1.13` of one subsection. */
function cisSections(ref: string): string[] {
  const out: string[] = [];
  for (const part of ref.split(',')) {
    const [from, to] = part.trim().split(/\s*[–-]\s*/);
    const last = (s: string) => Number(s.slice(s.lastIndexOf('.') + 1));
    const prefix = from.slice(0, from.lastIndexOf('.') + 1);
    if (to === undefined || !to.startsWith(prefix)) {
      out.push(from);
      continue;
    }
    for (let n = last(from); n <= last(to); n++) out.push(`${prefix}${n}`);
  }
  return out;
}

function byCisSection(query: string, controls: readonly Control[]): ControlIdSuggestion | undefined {
  const section = CIS_SECTION.exec(query)?.[1];
  if (section === undefined) return undefined;
  const ids = controls.filter(c => c.references?.cis !== undefined && cisSections(c.references.cis).includes(section)).map(c => c.id);
  return ids.length === 0 ? undefined : { ids, reference: `CIS ${section}` };
}

/** The most edits a misspelt id may be from the control id: one per six characters, 1 to 3. */
function spellingLimit(word: string): number {
  return Math.max(1, Math.min(3, Math.floor(word.length / 6)));
}

function bySpelling(query: string, controls: readonly Control[]): ControlIdSuggestion | undefined {
  const q = query.toLowerCase();
  let best: string[] = [];
  let bestDistance = spellingLimit(q) + 1;
  for (const c of controls) {
    const d = distance(q, c.id.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [[c.id], d];
    else if (d === bestDistance) best.push(c.id);
  }
  return best.length === 1 ? { ids: best } : undefined;
}

/** A word reduced to a common form: lower case, a plural's `s` or `ies` dropped. */
function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/**
 * The content words of a text: camelCase and acronyms split (`NodePort`, `externalIPs`) and kept
 * whole as well (`nodeport`, as an id spells it), stop words and bare numbers left out.
 */
function wordsOf(text: string): Set<string> {
  const tokens = text.split(/[^A-Za-z0-9]+/).flatMap(token => {
    const parts = token.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(' ');
    return parts.length > 1 ? [...parts, token] : parts;
  });
  return new Set(tokens.filter(w => w !== '' && !/^\d+$/.test(w)).map(stem).filter(w => !STOP_WORDS.has(w)));
}

function byWords(query: string, controls: readonly Control[]): ControlIdSuggestion | undefined {
  const words = wordsOf(query.replace(/[_.]/g, '-'));
  if (words.size === 1) return byIdWord([...words][0], controls);
  if (words.size < 2) return undefined;
  let best: string[] = [];
  let bestScore = 0;
  for (const c of controls) {
    const idWords = wordsOf(c.id);
    const text = wordsOf(`${c.title} ${c.condition}`);
    const shared = [...words].filter(w => idWords.has(w) || text.has(w));
    // At least two words and half of them in common; a word of the control's id counts twice.
    if (shared.length < 2 || shared.length * 2 < words.size) continue;
    const score = shared.length + shared.filter(w => idWords.has(w)).length;
    if (score > bestScore) [best, bestScore] = [[c.id], score];
    else if (score === bestScore) best.push(c.id);
  }
  return best.length === 0 || best.length > 3 ? undefined : { ids: best };
}

/** The controls whose id has `word` among its words (`privileged` → `pod-no-privileged`), when at most three do. */
function byIdWord(word: string, controls: readonly Control[]): ControlIdSuggestion | undefined {
  const ids = controls.filter(c => wordsOf(c.id).has(word)).map(c => c.id);
  return ids.length === 0 || ids.length > 3 ? undefined : { ids };
}
