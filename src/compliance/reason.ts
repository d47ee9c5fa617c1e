/**
 * What counts as a real, written reason: for suppressions in the YAML and for the `reason` props
 * that loosen a construct's default. A reason is read by a reviewer and an auditor, so it must
 * say something.
 */

/** The shortest reason accepted, in characters (after trimming). */
export const MIN_REASON_LENGTH = 10;

/** Words that say nothing on their own: a reason needs two words besides them. */
const FILLER = /^(?:todo|tbd|tbc|fixme|xxx+|n\/?a|none|null|undefined|reason|because|temp|temporary|test|testing|wip|later|fix|will|ignore|ignored|suppress(?:ed)?|needed|required|ok|okay)$/i;

/** The placeholders of {@link FILLER} spelt out (`not applicable`, `to be determined`, …): each counts as one filler word. */
const FILLER_PHRASES = /\b(?:not\s+applicable|to\s+be\s+(?:determined|decided|defined|done|confirmed)|work\s+in\s+progress|no\s+reason(?:\s+given)?)\b/gi;

/**
 * Why `reason` is not an acceptable reason, or `undefined` when it is. Rejects empty strings,
 * placeholders (`TODO`, `n/a`, `tbd`, `n/a n/a`, `-`, `not applicable`, …), text shorter than
 * {@link MIN_REASON_LENGTH} characters and single words (`legacy`, `exception`): a reason is at
 * least two words that say something.
 */
export function whyReasonInvalid(reason: unknown): string | undefined {
  if (reason === undefined || reason === null) return 'the reason is empty';
  if (typeof reason !== 'string') return 'the reason must be text';
  const text = reason.trim();
  if (text === '') return 'the reason is empty';
  // Words without the punctuation around them (`todo:` → `todo`); `n/a` keeps its slash.
  const words = text.replace(FILLER_PHRASES, 'n/a').split(/\s+/).map(w => w.replace(/^[^a-z0-9/]+|[^a-z0-9/]+$/gi, '')).filter(w => /[a-z0-9]/i.test(w));
  const saying = words.filter(w => !FILLER.test(w));
  if (saying.length === 0 || /^\W*(?:todo|tbd|fixme)\b/i.test(text)) return `"${text}" is a placeholder, not a reason`;
  if (text.length < MIN_REASON_LENGTH) return `"${text}" is shorter than ${MIN_REASON_LENGTH} characters`;
  if (words.length < 2) return `"${text}" is a single word, not a reason`;
  // `n/a - will fix later`, `xxx legacy`: words, but fewer than two that say anything.
  if (saying.length < 2) return `"${text}" is a placeholder, not a reason`;
  return undefined;
}

/**
 * Whether a reason begins like a date or an expiry (`until 2027-03-31 …`, `expires …`,
 * `2027-03-31: …`): a suppression written so is meant to be dated, and reading it as a plain
 * reason would make it permanent.
 */
export function looksDated(reason: string): boolean {
  const start = reason.trimStart();
  const afterWord = /^(?:untill|until|till|expires?|expiry|valid\s+until)\s*[:=-]?\s*/i.exec(start);
  const rest = afterWord ? start.slice(afterWord[0].length) : start;
  // A date in any common spelling: 2027-03-31, 2027/03/31, 2027.03.31, 31.03.2027, 03/31/2027, 20270331.
  return /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{8})(?!\d)/.test(rest);
}

/** Whether `date` is a valid ISO calendar date (YYYY-MM-DD). */
export function isIsoDate(date: unknown): date is string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
