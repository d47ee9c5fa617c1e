/**
 * An independent mirror of kube-score (zegl/kube-score) with its default checks: every check
 * registered as non-optional, reporting CRITICAL and WARNING grades (ALMOST_OK prints as OK).
 * Optional checks (container-seccomp-profile, *-requests-equal-limits, container-ports-check,
 * container-ephemeral-storage-request-equals-limit) are not run, as by default. The
 * `kube-score/ignore` annotation (a comma-separated list of check ids on the scored object) is
 * honoured, as kube-score does unless run with --disable-ignore-checks-annotations
 * (scorecard/scorecard.go ignoredChecksAnnotation).
 */
import { scoreAppsChecks } from './kube-score/apps';
import { scoreObjectChecks } from './kube-score/objects';
import { scorePodChecks } from './kube-score/pod';
import { Finding, K8sObject, objectRef } from './shared';

/** Every finding of kube-score's default checks over a manifest set. */
export function check(objects: K8sObject[]): Finding[] {
  const valid = objects.filter(o => o && typeof o === 'object');
  const ignored = new Map<string, Set<string>>();
  for (const o of valid) {
    const value = o.metadata?.annotations?.['kube-score/ignore'];
    if (typeof value === 'string') ignored.set(objectRef(o), new Set(value.split(',').map(s => s.trim())));
  }
  return [...scorePodChecks(valid), ...scoreAppsChecks(valid), ...scoreObjectChecks(valid)]
    .filter(f => !ignored.get(f.object)?.has(f.check.slice('kube-score/'.length)));
}
