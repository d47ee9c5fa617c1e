import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { run } from '../helpers';

const APP = {
  name: 'app', image: 'registry.example.com/app@sha256:' + 'a'.repeat(64),
  securityContext: { privileged: false },
};
/** The proxy Istio injects, as a cluster export shows it: none of the settings the controls ask of a workload's containers. */
const PROXY = { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.2', securityContext: { runAsUser: 1337 } };
const INIT = { name: 'istio-validation', image: 'docker.io/istio/proxyv2:1.24.2-distroless' };

function pod(annotations: Record<string, string>, containers: unknown[], initContainers: unknown[] = []): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'team', labels: { app: 'web' }, annotations },
    spec: { containers, initContainers },
  };
}

const STATUS = { 'sidecar.istio.io/status': JSON.stringify({ initContainers: ['istio-validation'], containers: ['istio-proxy'], volumes: ['istio-envoy'] }) };

/** The container-level findings, by the container their message names. */
function containerFindings(objects: unknown[]): string[] {
  return run(objects).findings.filter(f => /container "[^"]+"|initContainer "[^"]+"/.test(f.message))
    .map(f => /(?:init)?[cC]ontainer "([^"]+)"/.exec(f.message)![1]);
}

describe('containers Istio injected into a running Pod', () => {
  test('are left to the mesh: the controls judge only the containers of the workload', () => {
    const index = ManifestIndex.fromObjects([pod(STATUS, [APP, PROXY], [INIT])]);
    expect(index.containers[0].map(c => c.container.name)).toEqual(['app']);
    const names = containerFindings([pod(STATUS, [APP, PROXY], [INIT])]);
    expect(names).toContain('app');
    expect(names).not.toContain('istio-proxy');
    expect(names).not.toContain('istio-validation');
  });

  test('are judged like any other without the injector\'s annotation', () => {
    const names = containerFindings([pod({}, [APP, PROXY], [INIT])]);
    expect(names).toContain('istio-proxy');
    expect(names).toContain('istio-validation');
  });

  test('a container the annotation names but that runs another image is judged: a copied annotation hides nothing', () => {
    const impostor = { name: 'istio-proxy', image: 'registry.example.com/miner:1', securityContext: { privileged: true } };
    const index = ManifestIndex.fromObjects([pod(STATUS, [APP, impostor])]);
    expect(index.containers[0].map(c => c.container.name)).toEqual(['app', 'istio-proxy']);
    expect(run([pod(STATUS, [APP, impostor])]).findings.some(f => f.controlId === 'pod-no-privileged' && f.message.includes('istio-proxy'))).toBe(true);
  });

  test('a template is never read as injected, and a malformed annotation injects nothing', () => {
    const template = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team', annotations: STATUS },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' }, annotations: STATUS }, spec: { containers: [APP, PROXY] } } },
    };
    expect(ManifestIndex.fromObjects([template]).containers[0].map(c => c.container.name)).toEqual(['app', 'istio-proxy']);
    const broken = pod({ 'sidecar.istio.io/status': '{not json' }, [APP, PROXY]);
    expect(ManifestIndex.fromObjects([broken]).containers[0].map(c => c.container.name)).toEqual(['app', 'istio-proxy']);
  });
});
