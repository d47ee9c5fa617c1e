/** Builders for ingress and cert-manager test manifests. */

/** An Ingress in `team` with rules for `hosts` and the given extra spec and annotations. */
export function ingress(name: string, hosts: (string | undefined)[], extra: { tls?: any[]; annotations?: Record<string, string>; className?: string; namespace?: string } = {}): any {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name, namespace: extra.namespace ?? 'team', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ...(extra.className ? { ingressClassName: extra.className } : {}),
      ...(extra.tls ? { tls: extra.tls } : {}),
      rules: hosts.map(host => ({
        ...(host ? { host } : {}),
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] },
      })),
    },
  };
}

/** A cert-manager Certificate in `team`. */
export function certificate(name: string, spec: any, namespace = 'team'): any {
  return { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace }, spec };
}

/** A compliant Certificate spec for `hosts`. */
export function goodCertificateSpec(secretName: string, dnsNames: string[]): any {
  return {
    secretName, dnsNames, issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' },
    duration: '2160h', renewBefore: '360h', privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
  };
}

/** An IngressClass. */
export function ingressClass(name: string, controller: string, isDefault = false): any {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
    metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    spec: { controller },
  };
}

/** A Gateway API Gateway in `team` with the given listeners and annotations. */
export function gateway(name: string, listeners: any[], annotations?: Record<string, string>): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway',
    metadata: { name, namespace: 'team', ...(annotations ? { annotations } : {}) },
    spec: { gatewayClassName: 'istio', listeners },
  };
}
