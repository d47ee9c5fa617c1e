import { serviceTargetsPods } from '../../../../src/compliance/controls/network/service-targets-pods';
import { messages, outcome } from '../../helpers';
import { app, service } from './fixtures';

describe('service-targets-pods', () => {
  test('passes a Service whose selector matches a pod template of its namespace', () => {
    expect(outcome(serviceTargetsPods, [app('api'), service('api', { selector: { 'app.kubernetes.io/name': 'api' } })])).toEqual({ 'Service/team/api': 'pass' });
  });

  test('fails a Service whose selector matches no pod template', () => {
    const svc = service('api', { selector: { 'app.kubernetes.io/name': 'api', tier: 'backend' } });
    expect(messages(serviceTargetsPods, [app('api'), svc])).toEqual(['spec.selector {app.kubernetes.io/name=api, tier=backend} matches no pod template in namespace "team"']);
  });

  test('does not apply to Services without a selector or of type ExternalName', () => {
    const objects = [service('manual', { ports: [{ port: 80 }] }), service('alias', { type: 'ExternalName', externalName: 'x.svc', selector: { a: 'b' } })];
    expect(outcome(serviceTargetsPods, objects)).toEqual({});
  });
});
