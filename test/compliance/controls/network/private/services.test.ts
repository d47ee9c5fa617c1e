import { serviceSelector, servicesWithPods } from '../../../../../src/compliance/controls/network/private/services';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { app, service } from '../fixtures';

describe('Service selectors', () => {
  test('an empty or missing selector means manual Endpoints', () => {
    expect([serviceSelector({ spec: {} }), serviceSelector({ spec: { selector: {} } })]).toEqual([undefined, undefined]);
  });

  test('selector values are compared as strings', () => {
    expect(serviceSelector({ spec: { selector: { version: 2 } } })).toEqual({ version: '2' });
  });

  test('servicesWithPods keeps the Services matching a template of their own namespace', () => {
    const index = ManifestIndex.fromObjects([
      app('api'), service('api', { selector: { 'app.kubernetes.io/name': 'api' } }),
      service('api', { selector: { 'app.kubernetes.io/name': 'api' } }, 'other'),
    ]);
    expect([...servicesWithPods(index)].map(s => s.ref)).toEqual(['Service/team/api']);
  });
});
