/** An Istio object of `kind` with a spec, for fixtures; the API group follows the kind. */
export function istio(kind: string, name: string, namespace: string, spec: any, extra: { version?: string; annotations?: Record<string, string> } = {}): any {
  const group = ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'].includes(kind) ? 'security.istio.io'
    : kind === 'Telemetry' ? 'telemetry.istio.io' : 'networking.istio.io';
  return {
    apiVersion: `${group}/${extra.version ?? 'v1'}`,
    kind,
    metadata: { name, namespace, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec,
  };
}

/** A PeerAuthentication with a mode and optional selector labels and port-level modes. */
export function peerAuthentication(name: string, namespace: string, mode: string | undefined, options: { selector?: Record<string, string>; ports?: Record<string, string>; version?: string; annotations?: Record<string, string> } = {}): any {
  return istio('PeerAuthentication', name, namespace, {
    ...(options.selector ? { selector: { matchLabels: options.selector } } : {}),
    ...(mode ? { mtls: { mode } } : {}),
    ...(options.ports ? { portLevelMtls: Object.fromEntries(Object.entries(options.ports).map(([p, m]) => [p, { mode: m }])) } : {}),
  }, { version: options.version, annotations: options.annotations });
}

/** A pod spec with one container, for fixtures. */
export const POD = { containers: [{ name: 'c', image: 'registry.example.com/app@sha256:0' }] };
