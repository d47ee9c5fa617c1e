import { Chart } from 'cdk8s';
import { DataClassification, SensitiveNamespace, Soc2Error } from '../../constructs';
import { allSchemaErrors } from '../support/schema';
import { find, namespace, newChart, synthApp } from '../support/synth';

function defaults() {
  const { app, chart } = newChart();
  namespace(chart, 'payments', { access: { editors: ['oidc:payments-devs'], viewers: ['oidc:auditors'] } });
  return synthApp(app);
}

describe('SensitiveNamespace defaults', () => {
  const objects = defaults();

  test('the emitted set matches the reviewed snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('every object is schema-valid and the synth ran the compliance check with zero findings', () => {
    // synthApp throws on any unsuppressed finding, so reaching here proves zero findings
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'AuthorizationPolicy/allow-nothing', 'LimitRange/limits', 'Namespace/payments', 'NetworkPolicy/allow-dns',
      'NetworkPolicy/default-deny', 'PeerAuthentication/default', 'ResourceQuota/quota', 'Role/edit', 'Role/view',
      'RoleBinding/edit', 'RoleBinding/view', 'ServiceAccount/default', 'Sidecar/default', 'Telemetry/access-logging',
    ]);
    expect(find(objects, 'ServiceAccount', 'default').automountServiceAccountToken).toBe(false);
  });

  test('the namespace enforces, audits and warns on the restricted Pod Security profile, version pinned', () => {
    const labels = find(objects, 'Namespace', 'payments').metadata.labels;
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
      expect(labels[`pod-security.kubernetes.io/${mode}-version`]).toBe('v1.27');
    }
    expect(labels['istio-injection']).toBe('enabled');
    expect(labels['soc2.cdk8s.io/data-classification']).toBe('confidential');
    expect(labels['soc2.cdk8s.io/owner']).toBe('team-a');
  });

  test('the namespace object carries no namespace of its own, even in a chart with a namespace', () => {
    const app = newChart().app;
    const chart = new Chart(app, 'scoped', { namespace: 'elsewhere' });
    namespace(chart, 'payments');
    const ns = find(synthApp(app), 'Namespace', 'payments');
    expect(ns.metadata.namespace).toBeUndefined();
  });

  test('default-deny covers ingress and egress for every pod', () => {
    expect(find(objects, 'NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('DNS egress goes only to kube-dns on port 53 and to istiod on 15012', () => {
    const spec = find(objects, 'NetworkPolicy', 'allow-dns').spec;
    expect(spec.policyTypes).toEqual(['Egress']);
    expect(spec.ingress).toBeUndefined();
    expect(spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }],
        ports: [{ protocol: 'TCP', port: 15012 }],
      },
    ]);
  });

  test('quota bounds compute, storage and pods and forbids NodePort and LoadBalancer services', () => {
    const hard = find(objects, 'ResourceQuota', 'quota').spec.hard;
    expect(hard).toMatchObject({ 'limits.cpu': '8', 'limits.memory': '16Gi', 'pods': '100', 'services.nodeports': '0', 'services.loadbalancers': '0' });
    expect(find(objects, 'LimitRange', 'limits').spec.limits[0].type).toBe('Container');
  });

  test('roles list resources explicitly and never reach secrets, exec, RBAC or escalation verbs', () => {
    for (const name of ['view', 'edit']) {
      for (const rule of find(objects, 'Role', name).rules) {
        expect(rule.apiGroups).not.toContain('*');
        expect(rule.resources).not.toContain('*');
        expect(rule.verbs).not.toContain('*');
        expect(rule.resources).not.toEqual(expect.arrayContaining(['secrets']));
        expect(rule.resources.filter((r: string) => /exec|attach|portforward|roles|rolebindings/.test(r))).toEqual([]);
        expect(rule.verbs.filter((v: string) => ['escalate', 'bind', 'impersonate'].includes(v))).toEqual([]);
      }
    }
    expect(find(objects, 'Role', 'view').rules.flatMap((r: any) => r.verbs).every((v: string) => ['get', 'list', 'watch'].includes(v))).toBe(true);
  });

  test('role bindings name only the OIDC groups given', () => {
    expect(find(objects, 'RoleBinding', 'edit').subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:payments-devs' }]);
    expect(find(objects, 'RoleBinding', 'view').subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:auditors' }]);
    expect(find(objects, 'RoleBinding', 'view').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'view' });
  });

  test('without access props no role or binding is emitted', () => {
    const { app, chart } = newChart();
    namespace(chart, 'quiet');
    expect(synthApp(app).filter(o => o.kind === 'Role' || o.kind === 'RoleBinding')).toEqual([]);
  });

  test('mesh: STRICT mTLS, allow-nothing authorization, access logs and REGISTRY_ONLY egress', () => {
    expect(find(objects, 'PeerAuthentication', 'default').spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(find(objects, 'AuthorizationPolicy', 'allow-nothing').spec).toEqual({});
    expect(find(objects, 'Telemetry', 'access-logging').spec).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
    const sidecar = find(objects, 'Sidecar', 'default').spec;
    expect(sidecar.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
    expect(sidecar.egress).toEqual([{ hosts: ['./*', 'istio-system/*'] }]);
  });
});

describe('SensitiveNamespace refuses bad input', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an invalid name', { name: 'Payments_Team' }, /INVALID_PROP.*test\/ns.*name = "Payments_Team": must be a DNS-1123 label.*Fix: use a name like "payments-team"/s],
    ['a name longer than 63 characters', { name: 'a'.repeat(64) }, /name = "a{64}": is 64 characters long, and must be a DNS-1123 label/],
    ['an unknown classification', { dataClassification: 'secret' }, /dataClassification = "secret": is not a known classification.*DataClassification.PUBLIC/s],
    ['an owner that is not a label value', { owner: 'Team Payments!' }, /owner = "Team Payments!": must be a label value.*Fix: name the owning team/s],
    ['a classification left out', { dataClassification: undefined }, /dataClassification = undefined: is required: the namespace's data decides its controls. Fix: use one of DataClassification.PUBLIC/],
    ['an owner left out', { owner: null }, /owner = null: is required: auditors ask who owns each namespace of customer data. Fix: name the owning team/],
    ['a floating Pod Security version', { podSecurityVersion: 'latest' }, /podSecurityVersion = "latest": must pin a Kubernetes minor version/],
    ['a Pod Security version before the restricted profile was complete', { podSecurityVersion: 'v1.22' },
      /podSecurityVersion = "v1.22": pins a restricted profile older than v1.23, without checks it gained since \(dropping every capability in v1.22, refusing runAsUser 0 in v1.23\).*Fix: use the cluster version, from v1.23 to v1.36/s],
    ['a Pod Security version beyond the known releases, enforced as latest', { podSecurityVersion: 'v1.99' },
      /podSecurityVersion = "v1.99": is newer than the Kubernetes releases this library knows \(to v1.36\); a version above the cluster's is enforced as "latest"/],
    ['a system: group', { access: { editors: ['system:masters'] } }, /access.editors\[0\] = "system:masters": is a built-in Kubernetes group.*Fix: bind an OIDC group/s],
    ['a user subject', { access: { viewers: ['user:alice@example.com'] } }, /access.viewers\[0\] = "user:alice@example.com": names a user or service account, not a group/],
    ['a wildcard group', { access: { viewers: ['*'] } }, /access.viewers\[0\] = "\*": wildcards are not group names/],
    ['an empty group', { access: { editors: [''] } }, /access.editors\[0\] = "": must be a non-empty group name/],
    ['a malformed quota', { quota: { memory: 'lots' } }, /quota.memory = "lots": must be a positive Kubernetes quantity/],
    ['a quota in a unit of other tools, with the quantity it meant', { quota: { memory: '64GB', storage: '2TB' } },
      /quota.memory = "64GB": must be a positive Kubernetes quantity, without spaces. Fix: did you mean "64Gi"\?.*\n.*quota.storage = "2TB": .* Fix: did you mean "2Ti"\?/],
    ['a zero pod quota', { quota: { pods: 0 } }, /quota.pods = 0: must be a positive integer/],
    ['a quota amount with spaces, and a quota setting that does not exist', { quota: { cpu: ' 3', cpus: '4' } },
      /quota.cpu = " 3": must be a positive Kubernetes quantity, without spaces.*quota.cpus = "4": is not a setting of this prop. Fix: remove it, or did you mean "cpu"\?/s],
    ['an ephemeral-storage quota, which would refuse every pod of the mesh', { quota: { ephemeralStorage: '20Gi' } }, /quota.ephemeralStorage = "20Gi": cannot be enforced in a mesh namespace: the containers Istio injects declare no ephemeral storage/],
    ['the default namespace', { name: 'default' }, /name = "default": is a namespace run by Kubernetes or the mesh/],
    ['a kube- namespace', { name: 'kube-system' }, /name = "kube-system": is a namespace run by Kubernetes or the mesh/],
    ['a misspelt prop', { ownr: 'x' }, /ownr = "x": is not a prop of this construct. Fix: remove it, or did you mean "owner"\?/],
    ['a malformed IPv6 API server', { apiServer: { cidr: 'fffff::1/128' } }, /apiServer.cidr = "fffff::1\/128": must be an IPv4 or IPv6 CIDR/],
    ['an API server range that opens the internet', { apiServer: { cidr: '0.0.0.0/0' } }, /apiServer.cidr = "0.0.0.0\/0": is far wider than the API server endpoints \(at most a \/24 is accepted\).*e\.g\. "172\.18\.0\.2\/32"/],
    ['an IPv6 API server subnet: the fix is an IPv6 address', { apiServer: { cidr: '2001:db8::/64' } },
      /apiServer.cidr = "2001:db8::\/64": is far wider than the API server endpoints \(at most a \/112 is accepted\).*e\.g\. "fd00:10:96::1\/128"/],
    ['editors given as one string', { access: { editors: 'oidc:devs' } }, /access.editors = "oidc:devs": must be an array of group names/],
    ['an API server as an IPv4-mapped IPv6 range', { apiServer: { cidr: '::ffff:10.0.0.0/112' } }, /apiServer.cidr = "::ffff:10.0.0.0\/112": is an IPv4-mapped IPv6 range, which network plugins match as an IPv4 \/16/],
    ['an API server that is not a CIDR', { apiServer: { cidr: '10.0.0.1' } }, /apiServer.cidr = "10.0.0.1": must be an IPv4 or IPv6 CIDR/],
    ['an API server port that is not a port', { apiServer: { cidr: '10.20.0.10/32', port: 70000 } },
      /apiServer.port = 70000: must be an integer port from 1 to 65535. Fix: pass the port of the API server's endpoints \(kubectl get endpoints kubernetes -n default\): 443 on EKS, GKE and AKS, 6443 on kubeadm, k3s and kind/],
    ['an API server address with host bits below its prefix', { apiServer: { cidr: '10.0.0.1/24' } },
      /apiServer.cidr = "10.0.0.1\/24": has address bits set below its prefix, so it stands for the whole range 10.0.0.0\/24.*Fix: write the range it opens/s],
    ['an API server on the metadata address and port 80', { apiServer: { cidr: '169.254.169.254/32', port: 80 } },
      /apiServer.cidr = "169.254.169.254\/32": holds the cloud instance metadata address 169.254.169.254/],
    ['an API server on Alibaba Cloud\'s metadata address through NAT64', { apiServer: { cidr: '64:ff9b::6464:64c8/128', port: 80 } },
      /apiServer.cidr = "64:ff9b::6464:64c8\/128": holds the cloud instance metadata address 64:ff9b::100.100.100.200/],
    ['access given as one group, which would grant nobody', { access: 'oidc:devs' },
      /INVALID_PROP.*test\/ns.*- access = "oidc:devs": must be an object. Fix: e.g. access: \{ editors: \["oidc:team-devs"\] \}$/ms],
    ['access given as a list of groups', { access: ['oidc:devs'] }, /- access = \["oidc:devs"\]: must be an object/],
    ['a misspelt access setting, which would grant nobody', { access: { editor: ['oidc:devs'] } },
      /- access.editor = \["oidc:devs"\]: is not a setting of this prop. Fix: remove it, or did you mean "editors"\?$/m],
    ['a misspelt API server port, which would leave 443', { apiServer: { cidr: '172.18.0.2/32', prot: 6443 } },
      /- apiServer.prot = 6443: is not a setting of this prop. Fix: remove it, or did you mean "port"\?$/m],
    ['an API server given as its address', { apiServer: '172.18.0.2/32' }, /- apiServer = "172.18.0.2\/32": must be an object. Fix: e.g. apiServer: \{ cidr: "172.18.0.2\/32", port: 6443 \}$/m],
    ['an API server address that is not a CIDR, with the endpoints as the fix', { apiServer: { cidr: '172.18.0.2' } },
      /apiServer.cidr = "172.18.0.2": must be an IPv4 or IPv6 CIDR. Fix: write the single address with its prefix length, "172.18.0.2\/32"; name the addresses of the API server's endpoints \(kubectl get endpoints kubernetes -n default\)/],
    ['a quota given as a string', { quota: '8' }, /- quota = "8": must be an object. Fix: e.g. quota: \{ cpu: "8", memory: "16Gi" \}$/m],
    ['a quota given as a list', { quota: [{ cpu: '8' }] }, /- quota = \[\{"cpu":"8"\}\]: must be an object/],
    ['a name given as a number', { name: 5 }, /- name = 5: must be a DNS-1123 label/],
    ['a Pod Security version given as a list', { podSecurityVersion: ['v1.27'] }, /- podSecurityVersion = \["v1.27"\]: must pin a Kubernetes minor version/],
  ];
  test.each(cases)('%s', (_title, props, message) => {
    const { chart } = newChart();
    expect(() => new SensitiveNamespace(chart, 'ns', { dataClassification: DataClassification.RESTRICTED, owner: 'team-a', ...props } as any)).toThrow(message);
  });

  test('an API server given as the conventional address of the kubernetes Service is documented, not refused', () => {
    const { chart } = newChart();
    for (const cidr of ['10.96.0.1/32', '10.0.0.1/32']) {
      expect(new SensitiveNamespace(chart, `ns-${cidr.split('.')[1]}`, { dataClassification: DataClassification.RESTRICTED, owner: 'team-a', apiServer: { cidr } }).apiServer).toEqual({ cidr });
    }
  });

  test('no props at all (from JavaScript)', () => {
    const { chart } = newChart();
    expect(() => new (SensitiveNamespace as any)(chart, 'ns')).toThrow(/INVALID_PROP.*props = undefined: are missing/s);
  });

  test('the same namespace name twice in an app, even across charts', () => {
    const { app, chart } = newChart();
    namespace(chart, 'payments');
    expect(() => namespace(new Chart(app, 'other'), 'payments')).toThrow(/DUPLICATE_NAME.*other\/payments.*id = "payments": another SensitiveNamespace of the app has this name/s);
  });

  test('every problem with the props is reported in one error', () => {
    const { chart } = newChart();
    try {
      new SensitiveNamespace(chart, 'ns', { dataClassification: 'x' as any, owner: '', name: 'Bad' });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(Soc2Error);
      expect((e as Soc2Error).problems.map(p => p.prop)).toEqual(['name', 'dataClassification', 'owner']);
      expect((e as Soc2Error).constructPath).toBe('test/ns');
    }
  });
});
