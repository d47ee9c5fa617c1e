/** A Namespace object with labels, for fixtures. */
export function namespace(name: string, labels: Record<string, string> = {}, annotations?: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, ...(annotations ? { annotations } : {}) } };
}

/** The labels of a namespace that satisfies every namespace control with the default configuration. */
export const COMPLIANT_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'v1.27',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
  'soc2.cdk8s.io/data-classification': 'confidential',
  'soc2.cdk8s.io/owner': 'team-payments',
  'istio-injection': 'enabled',
};
