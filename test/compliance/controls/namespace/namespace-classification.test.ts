import { namespaceClassification } from '../../../../src/compliance/controls/namespace/namespace-classification';
import { deployment, messages, outcome } from '../../helpers';
import { namespace } from './fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const api = deployment('api', POD);

describe('namespace-classification', () => {
  test('passes a namespace with a known classification and an owner', () => {
    const ns = namespace('team', { 'soc2.cdk8s.io/data-classification': 'restricted', 'soc2.cdk8s.io/owner': 'team-payments' });
    expect(outcome(namespaceClassification, [ns, api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('fails an unknown classification and a missing owner', () => {
    const ns = namespace('team', { 'soc2.cdk8s.io/data-classification': 'secret' });
    expect(messages(namespaceClassification, [ns, api])).toEqual([
      'soc2.cdk8s.io/data-classification is "secret", not one of public, internal, confidential, restricted; soc2.cdk8s.io/owner is not set',
    ]);
  });

  test('reads the labels the configuration names', () => {
    const ns = namespace('team', { 'example.com/class': 'internal', 'example.com/team': 'core' });
    expect(outcome(namespaceClassification, [ns, api], { classificationLabel: 'example.com/class', ownerLabel: 'example.com/team' })).toEqual({ 'Namespace/team': 'pass' });
  });

  test('fails a namespace that is not declared', () => {
    expect(messages(namespaceClassification, [api])).toEqual(['namespace "team" is not declared, so it has no classification or owner']);
  });

  test('does not apply to system namespaces', () => {
    expect(outcome(namespaceClassification, [deployment('dns', POD, { namespace: 'kube-system' })])).toEqual({});
  });
});
