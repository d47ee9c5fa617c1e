import { containerOf, find, hardened, hardenedWith, ids, idsFor, knownBad } from './fixtures';
import { check, POLARIS_DEFAULT_SEVERITY } from './polaris';

const API = 'Deployment/payments/api';

describe('Polaris mirror', () => {
  test('passes the hardened manifest set', () => {
    expect(check(hardened())).toEqual([]);
  });

  test('flags the naive manifest set on the danger checks', () => {
    expect(ids(check(knownBad()))).toEqual(expect.arrayContaining([
      'polaris/clusterrolebindingClusterAdmin', 'polaris/dangerousCapabilities', 'polaris/hostNetworkSet',
      'polaris/privilegeEscalationAllowed', 'polaris/runAsPrivileged', 'polaris/runAsRootAllowed',
      'polaris/sensitiveContainerEnvVar', 'polaris/tagNotSpecified',
    ]));
  });

  test('runs only checks that the default configuration turns on', () => {
    for (const f of check(knownBad())) expect(POLARIS_DEFAULT_SEVERITY[f.check.replace('polaris/', '')]).toBeDefined();
  });

  describe('workload checks', () => {
    test('requires priorityClassName, which the current default configuration reports', () => {
      const objects = hardenedWith(o => { delete find(o, 'Deployment', 'api').spec.template.spec.priorityClassName; });
      expect(idsFor(check(objects), API)).toEqual(['polaris/priorityClassNotSet']);
    });

    test('requires app.kubernetes.io/instance to equal the controller name', () => {
      const objects = hardenedWith(o => { find(o, 'Deployment', 'api').metadata.labels['app.kubernetes.io/instance'] = 'api-prod'; });
      expect(idsFor(check(objects), API)).toEqual(['polaris/metadataAndInstanceMismatched']);
    });

    test('requires an explicit replica count of two or more', () => {
      const objects = hardenedWith(o => { delete find(o, 'Deployment', 'api').spec.replicas; });
      expect(idsFor(check(objects), API)).toEqual(['polaris/deploymentMissingReplicas']);
    });

    test('honours the exemption annotation of a check on the object it reports, and only that check there', () => {
      const objects = hardenedWith(o => {
        const d = find(o, 'Deployment', 'api');
        delete d.spec.replicas;
        delete d.spec.template.spec.priorityClassName;
        d.metadata.annotations = { 'polaris.fairwinds.com/deploymentMissingReplicas-exempt': 'True', 'polaris.fairwinds.com/priorityClassNotSet-exempt': 'false' };
      });
      expect(idsFor(check(objects), API)).toEqual(['polaris/priorityClassNotSet']);
      const boolean = hardenedWith(o => {
        const d = find(o, 'Deployment', 'api');
        delete d.spec.replicas;
        d.metadata.annotations = { 'polaris.fairwinds.com/deploymentMissingReplicas-exempt': true }; // not a string: no annotation the API server stores
      });
      expect(idsFor(check(boolean), API)).toEqual(['polaris/deploymentMissingReplicas']);
    });

    test('does not accept a pod-level readOnlyRootFilesystem or allowPrivilegeEscalation', () => {
      const objects = hardenedWith(o => {
        const c = containerOf(o, 'api');
        delete c.securityContext.readOnlyRootFilesystem;
        delete c.securityContext.allowPrivilegeEscalation;
      });
      expect(idsFor(check(objects), API)).toEqual(['polaris/notReadOnlyRootFilesystem', 'polaris/privilegeEscalationAllowed']);
    });

    test('accepts pod-level runAsNonRoot but not a container that turns it off', () => {
      const podLevel = hardenedWith(o => { const c = containerOf(o, 'api'); delete c.securityContext.runAsNonRoot; delete c.securityContext.runAsUser; });
      expect(check(podLevel)).toEqual([]);
      const overridden = hardenedWith(o => {
        const c = containerOf(o, 'api');
        delete c.securityContext.runAsUser;
        c.securityContext.runAsNonRoot = false;
        delete find(o, 'Deployment', 'api').spec.template.spec.securityContext.runAsUser;
      });
      expect(idsFor(check(overridden), API)).toEqual(['polaris/runAsRootAllowed']);
    });

    test('insecureCapabilities fails when drop lists ALL and also every capability one by one (oneOf)', () => {
      const all = ['ALL', 'NET_ADMIN', 'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];
      const objects = hardenedWith(o => { containerOf(o, 'api').securityContext.capabilities.drop = all; });
      expect(idsFor(check(objects), API)).toEqual(['polaris/insecureCapabilities']);
    });

    test('flags a password-named variable even when its value is a file path', () => {
      const objects = hardenedWith(o => { containerOf(o, 'api').env.push({ name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/db/password' }); });
      expect(idsFor(check(objects), API)).toEqual(['polaris/sensitiveContainerEnvVar']);
    });

    test('checks init containers for security but not for probes', () => {
      expect(idsFor(check(hardened()), 'Deployment/payments/ledger')).toEqual([]);
      const objects = hardenedWith(o => { find(o, 'Deployment', 'ledger').spec.template.spec.initContainers[0].securityContext.privileged = true; });
      expect(idsFor(check(objects), 'Deployment/payments/ledger')).toEqual(['polaris/runAsPrivileged']);
    });
  });

  describe('related-object checks', () => {
    test('a NetworkPolicy selecting by TWO pod labels does not count (matchLabels is a oneOf)', () => {
      const objects = hardenedWith(o => { find(o, 'NetworkPolicy', 'api').spec.podSelector.matchLabels['app.kubernetes.io/instance'] = 'api'; });
      expect(idsFor(check(objects), API)).toEqual(['polaris/missingNetworkPolicy']);
    });

    test('a default-deny policy with podSelector {} does not count', () => {
      const objects = hardenedWith(o => o.splice(o.indexOf(find(o, 'NetworkPolicy', 'api')), 1));
      expect(idsFor(check(objects), API)).toEqual(['polaris/missingNetworkPolicy']);
    });

    test('the workload policy needs at least one ingress rule', () => {
      const objects = hardenedWith(o => { find(o, 'NetworkPolicy', 'api').spec.ingress = []; });
      expect(idsFor(check(objects), API)).toEqual(['polaris/missingNetworkPolicy']);
    });

    test('a label value YAML reads as a boolean can never be matched', () => {
      const objects = hardenedWith(o => {
        find(o, 'Deployment', 'api').spec.template.metadata.labels['app.kubernetes.io/name'] = 'on';
        find(o, 'NetworkPolicy', 'api').spec.podSelector.matchLabels = { 'app.kubernetes.io/name': 'on' };
      });
      expect(idsFor(check(objects), API)).toContain('polaris/missingNetworkPolicy');
    });

    test('needs a PodDisruptionBudget that allows disruptions', () => {
      const missing = hardenedWith(o => o.splice(o.indexOf(find(o, 'PodDisruptionBudget', 'api')), 1));
      expect(idsFor(check(missing), API)).toEqual(['polaris/missingPodDisruptionBudget']);
      const zero = hardenedWith(o => { find(o, 'PodDisruptionBudget', 'api').spec.maxUnavailable = 0; });
      expect(ids(check(zero))).toEqual(['polaris/pdbDisruptionsIsZero']);
    });

    test('without automountServiceAccountToken: false on the pod, the ServiceAccount must say false', () => {
      const objects = hardenedWith(o => {
        delete find(o, 'Deployment', 'api').spec.template.spec.automountServiceAccountToken;
        delete find(o, 'ServiceAccount', 'api').automountServiceAccountToken;
      });
      expect(idsFor(check(objects), API)).toEqual(['polaris/automountServiceAccountToken']);
    });

    test('flags a PDB minAvailable that reaches the HPA minReplicas', () => {
      const objects = hardenedWith(o => {
        find(o, 'PodDisruptionBudget', 'api').spec = { minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } };
        o.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'payments' },
          spec: { minReplicas: 2, maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } });
      });
      expect(idsFor(check(objects), API)).toEqual(['polaris/pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas']);
    });
  });

  describe('RBAC checks', () => {
    test('a RoleBinding to a ClusterRole fails, even to the built-in view role', () => {
      const objects = hardenedWith(o => { find(o, 'RoleBinding', 'payments-view').roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }; });
      expect(idsFor(check(objects), 'RoleBinding/payments/payments-view')).toEqual(['polaris/rolebindingClusterAdminClusterRole', 'polaris/rolebindingClusterRolePodExecAttach']);
    });

    test('a RoleBinding to a Role missing from the manifest set fails', () => {
      const objects = hardenedWith(o => o.splice(o.indexOf(find(o, 'Role', 'payments-view')), 1));
      expect(idsFor(check(objects), 'RoleBinding/payments/payments-view')).toEqual(['polaris/rolebindingClusterAdminRole', 'polaris/rolebindingRolePodExecAttach']);
    });

    test('get on pods/exec counts as exec access', () => {
      const objects = hardenedWith(o => { find(o, 'Role', 'payments-view').rules[0].resources.push('pods/exec'); });
      expect(ids(check(objects))).toEqual(['polaris/rolePodExecAttach', 'polaris/rolebindingRolePodExecAttach']);
    });

    test('a Role with the seven verbs on * is treated like cluster-admin', () => {
      const objects = hardenedWith(o => { find(o, 'Role', 'payments-edit').rules.push({ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }); });
      expect(ids(check(objects))).toEqual(['polaris/rolePodExecAttach', 'polaris/rolebindingClusterAdminRole', 'polaris/rolebindingRolePodExecAttach']);
    });
  });

  test('requires TLS on every Ingress and no secret-looking ConfigMap keys', () => {
    const objects = hardenedWith(o => {
      delete find(o, 'Ingress', 'public').spec.tls;
      find(o, 'ConfigMap', 'pay-config').data.SESSION_TOKEN = 'abc';
    });
    expect(ids(check(objects))).toEqual(['polaris/sensitiveConfigmapContent', 'polaris/tlsSettingsMissing']);
  });
});
