import { ComplianceConfig, resolveConfig } from '../../../src/compliance/config';
import { podNoPrivileged } from '../../../src/compliance/controls/workload/pod-no-privileged';
import { podRunAsNonRoot } from '../../../src/compliance/controls/workload/pod-run-as-non-root';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import * as platformInjected from '../../../src/compliance/private/platform-injected';
import { Control } from '../../../src/compliance/types';
import { check, run } from '../helpers';

const APP = {
  name: 'app', image: 'registry.example.com/app@sha256:' + 'a'.repeat(64),
  securityContext: { privileged: false },
};
/**
 * The proxy Istio injects, as a cluster export shows it: not privileged and without privilege
 * escalation, as every container must be, but without the resources, probes and digests the
 * controls ask of a workload's own containers.
 */
const PROXY = { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.2', securityContext: { runAsUser: 1337, privileged: false, allowPrivilegeEscalation: false } };
const INIT = { name: 'istio-validation', image: 'gcr.io/istio-release/proxyv2:1.24.2-distroless', securityContext: { allowPrivilegeEscalation: false } };
const STATUS = { 'sidecar.istio.io/status': JSON.stringify({ initContainers: ['istio-validation'], containers: ['istio-proxy'], volumes: ['istio-envoy'] }) };

const DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [APP] } } },
};

/** A Pod of the Deployment's ReplicaSet `web-5d9c8f7b6`, which the export leaves out. */
function pod(annotations: Record<string, string>, containers: unknown[], initContainers: unknown[] = [], owned = true): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: 'web-5d9c8f7b6-x1', namespace: 'team', labels: { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' }, annotations,
      ...(owned ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c8f7b6', uid: 'u', controller: true }] } : {}),
    },
    spec: { containers, initContainers },
  };
}

/** The containers of the Pod the controls judge, under the settings. */
function judged(objects: unknown[], config?: ComplianceConfig): string[] {
  const index = ManifestIndex.fromObjects(objects);
  const at = index.podTemplates.findIndex(t => t.owner.kind === 'Pod');
  const containers = config === undefined ? index.containers : index.containersFor(resolveConfig(config));
  return containers[at].map(c => String(c.container.name));
}

/** The containers named by the container-level findings on the Pod. */
function podFindings(objects: unknown[], config?: ComplianceConfig): string[] {
  return run(objects, config).findings.filter(f => f.object.kind === 'Pod' && /container "[^"]+"/i.test(f.message))
    .map(f => /(?:init)?[cC]ontainer "([^"]+)"/.exec(f.message)![1]);
}

describe('containers Istio injected into a Pod of a cluster export', () => {
  test('are left to the mesh when the Pod copies a template of the set that lacks them', () => {
    const objects = [DEPLOYMENT, pod(STATUS, [APP, PROXY], [INIT])];
    expect(judged(objects)).toEqual(['app']);
    const names = podFindings(objects);
    expect(names).not.toContain('istio-proxy');
    expect(names).not.toContain('istio-validation');
  });

  test('are still held to what no container may do: privileged mode, privilege escalation, host ports', () => {
    const privileged = { ...PROXY, securityContext: { privileged: true }, ports: [{ containerPort: 15090, hostPort: 15090 }] };
    const findings = run([DEPLOYMENT, pod(STATUS, [APP, privileged], [INIT])]).findings.filter(f => f.message.includes('istio-proxy'));
    expect(findings.map(f => f.controlId).sort()).toEqual(['pod-no-host-ports', 'pod-no-privilege-escalation', 'pod-no-privileged']);
  });

  test('are judged whole when they run a mirror of Istio\'s image, which could hold anything', () => {
    const mirrored = { ...PROXY, image: 'registry.example.com/istio/proxyv2:1.24.2' };
    expect(judged([DEPLOYMENT, pod(STATUS, [APP, mirrored], [INIT])])).toEqual(['app', 'istio-proxy']);
  });

  test('are judged in a Pod that copies no template of the set: a Pod standing alone is judged whole', () => {
    const alone = [pod(STATUS, [APP, PROXY], [INIT], false)];
    expect(judged(alone)).toEqual(['istio-validation', 'app', 'istio-proxy']);
    expect(podFindings(alone)).toEqual(expect.arrayContaining(['istio-proxy', 'istio-validation']));
    // A forged annotation on a Pod of its own hides nothing, whatever image it names.
    const forged = { name: 'istio-proxy', image: 'ghcr.io/someone/proxyv2:latest', securityContext: { privileged: true } };
    expect(run([pod(STATUS, [APP, forged], [], false)]).findings.some(f => f.controlId === 'pod-no-privileged' && f.message.includes('istio-proxy'))).toBe(true);
  });

  test('are judged without the injector\'s annotation, when the template has them too, or when they run another image', () => {
    expect(judged([DEPLOYMENT, pod({}, [APP, PROXY], [INIT])])).toEqual(['istio-validation', 'app', 'istio-proxy']);
    const withProxy = { ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, template: { ...DEPLOYMENT.spec.template, spec: { containers: [APP, PROXY] } } } };
    expect(judged([withProxy, pod(STATUS, [APP, PROXY], [INIT])])).toEqual(['app', 'istio-proxy']);
    const impostor = { name: 'istio-proxy', image: 'registry.example.com/miner:1', securityContext: { privileged: true } };
    expect(judged([DEPLOYMENT, pod(STATUS, [APP, impostor])])).toEqual(['app', 'istio-proxy']);
    expect(run([DEPLOYMENT, pod(STATUS, [APP, impostor])]).findings.some(f => f.controlId === 'pod-no-privileged' && f.message.includes('istio-proxy'))).toBe(true);
  });

  test('a template is never read as injected, and a malformed annotation injects nothing', () => {
    const annotated = {
      ...DEPLOYMENT, metadata: { ...DEPLOYMENT.metadata, annotations: STATUS },
      spec: { ...DEPLOYMENT.spec, template: { metadata: { labels: { app: 'web' }, annotations: STATUS }, spec: { containers: [APP, PROXY] } } },
    };
    expect(ManifestIndex.fromObjects([annotated]).containers[0].map(c => c.container.name)).toEqual(['app', 'istio-proxy']);
    expect(judged([DEPLOYMENT, pod({ 'sidecar.istio.io/status': '{not json' }, [APP, PROXY])])).toEqual(['app', 'istio-proxy']);
  });
});

