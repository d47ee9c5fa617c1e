/** How the kube-score mirror words a check that did not pass. */
import { finding, Finding, K8sObject } from '../shared';

/** kube-score grades that show up as failures: CRITICAL and WARNING (ALMOST_OK prints as OK). */
export type Grade = 'CRITICAL' | 'WARNING';

/** A kube-score finding for `checkId` on `obj`. */
export function scoreFinding(checkId: string, obj: K8sObject, grade: Grade, comment: string): Finding {
  return finding('kube-score', checkId, obj, `[${grade}] ${comment}`);
}

/** kube-score's `containerTag`: the text after the last `:` of the image, or '' when there is none. */
export function containerTag(image: unknown): string {
  const parts = String(image ?? '').split(':');
  return parts.length > 1 ? parts[parts.length - 1] : '';
}

/** Kinds kube-score reads as pod templates (PodSpeccers), plus bare Pods. */
export const SCORED_WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/** Whether a workload is a batch Job or CronJob (kube-score skips probes for them). */
export function isBatch(obj: K8sObject): boolean {
  return (obj.kind === 'Job' || obj.kind === 'CronJob') && String(obj.apiVersion ?? '').startsWith('batch/');
}
