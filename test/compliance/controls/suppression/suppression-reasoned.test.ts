import { CATALOGUE } from '../../../../src/compliance/catalogue';
import { resolveConfig } from '../../../../src/compliance/config';
import { suppressionReasoned } from '../../../../src/compliance/controls/suppression/suppression-reasoned';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
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

  describe('under the maxSuppressionDays setting (today 2026-11-27)', () => {
    const LIMIT = { maxSuppressionDays: 365 };

    test('passes an expiry exactly maxSuppressionDays days ahead, and an earlier one', () => {
      expect(outcome(suppressionReasoned, [withSuppression('until 2027-11-27: vendor image runs as root; tracked in SEC-142')], LIMIT)).toEqual({ 'Deployment/team/api': 'pass' });
      expect(outcome(suppressionReasoned, [withSuppression('until 2026-11-27: vendor image runs as root; tracked in SEC-142')], LIMIT)).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('fails an expiry one day beyond, naming the expiry, the limit and the latest allowed date, at the annotation', () => {
      expect(check(suppressionReasoned, [withSuppression('until 2027-11-28: vendor image runs as root; tracked in SEC-142')], LIMIT).map(r => [r.passed, r.message, r.path])).toEqual([[
        false,
        'suppression of pod-run-as-non-root expires 2027-11-28, more than 365 days after 2026-11-27 (maxSuppressionDays): set an expiry on or before 2027-11-27',
        `metadata.annotations["${KEY}"]`,
      ]]);
    });

    test('fails a suppression without an expiry, which it passes without the setting', () => {
      const undated = withSuppression('vendor image runs as root; tracked in SEC-142');
      expect(outcome(suppressionReasoned, [undated])).toEqual({ 'Deployment/team/api': 'pass' });
      expect(messages(suppressionReasoned, [undated], LIMIT)).toEqual([
        'suppression of pod-run-as-non-root has no expiry, and every suppression must expire within 365 days of 2026-11-27 (maxSuppressionDays): '
          + 'set an expiry on or before 2027-11-27 ("until 2027-11-27: reason")',
      ]);
    });

    test('counts from the run\'s today, and across a leap day', () => {
      expect(messages(suppressionReasoned, [withSuppression('until 2028-03-01: vendor image runs as root; tracked in SEC-142')], { maxSuppressionDays: 1, today: '2028-02-28' }))
        .toEqual(['suppression of pod-run-as-non-root expires 2028-03-01, more than 1 day after 2028-02-28 (maxSuppressionDays): set an expiry on or before 2028-02-29']);
    });

    test('still reports a missing reason or a past expiry as such', () => {
      expect(messages(suppressionReasoned, [withSuppression('TODO')], LIMIT)).toEqual(['suppression of pod-run-as-non-root has no real reason: "TODO" is a placeholder, not a reason']);
      expect(messages(suppressionReasoned, [withSuppression('until 2026-01-31: vendor image runs as root; tracked in SEC-142')], LIMIT))
        .toEqual(['suppression of pod-run-as-non-root expired on 2026-01-31']);
    });

    test('does not apply to objects without suppressions', () => {
      expect(outcome(suppressionReasoned, [deployment('api', POD)], LIMIT)).toEqual({});
    });

    const withCatalogue = (objects: unknown[], maxSuppressionDays: number) => suppressionReasoned.check({
      index: ManifestIndex.fromObjects(objects), config: resolveConfig({ today: '2026-11-27', maxSuppressionDays }),
      catalogue: new Map(CATALOGUE.map(c => [c.id, c])),
    }).filter(r => !r.passed).map(r => r.message);

    test('holds a control\'s own window to the shorter of it and the setting', () => {
      const permissive = {
        apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system',
          annotations: { 'soc2.cdk8s.io/suppress.mesh-no-permissive-mtls': 'until 2027-04-01: legacy clients move into the mesh; SEC-201' } },
        spec: { mtls: { mode: 'PERMISSIVE' } },
      };
      expect(withCatalogue([permissive], 90)).toEqual([
        'suppression of mesh-no-permissive-mtls expires 2027-04-01, more than 90 days after 2026-11-27 (maxSuppressionDays): set an expiry on or before 2027-02-25',
      ]);
      expect(withCatalogue([permissive], 365)).toEqual([]);
      const long = { ...permissive, metadata: { ...permissive.metadata, annotations: { 'soc2.cdk8s.io/suppress.mesh-no-permissive-mtls': 'until 2027-06-01: legacy clients move into the mesh; SEC-201' } } };
      expect(withCatalogue([long], 365)).toEqual(['suppression of mesh-no-permissive-mtls runs until 2027-06-01, more than 180 days ahead (latest 2027-05-26)']);
    });

    test('does not ask for an expiry on a suppression of an unsuppressible control, which no expiry makes honoured', () => {
      // suppression-known-control has it removed; an expiry would only hide that it silences nothing.
      const suppressing = (id: string, value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: 'team',
        annotations: { [`soc2.cdk8s.io/suppress.${id}`]: value } } });
      const undated = 'vendor image runs as root; tracked in SEC-142';
      expect(withCatalogue([suppressing('suppression-reasoned', undated)], 30)).toEqual([]);
      expect(withCatalogue([suppressing('suppression-reasoned', 'TODO')], 30)).toEqual(['suppression of suppression-reasoned has no real reason: "TODO" is a placeholder, not a reason']);
      // An unknown id, usually a misspelt control, still needs one.
      expect(withCatalogue([suppressing('pod-run-as-non-rot', undated)], 30)).toEqual([expect.stringMatching(/^suppression of pod-run-as-non-rot has no expiry, and every suppression must expire within 30 days/)]);
    });

    test('exempts the by-design suppression of a NetworkPolicy for the ACME HTTP-01 solver pods alone, and no other', () => {
      const solverPolicy = (podSelector: unknown) => ({
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'acme', namespace: 'team',
          annotations: { 'soc2.cdk8s.io/suppress.network-policy-targets-pods': 'cert-manager creates the solver pods only while a challenge is open' } },
        spec: { podSelector, policyTypes: ['Ingress'] },
      });
      expect(withCatalogue([solverPolicy({ matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } })], 30)).toEqual([]);
      const undated = 'suppression of network-policy-targets-pods has no expiry, and every suppression must expire within 30 days of 2026-11-27 (maxSuppressionDays): '
        + 'set an expiry on or before 2026-12-27 ("until 2026-12-27: reason")';
      for (const selector of [
        { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true', 'app': 'api' } },
        { matchLabels: { 'acme.cert-manager.io/http01-solver': 'false' } },
        { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        { matchLabels: { app: 'api' } },
        {},
      ]) {
        expect(withCatalogue([solverPolicy(selector)], 30)).toEqual([undated]);
      }
    });
  });
});