describe('containers Istio injected that run a mirror of its image', () => {
  const MIRROR = 'registry.corp.example/istio/proxyv2';
  const mirrored = [DEPLOYMENT, pod(STATUS, [APP, { ...PROXY, image: `${MIRROR}:1.24.2` }], [{ ...INIT, image: `${MIRROR}:1.24.2-distroless` }])];

  test('are judged whole when the settings do not name the mirror', () => {
    expect(judged(mirrored, {})).toEqual(['istio-validation', 'app', 'istio-proxy']);
    expect(podFindings(mirrored)).toEqual(expect.arrayContaining(['istio-proxy', 'istio-validation']));
  });

  test('are left to the mesh when istioProxyImages names the mirror, every tag of it', () => {
    expect(judged(mirrored, { istioProxyImages: [MIRROR] })).toEqual(['app']);
    const names = podFindings(mirrored, { istioProxyImages: [MIRROR] });
    expect(names).not.toContain('istio-proxy');
    expect(names).not.toContain('istio-validation');
    // The official hubs still count beside the mirror.
    expect(judged([DEPLOYMENT, pod(STATUS, [APP, PROXY], [INIT])], { istioProxyImages: [MIRROR] })).toEqual(['app']);
    // A digest of the mirror counts as well.
    const pinned = { ...PROXY, image: `${MIRROR}@sha256:${'b'.repeat(64)}` };
    expect(judged([DEPLOYMENT, pod(STATUS, [APP, pinned])], { istioProxyImages: [MIRROR] })).toEqual(['app']);
  });

  test('are still held to what no container may do', () => {
    const privileged = { ...PROXY, image: `${MIRROR}:1.24.2`, securityContext: { privileged: true }, ports: [{ containerPort: 15090, hostPort: 15090 }] };
    const findings = run([DEPLOYMENT, pod(STATUS, [APP, privileged])], { istioProxyImages: [MIRROR] }).findings.filter(f => f.message.includes('istio-proxy'));
    expect(findings.map(f => f.controlId).sort()).toEqual(['pod-no-host-ports', 'pod-no-privilege-escalation', 'pod-no-privileged']);
  });

  test('are compared whole: a repository under the mirror, above it or of another host does not count', () => {
    for (const image of [`${MIRROR}-debug:1`, `${MIRROR}/extra:1`, 'registry.corp.example/istio:1', `evil.${MIRROR}:1`, `registry.corp.example:5000/istio/proxyv2:1`]) {
      expect(judged([DEPLOYMENT, pod(STATUS, [APP, { ...PROXY, image }])], { istioProxyImages: [MIRROR] })).toEqual(['app', 'istio-proxy']);
    }
    expect(judged([DEPLOYMENT, pod(STATUS, [APP, { ...PROXY, image: `${MIRROR}:1` }])], { istioProxyImages: ['registry.corp.example/istio/proxy'] })).toEqual(['app', 'istio-proxy']);
  });

  test('hide only what the annotation names, in a Pod that copies a template lacking it', () => {
    const other = { ...PROXY, name: 'helper', image: `${MIRROR}:1` };
    expect(judged([DEPLOYMENT, pod(STATUS, [APP, other])], { istioProxyImages: [MIRROR] })).toEqual(['app', 'helper']);
    expect(judged([DEPLOYMENT, pod({}, [APP, { ...PROXY, image: `${MIRROR}:1` }])], { istioProxyImages: [MIRROR] })).toEqual(['app', 'istio-proxy']);
    expect(judged([pod(STATUS, [APP, { ...PROXY, image: `${MIRROR}:1` }], [], false)], { istioProxyImages: [MIRROR] })).toEqual(['app', 'istio-proxy']);
  });

  test('share the lists of the official images when the settings add nothing, and compute those with a mirror once', () => {
    const index = ManifestIndex.fromObjects(mirrored);
    expect(index.containersFor(resolveConfig())).toBe(index.containers);
    expect(index.containersFor(resolveConfig({ istioProxyImages: ['docker.io/istio/proxyv2'] }))).toBe(index.containers);
    const withMirror = index.containersFor(resolveConfig({ istioProxyImages: [MIRROR] }));
    expect(withMirror).not.toBe(index.containers);
    expect(index.containersFor(resolveConfig({ istioProxyImages: [MIRROR] }))).toBe(withMirror);
    // The Deployment's list is the same list under either setting.
    expect(withMirror[0]).toBe(index.containers[0]);
    // Without injected containers, a mirror changes nothing.
    const plain = ManifestIndex.fromObjects([DEPLOYMENT]);
    expect(plain.containersFor(resolveConfig({ istioProxyImages: [MIRROR] }))).toBe(plain.containers);
  });

  test('read the mirrors of a settings object once, however many controls ask with it', () => {
    const index = ManifestIndex.fromObjects(mirrored);
    const config = resolveConfig({ istioProxyImages: [MIRROR] });
    const read = jest.spyOn(platformInjected, 'platformImages');
    try {
      const first = index.containersFor(config);
      expect([index.containersFor(config), index.containersFor(config)]).toEqual([first, first]);
      expect(index.containersFor(config)).toBe(first);
      expect(read).toHaveBeenCalledTimes(1);
      // Another settings object with the same mirrors shares the lists.
      expect(index.containersFor(resolveConfig({ istioProxyImages: [MIRROR] }))).toBe(first);
      expect(read).toHaveBeenCalledTimes(2);
    } finally {
      read.mockRestore();
    }
  });
});

