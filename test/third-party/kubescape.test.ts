import { containerOf, find, hardened, hardenedWith, ids, idsFor, knownBad } from './fixtures';
import { check, checkAll } from './kubescape';

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
      // CIS v1.10 and v1.12
      'kubescape/C-0278', 'kubescape/C-0279', 'kubescape/C-0280', 'kubescape/C-0281', 'kubescape/C-0282',
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

  test('C-0275 and C-0276 (CIS v1.10 5.2.3, 5.2.4) flag hostPID and hostIPC apart, beside C-0038', () => {
    const pid = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.hostPID = true; });
    expect(idsFor(check(pid), API)).toEqual(['kubescape/C-0038', 'kubescape/C-0275']);
    const ipc = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.hostIPC = true; });
    expect(idsFor(check(ipc), API)).toEqual(['kubescape/C-0038', 'kubescape/C-0276']);
  });

  describe('C-0278 to C-0282 (CIS v1.10 5.1.9 to 5.1.13) flag the subjects of a binding whose role grants', () => {
    const withRule = (rule: Record<string, unknown>) => check(hardenedWith(o => { find(o, 'Role', 'payments-view').rules.push(rule); }));
    test.each([
      ['C-0278', 'create on persistentvolumes', { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] }],
      ['C-0279', 'get on nodes/proxy', { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }],
      ['C-0280', 'update on certificatesigningrequests/approval', { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] }],
      ['C-0281', 'patch on validatingwebhookconfigurations', { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['patch'] }],
      ['C-0282', 'create on serviceaccounts/token, even by name', { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['route53'] }],
    ])('%s: %s', (id, _, rule) => {
      expect(withRule(rule).map(f => `${f.check} ${f.object}`)).toEqual([`kubescape/${id} RoleBinding/payments/payments-view`]);
    });

    test('but not the same resource in another API group, nor a reading verb where the rule wants a change', () => {
      expect(withRule({ apiGroups: ['example.com'], resources: ['persistentvolumes'], verbs: ['create'] })).toEqual([]);
      expect(withRule({ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['get'] })).toEqual([]);
      expect(withRule({ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['list'] })).toEqual([]);
    });
  });

  test('C-0264 (SOC2) flags a PersistentVolume whose StorageClass of the set is not encrypted', () => {
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'data' }, spec: { storageClassName: 'fast', capacity: { storage: '1Gi' } } };
    const sc = (extra: Record<string, unknown>) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, ...extra });
    expect(ids(check(hardenedWith(o => o.push(pv, sc({ provisioner: 'ebs.csi.aws.com' })))))).toEqual(['kubescape/C-0264']);
    expect(check(hardenedWith(o => o.push(pv, sc({ provisioner: 'ebs.csi.aws.com', parameters: { encrypted: 'true' } }))))).toEqual([]);
    expect(check(hardenedWith(o => o.push(pv, sc({ provisioner: 'pd.csi.storage.gke.io' }))))).toEqual([]);
    expect(check(hardenedWith(o => o.push(pv)))).toEqual([]);
  });

  describe('deliberate exceptions (exceptions.ts): mirrored, and left out of check only', () => {
    test('C-0209 (CIS 5.7.1) lists every Namespace for review', () => {
      expect(checkAll(hardened()).filter(f => f.check === 'kubescape/C-0209').map(f => f.object)).toEqual(['Namespace/payments']);
      expect(ids(check(hardened()))).toEqual([]);
    });

    test('C-0211 (CIS 5.7.3) fails the hardened workloads on set-systctls-params and four more rules', () => {
      const rules = (objects: Record<string, any>[]) => checkAll(objects).filter(f => f.check === 'kubescape/C-0211' && f.object === API)
        .map(f => f.message.split(':')[0]);
      expect(rules(hardened())).toEqual(['drop-capability-netraw', 'set-seLinuxOptions', 'set-fsgroupchangepolicy-value', 'set-systctls-params',
        'set-supplementalgroups-values']);
      const met = hardenedWith(o => {
        const spec = find(o, 'Deployment', 'api').spec.template.spec;
        Object.assign(spec.securityContext, { fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [10001], seLinuxOptions: { type: 'container_t' } });
        containerOf(o, 'api').securityContext.capabilities.drop = ['ALL', 'NET_RAW'];
      });
      expect(rules(met)).toEqual(['set-systctls-params']);
      const unconfined = hardenedWith(o => {
        delete find(o, 'Deployment', 'api').spec.template.spec.securityContext.seccompProfile;
        containerOf(o, 'api').securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'api.json' };
      });
      expect(rules(unconfined)).toContain('set-seccomp-profile');
    });

    test('C-0211 reads procMount only with Kubescape\'s host data showing the ProcMountType gate on', () => {
      const gate = { apiVersion: 'hostdata.kubescape.cloud/v1beta0', kind: 'ControlPlaneInfo', metadata: { name: 'cp' },
        data: { APIServerInfo: { cmdLine: 'kube-apiserver --feature-gates=ProcMountType=true' } } };
      const procMount = (objects: Record<string, any>[]) => checkAll(objects).some(f => f.object === API && f.message.startsWith('set-procmount-default'));
      expect(procMount(hardened())).toBe(false);
      expect(procMount(hardenedWith(o => o.push(gate)))).toBe(true);
      expect(procMount(hardenedWith(o => { o.push(gate); containerOf(o, 'api').securityContext.procMount = 'Default'; }))).toBe(false);
    });
  });
});
