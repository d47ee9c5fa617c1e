import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { rbacRights, Right } from '../../../src/compliance/posture/rbac-rights';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (ns: string, name: string, rules: any[]) => ({ apiVersion: RBAC, kind: 'Role', metadata: { name, namespace: ns }, rules });
const clusterRole = (name: string, rules: any[], extra: any = {}) => ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) }, rules, ...(extra.aggregationRule ? { aggregationRule: extra.aggregationRule } : {}) });
const binding = (ns: string, name: string, roleRef: { kind: string; name: string }, subjects: any[]) => ({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects });
const clusterBinding = (name: string, roleRef: { kind: string; name: string }, subjects: any[]) => ({ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects });

function short(rights: Right[]): string[] {
  return rights.map(r => `${r.subject} ${r.verb} ${r.apiGroup ? `${r.resource}.${r.apiGroup}` : r.resource}${r.resourceNames ? `[${r.resourceNames.join(',')}]` : ''} in ${r.namespace} via ${r.via}${r.unresolved ? ' (unresolved)' : ''}`);
}

describe('rbacRights', () => {
  test('expands a RoleBinding through its Role into one right per subject, verb and resource', () => {
    const rights = rbacRights(ManifestIndex.fromObjects([
      role('team', 'reader', [{ apiGroups: [''], resources: ['configmaps', 'pods/log'], verbs: ['get', 'list'] }]),
      binding('team', 'readers', { kind: 'Role', name: 'reader' }, [{ kind: 'Group', name: 'oidc:devs' }, { kind: 'ServiceAccount', name: 'api' }]),
    ]));
    expect(short(rights)).toEqual([
      'Group:oidc:devs get configmaps in team via RoleBinding/team/readers',
      'Group:oidc:devs list configmaps in team via RoleBinding/team/readers',
      'Group:oidc:devs get pods/log in team via RoleBinding/team/readers',
      'Group:oidc:devs list pods/log in team via RoleBinding/team/readers',
      'ServiceAccount:team/api get configmaps in team via RoleBinding/team/readers',
      'ServiceAccount:team/api list configmaps in team via RoleBinding/team/readers',
      'ServiceAccount:team/api get pods/log in team via RoleBinding/team/readers',
      'ServiceAccount:team/api list pods/log in team via RoleBinding/team/readers',
    ]);
    expect(rights[0]).toEqual({ subject: 'Group:oidc:devs', verb: 'get', resource: 'configmaps', apiGroup: '', namespace: 'team', via: 'RoleBinding/team/readers', role: 'Role/team/reader' });
  });

  test('keeps resource names and API groups', () => {
    const rights = rbacRights(ManifestIndex.fromObjects([
      role('team', 'cfg', [{ apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['web', 'api'], verbs: ['update'] }]),
      binding('team', 'cfg', { kind: 'Role', name: 'cfg' }, [{ kind: 'User', name: 'alice' }]),
    ]));
    expect(short(rights)).toEqual(['User:alice update deployments/scale.apps[api,web] in team via RoleBinding/team/cfg']);
  });

  test('makes a ClusterRoleBinding cluster-wide and a RoleBinding to a ClusterRole namespaced, without its URLs (they are not namespaced)', () => {
    const rights = rbacRights(ManifestIndex.fromObjects([
      clusterRole('node-reader', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }]),
      clusterBinding('nodes', { kind: 'ClusterRole', name: 'node-reader' }, [{ kind: 'ServiceAccount', name: 'agent', namespace: 'monitoring' }]),
      binding('team', 'nodes', { kind: 'ClusterRole', name: 'node-reader' }, [{ kind: 'Group', name: 'ops' }]),
    ]));
    expect(short(rights)).toEqual([
      'Group:ops get nodes in team via RoleBinding/team/nodes',
      'ServiceAccount:monitoring/agent get /metrics in * via ClusterRoleBinding/nodes',
      'ServiceAccount:monitoring/agent get nodes in * via ClusterRoleBinding/nodes',
    ]);
  });

  test('collects the rules of an aggregated ClusterRole', () => {
    const rights = rbacRights(ManifestIndex.fromObjects([
      clusterRole('monitoring', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] } }),
      clusterRole('monitoring-endpoints', [{ apiGroups: [''], resources: ['endpoints'], verbs: ['list'] }], { labels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }),
      clusterRole('unrelated', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
      clusterBinding('monitoring', { kind: 'ClusterRole', name: 'monitoring' }, [{ kind: 'Group', name: 'sre' }]),
    ]));
    expect(short(rights)).toEqual(['Group:sre list endpoints in * via ClusterRoleBinding/monitoring']);
  });

  test('expands the built-in roles by their rules and marks roles that are neither in the manifests nor built in as unresolved', () => {
    const rights = short(rbacRights(ManifestIndex.fromObjects([
      clusterBinding('admins', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'Group', name: 'oncall' }]),
      binding('team', 'editors', { kind: 'ClusterRole', name: 'edit' }, [{ kind: 'Group', name: 'devs' }]),
      binding('team', 'vendor', { kind: 'ClusterRole', name: 'vendor-operator' }, [{ kind: 'ServiceAccount', name: 'operator' }]),
    ])));
    expect(rights).toContain('Group:oncall * * in * via ClusterRoleBinding/admins');
    expect(rights).toContain('Group:oncall * *.* in * via ClusterRoleBinding/admins');
    expect(rights).toContain('Group:devs create deployments.apps in team via RoleBinding/team/editors');
    expect(rights).toContain('Group:devs get secrets in team via RoleBinding/team/editors');
    // edit aggregates view: its read rights come with it.
    expect(rights).toContain('Group:devs list resourcequotas in team via RoleBinding/team/editors');
    expect(rights.filter(r => r.includes('devs') && r.endsWith('(unresolved)'))).toEqual([]);
    expect(rights).toContain('ServiceAccount:team/operator * *.* in team via RoleBinding/team/vendor (unresolved)');
  });

  test('follows an aggregated ClusterRole of the manifests into the built-in roles it selects', () => {
    const rights = short(rbacRights(ManifestIndex.fromObjects([
      clusterRole('aggregated-admin', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] } }),
      clusterBinding('ci', { kind: 'ClusterRole', name: 'aggregated-admin' }, [{ kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }]),
    ])));
    expect(rights).toContain('ServiceAccount:tools/ci create pods/exec in * via ClusterRoleBinding/ci');
    expect(rights).toContain('ServiceAccount:tools/ci impersonate serviceaccounts in * via ClusterRoleBinding/ci');
  });

  test('a ClusterRole that selects the labels the built-in roles aggregate gets their rules, as in a cluster', () => {
    const rights = short(rbacRights(ManifestIndex.fromObjects([
      clusterRole('like-edit', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }] } }),
      clusterBinding('like-edit', { kind: 'ClusterRole', name: 'like-edit' }, [{ kind: 'Group', name: 'devs' }]),
    ])));
    // From system:aggregate-to-edit, and from view, which carries the same label.
    expect(rights).toContain('Group:devs create pods/exec in * via ClusterRoleBinding/like-edit');
    expect(rights).toContain('Group:devs get secrets in * via ClusterRoleBinding/like-edit');
    expect(rights).toContain('Group:devs list resourcequotas in * via ClusterRoleBinding/like-edit');
  });

  test('ignores bindings without a usable role or subject', () => {
    expect(rbacRights(ManifestIndex.fromObjects([
      binding('team', 'broken', { kind: 'Secret', name: 'x' }, [{ kind: 'Group', name: 'devs' }]),
      binding('team', 'nobody', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'Group' }, null]),
    ]))).toEqual([]);
  });
});
