import { LABEL_VALUE, parseLabelKey } from '../../src/compliance/common/label-syntax';
import { PropProblem } from '../errors';


/** The labels a workload sets itself from its name and `partOf`: the first two select its pods. */
const OWN_LABELS: ReadonlyMap<string, string> = new Map([
  ['app.kubernetes.io/name', 'selects its pods; set name instead'],
  ['app.kubernetes.io/instance', 'selects its pods; set name instead'],
  ['app.kubernetes.io/part-of', 'comes from partOf; set partOf instead'],
]);

/** Kubernetes' recommended labels, which describe an application (`app.kubernetes.io/component`) and steer nothing. */
const RECOMMENDED_PREFIX = 'app.kubernetes.io';

/**
 * Label prefixes that steer the platform rather than describe the workload: Kubernetes' own,
 * Istio's (`sidecar.istio.io/inject: "false"` on a pod takes it out of the mesh), cert-manager's
 * (the ACME solver's NetworkPolicy selects `acme.cert-manager.io/http01-solver`) and this
 * library's.
 */
const CONTROLLING_PREFIX = /(^|\.)(kubernetes\.io|k8s\.io|istio\.io|cert-manager\.io|cdk8s\.io)$/;

/**
 * The prefix of a label key under which the workload sets no label (one that steers Kubernetes or
 * the mesh), or `undefined` when the key may be given in `labels`.
 */
function refusedPrefix(key: string): string | undefined {
  const prefix = parseLabelKey(key)?.prefix;
  return prefix !== undefined && prefix !== RECOMMENDED_PREFIX && CONTROLLING_PREFIX.test(prefix) ? prefix : undefined;
}

/**
 * Problems with a workload's extra labels: valid keys and values, none of the labels it sets
 * itself, none that steer Kubernetes or the mesh, and every label the app requires (the
 * requiredWorkloadLabels setting) present once the workload's own are added. A required label
 * under a prefix the workload refuses, and does not set itself, can never be present: it is
 * reported as a problem of the setting, not as a label to add.
 */
export function checkWorkloadLabels(labels: unknown, own: readonly string[], required: readonly string[]): PropProblem[] {
  const found: PropProblem[] = [];
  if (labels !== undefined && (labels === null || typeof labels !== 'object' || Array.isArray(labels))) {
    return [{ prop: 'labels', value: labels, problem: 'must be a mapping of label keys to values', fix: 'e.g. labels: { "example.com/cost-centre": "cc-42" }' }];
  }
  const given = (labels ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    const prop = `labels.${key}`;
    const parsed = parseLabelKey(key);
    if (!parsed) {
      found.push({ prop, value: key, problem: 'is not a label key (an optional DNS prefix and "/", then letters, digits, "-", "_" and "." of at most 63)', fix: 'e.g. "example.com/cost-centre"' });
    } else if (OWN_LABELS.has(key)) {
      const [why, fix] = OWN_LABELS.get(key)!.split('; ');
      found.push({ prop, value, problem: `is set by the workload itself: it ${why}`, fix });
    } else if (refusedPrefix(key) !== undefined) {
      found.push({ prop, value, problem: `has the prefix "${parsed.prefix}", whose labels steer Kubernetes or the mesh (sidecar.istio.io/inject would take the pods out of the mesh)`,
        fix: 'use a prefix of your organisation, e.g. "example.com/team"' });
    }
    if (typeof value !== 'string' || (value !== '' && !LABEL_VALUE.test(value))) {
      found.push({ prop, value, problem: 'must be a label value: letters, digits, "-", "_" and ".", at most 63, starting and ending with a letter or digit', fix: 'e.g. "cc-42"' });
    }
  }
  const present = new Set([...own, ...Object.keys(given)]);
  const unmeetable = required.filter(k => !own.includes(k) && refusedPrefix(k) !== undefined);
  for (const key of unmeetable) found.push(unmeetableRequirement(key, refusedPrefix(key)!));
  const missing = required.filter(k => !present.has(k) && !unmeetable.includes(k));
  for (const key of required) {
    if (given[key] === '') {
      found.push({ prop: `labels.${key}`, value: '', problem: 'is empty, and the app\'s requiredWorkloadLabels setting requires a value', fix: 'give the label a value' });
    }
  }
  if (missing.length > 0) {
    found.push({ prop: 'labels', value: labels, problem: `lacks ${missing.map(k => `"${k}"`).join(', ')}, which the app's requiredWorkloadLabels setting requires on every workload`,
      fix: `add ${missing.map(k => `"${k}": "<value>"`).join(', ')} to labels` });
  }
  return found;
}

/**
 * The problem with a requiredWorkloadLabels key under a prefix whose labels the workload refuses
 * to set: no CompliantWorkload of the app could pass workload-required-labels. The setting stays
 * valid for the CLI, whose manifests from elsewhere may set such a label in their pod templates.
 */
function unmeetableRequirement(key: string, prefix: string): PropProblem {
  return {
    prop: 'compliance.requiredWorkloadLabels', value: key,
    problem: `is a label under "${prefix}", which steers Kubernetes or the mesh, so a CompliantWorkload never sets it (nor takes it in labels): `
      + 'no workload of this app could carry it, and the check would fail every one',
    fix: `require a label under your organisation's prefix instead (e.g. "example.com/team") in the CompliantApp's compliance settings; `
      + `keep "${key}" only in the settings of \`cdk8s-soc2 check --config\`, for manifests from elsewhere that set it in their pod templates`,
  };
}

/**
 * The label of the application's version, which changes with every release: it goes on the
 * workload object (Deployment or StatefulSet) and its pod template only, so an image bump changes
 * one object of the reviewed diff. Nothing selects by it.
 */
export const VERSION_LABEL = 'app.kubernetes.io/version';

/**
 * Extra labels in key order, after the workload's own, without {@link VERSION_LABEL}; and the
 * version: the one given in `labels`, else the image tag's (`tagVersion`).
 */
export function normaliseLabels(labels: Readonly<Record<string, string>> | undefined, tagVersion: string | undefined): { labels: Record<string, string>; version?: string } {
  const out: Record<string, string> = {};
  for (const key of Object.keys(labels ?? {}).sort()) if (key !== VERSION_LABEL) out[key] = labels![key];
  const version = labels !== undefined && Object.hasOwn(labels, VERSION_LABEL) ? labels[VERSION_LABEL] : tagVersion;
  return version === undefined ? { labels: out } : { labels: out, version };
}
