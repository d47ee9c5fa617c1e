/** Small builders for the manifests of the network-model tests. */

/** A Deployment whose pods carry `labels`, run as `serviceAccount` and declare `ports`. */
export function workload(namespace: string, name: string, opts: { labels?: Record<string, string>; serviceAccount?: string; ports?: { name?: string; containerPort: number; protocol?: string }[] } = {}): any {
  const labels = opts.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...(opts.serviceAccount ? { serviceAccountName: opts.serviceAccount } : {}),
          containers: [{ name: 'main', image: 'registry.example.com/app@sha256:0', ports: opts.ports ?? [] }],
        },
      },
    },
  };
}

/** A Namespace with labels. */
export function namespace(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A NetworkPolicy with the given spec. */
export function networkPolicy(namespace: string, name: string, spec: any): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** An Istio AuthorizationPolicy with the given spec. */
export function authorizationPolicy(namespace: string, name: string, spec: any): any {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name, namespace }, spec };
}

/** A Service selecting `selector`. */
export function service(namespace: string, name: string, selector: Record<string, string>, ports: any[], type?: string): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ...(type ? { type } : {}), selector, ports } };
}

/** An Ingress routing `host` to a Service port, with TLS when `tls`. */
export function ingress(namespace: string, name: string, host: string, backend: { service: string; port: number | string }, tls = true): any {
  const port = typeof backend.port === 'number' ? { number: backend.port } : { name: backend.port };
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace },
    spec: {
      ingressClassName: 'nginx',
      ...(tls ? { tls: [{ hosts: [host], secretName: `${name}-tls` }] } : {}),
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend.service, port } } }] } }],
    },
  };
}

/** A default-deny policy for both directions. */
export const DEFAULT_DENY = (ns: string): any => networkPolicy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
/** DNS egress to kube-dns. */
export const ALLOW_DNS = (ns: string): any => networkPolicy(ns, 'allow-dns', {
  podSelector: {}, policyTypes: ['Egress'],
  egress: [{
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
  }],
});

/** A payments namespace built the way the constructs build it: default deny, named peers, mesh policies, an Ingress. */
export function paymentsPlatform(): unknown[] {
  return [
    namespace('payments', { 'soc2.cdk8s.io/data-classification': 'restricted', 'istio-injection': 'enabled' }),
    workload('payments', 'api', { serviceAccount: 'api', ports: [{ name: 'http', containerPort: 8080 }] }),
    workload('payments', 'ledger', { serviceAccount: 'ledger', ports: [{ name: 'pg', containerPort: 5432 }] }),
    DEFAULT_DENY('payments'),
    ALLOW_DNS('payments'),
    networkPolicy('payments', 'api-ingress', {
      podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 'http' }] }],
    }),
    networkPolicy('payments', 'api-egress', {
      podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: 'ledger' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
        { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] },
      ],
    }),
    networkPolicy('payments', 'ledger-ingress', {
      podSelector: { matchLabels: { app: 'ledger' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 'pg' }] }],
    }),
    authorizationPolicy('payments', 'allow-nothing', {}),
    authorizationPolicy('payments', 'api-allow', {
      selector: { matchLabels: { app: 'api' } }, action: 'ALLOW',
      rules: [{ from: [{ source: { namespaces: ['ingress-nginx'] } }], to: [{ operation: { ports: ['8080'] } }] }],
    }),
    authorizationPolicy('payments', 'ledger-allow', {
      selector: { matchLabels: { app: 'ledger' } },
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/payments/sa/api'] } }] }],
    }),
    service('payments', 'api', { app: 'api' }, [{ name: 'web', port: 80, targetPort: 'http' }]),
    ingress('payments', 'public', 'pay.example.com', { service: 'api', port: 80 }),
  ];
}
