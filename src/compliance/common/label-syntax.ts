/** The syntax of Kubernetes names and labels, shared by the settings check and the constructs. */

/** A DNS-1123 label: a namespace name. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A label value as Kubernetes accepts it (and kube-score's `label-values` check); empty is allowed apart. */
export const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A label key: an optional DNS-subdomain prefix and `/` (group 1), then a name of at most 63 characters. */
const LABEL_KEY = /^(?:([a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** The parts of a label key (`prefix` undefined without one), or `undefined` when it is not a valid key. */
export function parseLabelKey(key: string): { readonly prefix?: string } | undefined {
  const m = LABEL_KEY.exec(key);
  if (!m || (m[1] !== undefined && m[1].length > 253)) return undefined;
  return { prefix: m[1] };
}
