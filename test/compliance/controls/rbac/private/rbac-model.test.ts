import { rbacModel } from '../../../../../src/compliance/controls/rbac/private/rbac-model';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { clusterRole, clusterRoleBinding, core, group, role, roleBinding } from '../fixtures';

function model(objects: unknown[]) {
  return rbacModel(ManifestIndex.fromObjects(objects));
}

describe('RBAC model', () => {
  test('an aggregating ClusterRole holds the rules of every ClusterRole its selectors match, transitively', () => {
    const m = model([
      clusterRole('leaf', [core(['secrets'], ['get'])], { labels: { tier: 'leaf' } }),
      clusterRole('middle', [core(['pods'], ['get'])], { labels: { tier: 'middle' }, aggregate: [{ tier: 'leaf' }] }),
      clusterRole('top', [], { aggregate: [{ tier: 'middle' }, { tier: 'none' }] }),
    ]);
    const top = m.roles.find(r => r.name === 'top')!;
    expect(m.effectiveRules(top).map(r => `${r.origin.name}.${r.path}`)).toEqual(['middle.rules[0]', 'leaf.rules[0]']);
  });

  test('a ClusterRole labelled aggregate-to-view is granted by bindings of view, edit and admin', () => {
    const m = model([
      clusterRole('extra', [], { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }),
      clusterRoleBinding('viewers', 'view', [group('a')]),
      roleBinding('admins', { kind: 'ClusterRole', name: 'admin' }, [group('b')]),
      clusterRoleBinding('other', 'cluster-admin', [group('c')]),
    ]);
    const extra = m.roles.find(r => r.name === 'extra')!;
    expect(m.bindingsGranting(extra).map(b => b.ref)).toEqual(['ClusterRoleBinding/viewers', 'RoleBinding/team/admins']);
  });

  test('a RoleBinding resolves a Role in its own namespace only, and a ClusterRole anywhere', () => {
    const m = model([
      role('app', [], 'other'), clusterRole('reader', []),
      roleBinding('a', { kind: 'Role', name: 'app' }, []), roleBinding('b', { kind: 'ClusterRole', name: 'reader' }, []),
    ]);
    expect(m.bindings.map(b => m.resolve(b)?.key)).toEqual([undefined, 'ClusterRole/reader']);
  });

  test('a ClusterRole defined in the manifests with a default role\'s name also holds the rules the API server restores to it', () => {
    const m = model([clusterRole('edit', [core(['configmaps'], ['get'])]), clusterRoleBinding('e', 'edit', [])]);
    const edit = m.resolve(m.bindings[0])!;
    const rules = m.effectiveRules(edit);
    expect([edit.builtin, rules[0].resources, rules.length > 1, rules.slice(1).every(r => r.origin.builtin)]).toEqual([false, ['configmaps'], true, true]);
  });

  test('a default role\'s name annotated autoupdate "false" holds its own rules only', () => {
    const narrowed = clusterRole('edit', [core(['configmaps'], ['get'])]);
    narrowed.metadata.annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' };
    const m = model([narrowed, clusterRoleBinding('e', 'edit', [])]);
    const edit = m.resolve(m.bindings[0])!;
    expect([edit.builtin, m.effectiveRules(edit).length]).toEqual([false, 1]);
  });

  test('is built once per index', () => {
    const index = ManifestIndex.fromObjects([role('r', [])]);
    expect(rbacModel(index)).toBe(rbacModel(index));
  });
});
