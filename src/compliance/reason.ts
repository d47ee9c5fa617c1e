/**
 * What counts as a real, written reason: for suppressions in the YAML and for the `reason` props
 * that loosen a construct's default. A reason is read by a reviewer and an auditor, so it must
 * say something.
 */

/** The shortest reason accepted, in characters (after trimming). */
export const MIN_REASON_LENGTH = 10;

const PLACEHOLDERS = /^(?:todo|tbd|tbc|fixme|xxx+|n\/?a|none|null|undefined|reason|because|temp|temporary|test|testing|wip|later|fix later|ignore|ignored|suppress(?:ed)?|needed|required|ok|okay|-+|\.+|\?+)$/i;

/**
 * Why `reason` is not an acceptable reason, or `undefined` when it is. Rejects empty strings,
 * placeholders (`TODO`, `n/a`, `tbd`, …), text shorter than {@link MIN_REASON_LENGTH} characters
 * and single words (`legacy`, `exception`): a reason is at least two words.
 */
export function whyReasonInvalid(reason: unknown): string | undefined {
  if (reason === undefined || reason === null) return 'the reason is empty';
  if (typeof reason !== 'string') return 'the reason must be text';
  if (reason.trim() === '') return 'the reason is empty';
  const text = reason.trim();
  const stripped = text.replace(/[\s:;,.!-]+$/g, '').replace(/^[\s:;,.!-]+/g, '');
  if (PLACEHOLDERS.test(stripped) || /^(?:todo|tbd|fixme)\b/i.test(stripped)) return `"${text}" is a placeholder, not a reason`;
  if (text.length < MIN_REASON_LENGTH) return `"${text}" is shorter than ${MIN_REASON_LENGTH} characters`;
  if (text.split(/\s+/).filter(w => /[a-z0-9]/i.test(w)).length < 2) return `"${text}" is a single word, not a reason`;
  return undefined;
}

/** Whether `date` is a valid ISO calendar date (YYYY-MM-DD). */
export function isIsoDate(date: unknown): date is string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
