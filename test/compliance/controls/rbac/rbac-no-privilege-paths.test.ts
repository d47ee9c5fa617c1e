import { parse } from 'yaml';
import { rbacNoPrivilegePaths } from '../../../../src/compliance/controls/rbac/rbac-no-privilege-paths';
import { runCompliance } from '../../../../src/compliance/engine';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, core, group, role } from './fixtures';

describe('rbac-no-privilege-paths', () => {
  test('passes reading what the paths lead through', () => {
    const r = clusterRole('reader', [
      { apiGroups: [''], resources: ['persistentvolumes', 'serviceaccounts'], verbs: ['get', 'list'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create', 'get'] },
      { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(outcome(rbacNoPrivilegePaths, [r])).toEqual({ 'ClusterRole/reader': 'pass' });
  });

  test('fails each path of CIS 5.1.9–5.1.13, one finding per rule', () => {
    const r = clusterRole('operator', [
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
      { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
      { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], verbs: ['delete', 'patch'] },
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] },
    ]);
    expect(messages(rbacNoPrivilegePaths, [r])).toEqual([
      'rules[0] grants create on serviceaccounts/token',
      'rules[1] grants get and create on nodes/proxy',
      'rules[2] grants update on certificatesigningrequests/approval',
      'rules[3] grants patch and delete on validatingwebhookconfigurations and mutatingwebhookconfigurations',
      'rules[4] grants create on persistentvolumes',
    ]);
  });

  test('follows wildcards; in a namespaced Role only the namespaced path counts, as a Role grants nothing cluster-scoped', () => {
    expect(messages(rbacNoPrivilegePaths, [role('all', [{ apiGroups: [''], resources: ['*/token'], verbs: ['*'] }])]))
      .toEqual(['rules[0] grants create on serviceaccounts/token']);
    expect(outcome(rbacNoPrivilegePaths, [role('inert', [
      { apiGroups: [''], resources: ['persistentvolumes', 'nodes/proxy'], verbs: ['create', 'get'] },
      { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['patch'] },
    ])])).toEqual({ 'Role/team/inert': 'pass' });
    expect(messages(rbacNoPrivilegePaths, [clusterRole('admission', [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['*'], verbs: ['update'] }])]))
      .toEqual(['rules[0] grants update on validatingwebhookconfigurations, mutatingwebhookconfigurations, validatingadmissionpolicies, validatingadmissionpolicybindings, mutatingadmissionpolicies and mutatingadmissionpolicybindings']);
  });

  test('fails deletecollection on admission webhooks and policies, which removes them all', () => {
    const r = clusterRole('cleaner', [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations', 'validatingadmissionpolicies'], verbs: ['deletecollection'] }]);
    expect(messages(rbacNoPrivilegePaths, [r])).toEqual(['rules[0] grants deletecollection on validatingwebhookconfigurations and validatingadmissionpolicies']);
  });

  test('fails update or patch on namespaces, in a Role too: it changes the labels of its own namespace (Pod Security, NetworkPolicy selectors)', () => {
    expect(messages(rbacNoPrivilegePaths, [role('relabel', [core(['namespaces'], ['get', 'patch'])])])).toEqual(['rules[0] grants patch on namespaces']);
    expect(messages(rbacNoPrivilegePaths, [clusterRole('ns-admin', [core(['namespaces'], ['create', 'update'])])])).toEqual(['rules[0] grants update on namespaces']);
    expect(outcome(rbacNoPrivilegePaths, [role('ns-reader', [core(['namespaces', 'namespaces/status'], ['get', 'list', 'watch'])])])).toEqual({ 'Role/team/ns-reader': 'pass' });
  });

  test('its example, a webhook role limited by resourceNames, is compliant through the suppression it carries', () => {
    const example = parse(rbacNoPrivilegePaths.example!);
    const r = clusterRole('my-admission', example.rules);
    r.metadata.annotations = example.metadata.annotations;
    const report = runCompliance(ManifestIndex.fromObjects([r]), { controls: [rbacNoPrivilegePaths], config: { today: '2026-11-27' } });
    expect(report.evaluations.map(e => e.status)).toEqual(['suppressed']);
  });

  test('fails a binding of cluster-admin, which holds every path', () => {
    expect(messages(rbacNoPrivilegePaths, [clusterRoleBinding('root', 'cluster-admin', [group('oidc:sre')])])[0])
      .toMatch(/^binds built-in ClusterRole "cluster-admin" in every namespace, which grants create on persistentvolumes, nodes\/proxy, .* and serviceaccounts\/token; get on nodes\/proxy; update and patch on certificatesigningrequests\/approval, /);
  });
});
