import { defineControl, fail, pass } from '../../control';
import { organisationLimit, suppressionKey, suppressionProblem, suppressionsOf } from '../../suppressions';
import { CheckContext, CheckResult, Control, IndexedObject, Suppression } from '../../types';
import { annotationPath } from './private/annotation-path';
import { objectsWithSuppressions } from './private/suppressed-objects';

const memos = new WeakMap<ReadonlyMap<string, Control>, Map<string, string | undefined>>();

/**
 * The problem of a suppression on an object, by the rules the engine honours suppressions by;
 * memoised per catalogue, since the same annotation often recurs on many objects.
 */
function problemOf(ctx: CheckContext, o: IndexedObject, s: Suppression): string | undefined {
  let memo = memos.get(ctx.catalogue);
  if (!memo) memos.set(ctx.catalogue, memo = new Map());
  const control = ctx.catalogue.get(s.controlId);
  const limit = organisationLimit(ctx.config.maxSuppressionDays, control, o);
  const key = `${ctx.config.today}\n${limit ?? ''}\n${s.controlId}\n${s.expires ?? ''}\n${s.reason}`;
  if (!memo.has(key)) memo.set(key, suppressionProblem(s, ctx.config.today, control, limit));
  return memo.get(key);
}

/** Every suppression is an explicit, reasoned and current exception. */
export const suppressionReasoned = defineControl({
  id: 'suppression-reasoned',
  title: 'Suppressions have a reason and a valid expiry',
  condition: 'Every suppression annotation gives a real reason (not empty, not a placeholder, at least two words) and, when it has '
    + 'an expiry, a valid date that has not passed; controls that accept only dated windows get an expiry, and under the '
    + 'maxSuppressionDays setting every suppression expires within that many days.',
  severity: 'high',
  criteria: ['CC8.1', 'CC7.1'],
  references: {},
  remediation: 'Write why the exception is acceptable and where it is tracked, e.g. '
    + 'soc2.cdk8s.io/suppress.<control>: "until 2027-03-31: vendor image writes /var/cache; SEC-142"; renew or remove expired ones, '
    + 'and date each one within the maxSuppressionDays setting when it is set.',
  example: 'metadata:\n  annotations:\n    soc2.cdk8s.io/suppress.pod-read-only-root-fs: "until 2027-03-31: vendor image writes /var/cache; SEC-142"',
  suppressible: false,
  check: ctx => {
    const out: CheckResult[] = [];
    for (const o of objectsWithSuppressions(ctx.index)) {
      const suppressions = suppressionsOf(o);
      const problems: { message: string; path: string }[] = [];
      for (const s of suppressions.values()) {
        const message = problemOf(ctx, o, s);
        if (message) problems.push({ message, path: annotationPath(suppressionKey(s.controlId)) });
      }
      out.push(problems.length === 0 ? pass(o) : fail(o, problems.map(p => p.message).join('; '), problems[0].path));
    }
    return out;
  },
});
