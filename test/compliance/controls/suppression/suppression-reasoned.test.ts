import { suppressionReasoned } from '../../../../src/compliance/controls/suppression/suppression-reasoned';
import { check, deployment, messages, outcome } from '../../helpers';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const KEY = 'soc2.cdk8s.io/suppress.pod-run-as-non-root';
const withSuppression = (value: string) => deployment('api', POD, { annotations: { [KEY]: value } });

describe('suppression-reasoned', () => {
  test('passes a suppression with a real reason and a future expiry', () => {
    expect(outcome(suppressionReasoned, [withSuppression('until 2027-03-31: vendor image runs as root; tracked in SEC-142')])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a placeholder reason, at the annotation', () => {
    expect(check(suppressionReasoned, [withSuppression('TODO')]).map(r => [r.message, r.path])).toEqual([[
      'suppression of pod-run-as-non-root has no real reason: "TODO" is a placeholder, not a reason',
      `metadata.annotations["${KEY}"]`,
    ]]);
  });

  test('fails an expired suppression and an invalid date', () => {
    expect(messages(suppressionReasoned, [withSuppression('until 2026-01-31: vendor image runs as root; tracked in SEC-142')]))
      .toEqual(['suppression of pod-run-as-non-root expired on 2026-01-31']);
    expect(messages(suppressionReasoned, [withSuppression('until 2027-02-30: vendor image runs as root; tracked in SEC-142')]))
      .toEqual(['suppression of pod-run-as-non-root has an expiry "2027-02-30" that is not a day of the calendar']);
  });

  test.each(['until 2020-01-01 vendor image runs as root', 'until 2020-01-01 - vendor image runs as root', 'expires 2020-01-01: vendor image runs as root'])(
    'fails a dated suppression written without "until DATE:", which would otherwise never expire: "%s"', value => {
      expect(messages(suppressionReasoned, [withSuppression(value)])).toEqual([
        'suppression of pod-run-as-non-root begins like a date but is not written "until YYYY-MM-DD: reason", so its date would be ignored and it would never expire',
      ]);
    });

  test('fails a suppression written as null, a sequence or a mapping: it gives no reason', () => {
    for (const value of [null, ['a', 'b'], { reason: 'vendor image runs as root' }]) {
      expect(messages(suppressionReasoned, [withSuppression(value as never)])).toEqual(['suppression of pod-run-as-non-root has no real reason: the reason is empty']);
    }
  });

  test('cannot be suppressed', () => {
    expect(suppressionReasoned.suppressible).toBe(false);
  });

  test('does not apply to objects without suppressions', () => {
    expect(outcome(suppressionReasoned, [deployment('api', POD, { annotations: { 'example.com/note': 'x' } })])).toEqual({});
  });
});
