import { hasPolicyType, isAllAddresses, policiesByTemplate, policyTypesOf, templateLabelsPath } from '../../../../../src/compliance/controls/network/private/network-policy';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { app, appSelector, netpol } from '../fixtures';

describe('NetworkPolicy semantics', () => {
  test.each([
    [{}, ['Ingress']],
    [{ egress: [] }, ['Ingress']],
    [{ egress: [{}] }, ['Ingress', 'Egress']],
    [{ policyTypes: [], egress: [{}] }, ['Ingress', 'Egress']],
    [{ policyTypes: ['Egress'], ingress: [{}] }, ['Egress']],
  ])('spec %j has policy types %j', (spec, types) => {
    expect(policyTypesOf({ spec })).toEqual(types);
    expect(['Ingress', 'Egress'].filter(t => hasPolicyType({ spec }, t as 'Ingress' | 'Egress'))).toEqual(types);
  });

  test.each([['0.0.0.0/0', true], ['::/0', true], [' 0.0.0.0/00 ', true], ['10.0.0.0/8', false], ['0.0.0.0', false], [undefined, false]])(
    'isAllAddresses(%j) is %j', (cidr, all) => {
      expect(isAllAddresses(cidr)).toBe(all);
    });

  test('policiesByTemplate finds the policies of the template\'s namespace whose selector matches', () => {
    const index = ManifestIndex.fromObjects([
      app('api'), netpol('all', { podSelector: {} }), netpol('api', { podSelector: appSelector('api') }),
      netpol('web', { podSelector: appSelector('web') }), netpol('other', { podSelector: {} }, 'other'),
    ]);
    const [t] = index.podTemplates;
    expect(policiesByTemplate(index).get(t)!.map(p => p.name).sort()).toEqual(['all', 'api']);
  });

  test('templateLabelsPath points at the labels of the template', () => {
    const index = ManifestIndex.fromObjects([app('api'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }]);
    expect(index.podTemplates.map(templateLabelsPath)).toEqual(['spec.template.metadata.labels', 'metadata.labels']);
  });
});
