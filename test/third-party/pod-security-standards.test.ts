import { containerOf, find, hardened, hardenedWith, ids, knownBad } from './fixtures';
import { check } from './pod-security-standards';

describe('Pod Security Standards mirror', () => {
  test('passes the hardened manifest set', () => {
    expect(check(hardened())).toEqual([]);
  });

  test('flags the naive manifest set on Baseline and Restricted controls', () => {
    expect(ids(check(knownBad()))).toEqual(expect.arrayContaining([
      'pss/baseline-capabilities', 'pss/baseline-host-namespaces', 'pss/baseline-host-path-volumes', 'pss/baseline-host-ports',
      'pss/baseline-privileged', 'pss/restricted-privilege-escalation', 'pss/restricted-run-as-non-root', 'pss/restricted-seccomp',
      'pss/restricted-volume-types',
    ]));
  });

  test('Restricted allows only NET_BIND_SERVICE to be added back', () => {
    const netBind = hardenedWith(o => { containerOf(o, 'api').securityContext.capabilities.add = ['NET_BIND_SERVICE']; });
    expect(check(netBind)).toEqual([]);
    const chown = hardenedWith(o => { containerOf(o, 'api').securityContext.capabilities.add = ['CHOWN']; });
    expect(ids(check(chown))).toEqual(['pss/restricted-capabilities']);
  });

  test('Restricted needs allowPrivilegeEscalation: false on init containers too', () => {
    const objects = hardenedWith(o => { delete find(o, 'Deployment', 'ledger').spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation; });
    expect(ids(check(objects))).toEqual(['pss/restricted-privilege-escalation']);
  });

  test('Restricted accepts a pod-level seccomp profile but no Unconfined container', () => {
    const podOnly = hardenedWith(o => { delete containerOf(o, 'api').securityContext.seccompProfile; });
    expect(check(podOnly)).toEqual([]);
    const unconfined = hardenedWith(o => { containerOf(o, 'api').securityContext.seccompProfile = { type: 'Unconfined' }; });
    expect(ids(check(unconfined))).toEqual(['pss/baseline-seccomp', 'pss/restricted-seccomp']);
  });

  test('Restricted rejects a pod-level runAsNonRoot: false even when the containers set true', () => {
    const objects = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.securityContext.runAsNonRoot = false; });
    expect(ids(check(objects))).toEqual(['pss/restricted-run-as-non-root']);
  });

  test('exempts Windows pods from the Linux-only Restricted checks and reads malformed lists as empty', () => {
    const windows = hardenedWith(o => {
      const spec = find(o, 'Deployment', 'api').spec.template.spec;
      spec.os = { name: 'windows' };
      delete spec.securityContext.seccompProfile;
      delete containerOf(o, 'api').securityContext;
    });
    expect(ids(check(windows)).filter(id => /seccomp|capabilities|privilege-escalation/.test(id))).toEqual([]);
    const malformed = hardenedWith(o => { containerOf(o, 'api').securityContext.capabilities.add = 'SYS_ADMIN'; });
    expect(() => check(malformed)).not.toThrow();
  });

  test('Restricted rejects runAsUser 0 even with runAsNonRoot', () => {
    const objects = hardenedWith(o => { containerOf(o, 'api').securityContext.runAsUser = 0; });
    expect(ids(check(objects))).toEqual(['pss/restricted-run-as-user']);
  });

  test('Baseline (v1.34+) forbids a host in probe and lifecycle handlers, init containers included', () => {
    // pod-security-admission policy/check_hostProbesAndhostLifecycle.go
    const probe = hardenedWith(o => { containerOf(o, 'api').livenessProbe.httpGet.host = '169.254.169.254'; });
    expect(check(probe).map(f => `${f.check}: ${f.message}`)).toEqual(['pss/baseline-host-probes: probe or lifecycle host set in api']);
    const hook = hardenedWith(o => { find(o, 'Deployment', 'ledger').spec.template.spec.initContainers[0].lifecycle = { preStop: { tcpSocket: { port: 5432, host: 'db.example.com' } } }; });
    expect(ids(check(hook))).toEqual(['pss/baseline-host-probes']);
    const empty = hardenedWith(o => { containerOf(o, 'api').readinessProbe.httpGet.host = ''; });
    expect(check(empty)).toEqual([]);
  });

  test('Restricted allows image volumes (v1.33+) and refuses other inline sources', () => {
    // pod-security-admission policy/check_restrictedVolumes.go, kubernetes/kubernetes#130394
    const image = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.volumes = [{ name: 'models', image: { reference: 'registry.example.com/models:1' } }]; });
    expect(check(image)).toEqual([]);
    const nfs = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.volumes = [{ name: 'shared', nfs: { server: 'nas', path: '/x' } }]; });
    expect(ids(check(nfs))).toEqual(['pss/restricted-volume-types']);
  });

  test('a pod in a user namespace (hostUsers: false) is exempt from runAsNonRoot and runAsUser, and from the baseline procMount check only (v1.35+)', () => {
    // pod-security-admission policy/check_runAsNonRoot.go, check_runAsUser.go, check_procMount_baseline.go, check_procMount_restricted.go
    const root = hardenedWith(o => {
      find(o, 'Deployment', 'api').spec.template.spec.hostUsers = false;
      containerOf(o, 'api').securityContext.runAsUser = 0;
      containerOf(o, 'api').securityContext.runAsNonRoot = false;
    });
    expect(check(root)).toEqual([]);
    const unmasked = hardenedWith(o => { containerOf(o, 'api').securityContext.procMount = 'Unmasked'; });
    expect(ids(check(unmasked))).toEqual(['pss/baseline-proc-mount', 'pss/restricted-proc-mount']);
    const unmaskedUserns = hardenedWith(o => {
      find(o, 'Deployment', 'api').spec.template.spec.hostUsers = false;
      containerOf(o, 'api').securityContext.procMount = 'Unmasked';
    });
    expect(ids(check(unmaskedUserns))).toEqual(['pss/restricted-proc-mount']);
    const hostUsers = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.hostUsers = true; containerOf(o, 'api').securityContext.runAsUser = 0; });
    expect(ids(check(hostUsers))).toEqual(['pss/restricted-run-as-user']);
  });

  test('Baseline allows only the safe sysctls', () => {
    const objects = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }]; });
    expect(ids(check(objects))).toEqual(['pss/baseline-sysctls']);
    const v137 = hardenedWith(o => {
      find(o, 'Deployment', 'api').spec.template.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }, { name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }];
    });
    expect(check(v137)).toEqual([]);
  });
});
