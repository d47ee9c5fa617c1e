import { PropProblem } from '../errors';

/** A label value as Kubernetes accepts it (and kube-score's `label-values` check). */
export const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const LABEL_KEY = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/** The labels a workload sets itself, from its name, `partOf` and image tag. */
const OWN_LABELS: ReadonlySet<string> = new Set([
  'app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/part-of', 'app.kubernetes.io/version',
]);

/**
 * Label prefixes that steer the platform rather than describe the workload: Kubernetes' own, and
 * Istio's (`sidecar.istio.io/inject: "false"` on a pod takes it out of the mesh).
 */
const CONTROLLING_PREFIX = /(^|\.)(kubernetes\.io|k8s\.io|istio\.io)$/;

/**
 * Problems with a workload's extra labels: valid keys and values, none of the labels it sets
 * itself, none that steer Kubernetes or the mesh, and every label the app requires (the
 * requiredWorkloadLabels setting) present once the workload's own are added.
 */
export function checkWorkloadLabels(labels: unknown, own: readonly string[], required: readonly string[]): PropProblem[] {
  const found: PropProblem[] = [];
  if (labels !== undefined && (labels === null || typeof labels !== 'object' || Array.isArray(labels))) {
    return [{ prop: 'labels', value: labels, problem: 'must be a mapping of label keys to values', fix: 'e.g. labels: { "example.com/cost-centre": "cc-42" }' }];
  }
  const given = (labels ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    const prop = `labels.${key}`;
    const m = LABEL_KEY.exec(key);
    if (!m || (m[1] !== undefined && m[1].length > 253)) {
      found.push({ prop, value: key, problem: 'is not a label key (an optional DNS prefix and "/", then letters, digits, "-", "_" and "." of at most 63)', fix: 'e.g. "example.com/cost-centre"' });
    } else if (OWN_LABELS.has(key)) {
      found.push({ prop, value, problem: 'is set by the workload itself (from its name, partOf and image tag), and selects its pods', fix: 'remove it; set name or partOf instead' });
    } else if (m[1] !== undefined && CONTROLLING_PREFIX.test(m[1])) {
      found.push({ prop, value, problem: `has the prefix "${m[1]}", whose labels steer Kubernetes or the mesh (sidecar.istio.io/inject would take the pods out of the mesh)`,
        fix: 'use a prefix of your organisation, e.g. "example.com/team"' });
    }
    if (typeof value !== 'string' || (value !== '' && !LABEL_VALUE.test(value))) {
      found.push({ prop, value, problem: 'must be a label value: letters, digits, "-", "_" and ".", at most 63, starting and ending with a letter or digit', fix: 'e.g. "cc-42"' });
    }
  }
  const present = new Set([...own, ...Object.keys(given).filter(k => typeof given[k] === 'string' && given[k] !== '')]);
  const missing = required.filter(k => !present.has(k));
  if (missing.length > 0) {
    found.push({ prop: 'labels', value: labels, problem: `lacks ${missing.map(k => `"${k}"`).join(', ')}, which the app's requiredWorkloadLabels setting requires on every workload`,
      fix: `add ${missing.map(k => `"${k}": "<value>"`).join(', ')} to labels` });
  }
  return found;
}

/** Extra labels in key order, after the workload's own. */
export function sortedLabels(labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels ?? {}).sort()) out[key] = labels![key];
  return out;
}