describe('the evidence on a Pod whose injected containers are left to the mesh', () => {
  test('names them in the pass of a container control', () => {
    const nonRoot = { ...APP, securityContext: { ...APP.securityContext, runAsNonRoot: true } };
    const results = check(podRunAsNonRoot, [DEPLOYMENT, pod(STATUS, [nonRoot, PROXY], [INIT])]).filter(r => r.object.kind === 'Pod');
    expect(results).toEqual([expect.objectContaining({
      passed: true,
      message: 'initContainer "istio-validation", container "istio-proxy" left to the platforms that injected them',
    })]);
  });

  test('names the one container left; a control that judges injected containers too passes plainly', () => {
    const nonRoot = { ...APP, securityContext: { ...APP.securityContext, runAsNonRoot: true } };
    const onPod = (control: Control) => check(control, [DEPLOYMENT, pod(STATUS, [nonRoot, PROXY])]).filter(r => r.object.kind === 'Pod');
    expect(onPod(podRunAsNonRoot)).toEqual([expect.objectContaining({ passed: true, message: 'container "istio-proxy" left to the platform that injected it' })]);
    expect(onPod(podNoPrivileged)).toEqual([expect.objectContaining({ passed: true, message: undefined })]);
  });

  test('leaves a Pod without injected containers, and the Deployment, with a plain pass', () => {
    const nonRoot = { ...APP, securityContext: { ...APP.securityContext, runAsNonRoot: true } };
    const results = check(podRunAsNonRoot, [DEPLOYMENT, pod({}, [nonRoot])]);
    expect(results.map(r => [r.object.kind, r.passed, r.message])).toEqual([['Deployment', false, expect.any(String)], ['Pod', true, undefined]]);
  });
});
