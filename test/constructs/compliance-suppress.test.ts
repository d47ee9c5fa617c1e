import { ApiObject, JsonPatch } from 'cdk8s';
import { Compliance, CompliantWorkload } from '../../constructs';
import { expectSoc2Error, messageOf } from '../support/errors';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';

const REASON = 'debug access via bastion (OPS-3)';

/** A workload `pay/api` whose Service is patched to route an external IP (a NodePort would also need room in the namespace's quota). */
function exposed() {
  const { app, chart } = newChart('pay');
  const api = new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'pay'), image: IMAGE, port: 8080 });
  ApiObject.of(api.node.findChild('Service')).addJsonPatch(JsonPatch.add('/spec/externalIPs', ['203.0.113.10']));
  return { app, chart, api };
}

describe('Compliance.suppress options.kind', () => {
  test('annotates the one object of that kind under the construct, so a finding on the Service is suppressed', () => {
    const { app, api } = exposed();
    Compliance.suppress(api, 'service-no-external-exposure', REASON, { kind: 'Service' });
    const objects = synthApp(app);
    expect(find(objects, 'Service', 'api').metadata.annotations).toEqual({ 'soc2.cdk8s.io/suppress.service-no-external-exposure': REASON });
    expect(find(objects, 'Deployment', 'api').metadata.annotations).toBeUndefined();
  });

  test('a kind no object under the construct has is refused, naming the kinds it holds', () => {
    const { api } = exposed();
    expectSoc2Error(() => Compliance.suppress(api, 'service-no-external-exposure', REASON, { kind: 'service' }), {
      code: 'INVALID_SUPPRESSION', path: 'pay/api', prop: 'options.kind', value: '"service"',
      problem: /is the kind of no object under pay\/api, which holds Deployment, NetworkPolicy, PodDisruptionBudget, Service, ServiceAccount/,
      fix: /pass one of those kinds/,
    });
  });

  test('a kind several objects under the construct have is refused, naming their paths', () => {
    const { chart } = newChart('pay');
    const db = new CompliantWorkload(chart, 'db', { namespace: namespace(chart, 'pay'), image: IMAGE, port: 5432, storage: { size: '1Gi', mountPath: '/data' } });
    expectSoc2Error(() => Compliance.suppress(db, 'service-no-external-exposure', REASON, { kind: 'Service' }), {
      code: 'INVALID_SUPPRESSION', path: 'pay/db', prop: 'options.kind', value: '"Service"',
      problem: /is the kind of 2 objects under pay\/db \(pay\/db\/Service, pay\/db\/HeadlessService\)/,
      fix: /pass that ApiObject itself as the scope/,
    });
  });

  test('a kind that is not text is refused', () => {
    const { api } = exposed();
    expect(() => Compliance.suppress(api, 'service-no-external-exposure', REASON, { kind: 7 } as never)).toThrow(/options.kind = 7: must be the kind of an object under the scope/);
  });

  test('without it, the Deployment is annotated and the synth names the Service and how to suppress it there', () => {
    const { app, api } = exposed();
    Compliance.suppress(api, 'service-no-external-exposure', REASON);
    const message = messageOf(() => synthApp(app));
    expect(message).toMatch(/service-no-external-exposure on Service\/pay\/api \(pay\/api\/Service\)/);
    expect(message).toContain('suppresses service-no-external-exposure, which has nothing to report on this object; the finding is on Service/pay/api: '
      + 'suppress it there, e.g. Compliance.suppress(api, \'service-no-external-exposure\', reason, { kind: \'Service\' })');
  });
});
