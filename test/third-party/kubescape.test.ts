import { containerOf, find, hardened, hardenedWith, ids, idsFor, knownBad } from './fixtures';
import { check } from './kubescape';

const API = 'Deployment/payments/api';

describe('Kubescape mirror', () => {
  test('passes the hardened manifest set', () => {
    expect(check(hardened())).toEqual([]);
  });

  test('flags the naive manifest set on SOC2, NSA and CIS controls', () => {
    expect(ids(check(knownBad()))).toEqual(expect.arrayContaining([
      // SOC2
      'kubescape/C-0012', 'kubescape/C-0035', 'kubescape/C-0186', 'kubescape/C-0260', 'kubescape/C-0263',
      // NSA
      'kubescape/C-0002', 'kubescape/C-0013', 'kubescape/C-0016', 'kubescape/C-0017', 'kubescape/C-0030', 'kubescape/C-0034',
      'kubescape/C-0041', 'kubescape/C-0044', 'kubescape/C-0046', 'kubescape/C-0054', 'kubescape/C-0055', 'kubescape/C-0057',
      'kubescape/C-0270', 'kubescape/C-0271',
      // CIS
      'kubescape/C-0187', 'kubescape/C-0188', 'kubescape/C-0189', 'kubescape/C-0191', 'kubescape/C-0192', 'kubescape/C-0207',
      'kubescape/C-0210', 'kubescape/C-0212',
    ]));
  });

  describe('C-0012 credentials in configuration', () => {
    test('flags any variable whose name contains "key" and has a literal value', () => {
      const objects = hardenedWith(o => { containerOf(o, 'api').env.push({ name: 'CACHE_KEY_PREFIX', value: 'pay' }); });
      expect(idsFor(check(objects), API)).toEqual(['kubescape/C-0012']);
    });

    test('lets a value that is a file path through', () => {
      const objects = hardenedWith(o => { containerOf(o, 'api').env.push({ name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/db/password' }); });
      expect(check(objects)).toEqual([]);
    });

    test('flags ConfigMap values containing "Bearer"', () => {
      const objects = hardenedWith(o => { find(o, 'ConfigMap', 'pay-config').data = { 'auth-header': 'Bearer abc' }; });
      expect(ids(check(objects))).toEqual(['kubescape/C-0012']);
    });
  });

  test('C-0013 needs runAsNonRoot or a non-zero user, and no privilege escalation', () => {
    const objects = hardenedWith(o => {
      const d = find(o, 'Deployment', 'api');
      delete d.spec.template.spec.securityContext.runAsNonRoot;
      delete d.spec.template.spec.securityContext.runAsUser;
      delete containerOf(o, 'api').securityContext.runAsNonRoot;
      delete containerOf(o, 'api').securityContext.runAsUser;
    });
    expect(idsFor(check(objects), API)).toEqual(['kubescape/C-0013']);
  });

  test('C-0044 counts hostPort: 0 as a host port', () => {
    const objects = hardenedWith(o => { containerOf(o, 'api').ports[0].hostPort = 0; });
    expect(idsFor(check(objects), API)).toEqual(['kubescape/C-0044']);
  });

  test('C-0207 flags secrets passed as environment variables, including envFrom', () => {
    const env = hardenedWith(o => { containerOf(o, 'api').env.push({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }); });
    expect(idsFor(check(env), API)).toEqual(['kubescape/C-0207']);
    const envFrom = hardenedWith(o => { containerOf(o, 'api').envFrom = [{ secretRef: { name: 'db' } }]; });
    expect(idsFor(check(envFrom), API)).toEqual(['kubescape/C-0207']);
  });

  test('C-0210 wants RuntimeDefault, so a Localhost profile on the container fails', () => {
    const objects = hardenedWith(o => { containerOf(o, 'api').securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/api.json' }; });
    expect(idsFor(check(objects), API)).toEqual(['kubescape/C-0210']);
  });

  test('C-0212 flags namespaced objects without a namespace', () => {
    const objects = hardenedWith(o => { delete find(o, 'PodDisruptionBudget', 'api').metadata.namespace; });
    expect(ids(check(objects))).toEqual(['kubescape/C-0212']);
  });

  test('C-0034 and C-0190 flag every ServiceAccount that does not disable automount', () => {
    const objects = hardenedWith(o => { delete find(o, 'ServiceAccount', 'ledger').automountServiceAccountToken; });
    expect(idsFor(check(objects), 'ServiceAccount/payments/ledger')).toEqual(['kubescape/C-0034', 'kubescape/C-0190']);
  });

  test('C-0030 needs a connected policy listing both Ingress and Egress', () => {
    const objects = hardenedWith(o => {
      find(o, 'NetworkPolicy', 'default-deny-all').spec.policyTypes = ['Ingress'];
      find(o, 'NetworkPolicy', 'api').spec.policyTypes = ['Ingress'];
    });
    expect(idsFor(check(objects), API)).toEqual(['kubescape/C-0030']);
  });

  test('C-0054 needs a NetworkPolicy in every Namespace of the manifest set', () => {
    const objects = hardenedWith(o => o.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tools', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }));
    expect(idsFor(check(objects), 'Namespace/tools')).toEqual(['kubescape/C-0054', 'kubescape/C-0189', 'kubescape/C-0206']);
  });

  test('C-0186 flags a role that can read secrets, even by resource name', () => {
    const objects = hardenedWith(o => { find(o, 'Role', 'payments-view').rules.push({ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }); });
    expect(ids(check(objects))).toEqual(['kubescape/C-0186']);
  });

  test('C-0185 flags a ClusterRoleBinding to cluster-admin, even when the built-in role is not in the set', () => {
    // rules/cluster-admin-role: subjects bound by a ClusterRoleBinding to the ClusterRole named cluster-admin
    const binding = (roleName: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `ops-${roleName}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: [{ kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }] });
    expect(idsFor(check(hardenedWith(o => o.push(binding('cluster-admin')))), 'ClusterRoleBinding/ops-cluster-admin')).toEqual(['kubescape/C-0185']);
    expect(idsFor(check(hardenedWith(o => o.push(binding('view')))), 'ClusterRoleBinding/ops-view')).toEqual([]);
  });

  test('C-0188 flags a role that can create pods', () => {
    const objects = hardenedWith(o => { find(o, 'Role', 'payments-edit').rules[1].resources.push('pods'); });
    expect(ids(check(objects))).toEqual(['kubescape/C-0188']);
  });

  test('C-0192 to C-0204 need an enforce label of restricted on every Namespace', () => {
    const objects = hardenedWith(o => { find(o, 'Namespace', 'payments').metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline'; });
    expect(ids(check(objects))).toEqual(['kubescape/C-0197', 'kubescape/C-0198', 'kubescape/C-0200', 'kubescape/C-0201']);
  });
});
