import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { containerPorts } from '../../../src/compliance/network/private/container-ports';

const PROXY_IMAGE = 'docker.io/istio/proxyv2:1.24.0';

describe('containerPorts', () => {
  test('lists the ports of the init, regular and ephemeral containers in that order, an injected proxy\'s included', () => {
    const pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'api-x1', namespace: 'a',
        annotations: { 'sidecar.istio.io/status': JSON.stringify({ containers: ['istio-proxy'] }) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'u', controller: true }],
      },
      spec: {
        initContainers: [{ name: 'init', image: 'x:1', ports: [{ containerPort: 9000, protocol: 'UDP' }] }],
        containers: [
          { name: 'main', image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 'nope' }, null] },
          null,
          { name: 'istio-proxy', image: PROXY_IMAGE, ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }] },
        ],
        ephemeralContainers: [{ name: 'debug', image: 'x:1', ports: [{ containerPort: 7000, protocol: 'SCTP' }] }],
      },
    };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'a' }, spec: { template: { spec: { containers: [{ name: 'main', image: 'x:1' }] } } } };
    const index = ManifestIndex.fromObjects([deployment, pod]);
    // The container controls leave the proxy to the mesh; its port is still one the Pod listens on.
    expect(index.containers[1].map(c => c.container.name)).toEqual(['init', 'main', 'debug']);
    expect(containerPorts(index.podTemplates[1])).toEqual([
      { name: undefined, port: 9000, protocol: 'UDP' },
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'http-envoy-prom', port: 15090, protocol: 'TCP' },
      { name: undefined, port: 7000, protocol: 'SCTP' },
    ]);
  });
});
