/**
 * Knative Serving semantics for the availability controls: how many replicas Knative's autoscaler
 * keeps of a Knative Service's revision, and which Deployment of a cluster export is a Revision's
 * copy of a Service's template, whose count, spread and disruption budget the Service decides.
 */

import { compare } from '../../../common/compare';
import { goCount32 } from '../../../common/go-atoi';
import { ManifestIndex } from '../../../manifest-index';
import { controllerOf } from '../../../private/derived-templates';
import { IndexedObject, PodTemplate } from '../../../types';
import type { ExpectedReplicas, UnknownReplicas } from './replica-count';
import { rolloutReferencing } from './rollout-referencing';
import { replicaAutoscalersOf } from './scalers';
import { spreadVerdict } from './spread';

/** The API group of Knative's autoscaling annotations (`autoscaling.GroupName`). */
const AUTOSCALING = 'autoscaling.knative.dev';
/**
 * The annotation that sets the fewest replicas Knative keeps of a revision, and its older spelling,
 * which Knative still reads (`autoscaling.MinScaleAnnotation`).
 * @see https://knative.dev/docs/serving/autoscaling/scale-bounds/
 */
const MIN_SCALE_KEYS = [`${AUTOSCALING}/min-scale`, `${AUTOSCALING}/minScale`] as const;
/** The annotation that picks a revision's autoscaler (`autoscaling.ClassAnnotationKey`); Knative's own (KPA) when absent. */
const CLASS_KEY = `${AUTOSCALING}/class`;
/** The class with which Knative scales a revision through a HorizontalPodAutoscaler, which keeps at least 1 replica. */
const HPA_CLASS = 'hpa.autoscaling.knative.dev';
/** The class of Knative's own pod autoscaler (KPA). */
const KPA_CLASS = 'kpa.autoscaling.knative.dev';
/** The API group of the PodAutoscalers through which Knative makes a revision's HorizontalPodAutoscaler. */
const AUTOSCALING_INTERNAL = 'autoscaling.internal.knative.dev';

/**
 * The fewest replicas Knative's autoscaler keeps of the revision a Knative Service's template
 * makes (`PodAutoscaler.ScaleBounds`), as its template's annotations set it:
 * - `autoscaling.knative.dev/min-scale` (or the older `minScale`; the lower of the two when both
 *   are set), a base-10 count Knative's webhook accepts;
 * - unset, 0: Knative's pod autoscaler (KPA), its default class, scales a revision without traffic
 *   to zero. The cluster's `config-autoscaler` (`min-scale`, `enable-scale-to-zero`) is not in
 *   the manifests, so its defaults (0, and scale to zero) are assumed;
 * - under the `hpa.autoscaling.knative.dev` class at least 1: the HorizontalPodAutoscaler Knative
 *   makes leaves `minReplicas` at its default, 1, for a min-scale of 0.
 * A revision that runs at all runs at least 1 replica ({@link ExpectedReplicas.activeCount}).
 * @see https://github.com/knative/serving/blob/main/pkg/apis/autoscaling/v1alpha1/pa_lifecycle.go
 */
export function knativeReplicas(service: PodTemplate): ExpectedReplicas | UnknownReplicas {
  const counts: { key: string; count: number }[] = [];
  for (const key of MIN_SCALE_KEYS.filter(k => service.annotations[k] !== undefined)) {
    const value = service.annotations[key];
    const n = goCount32(value);
    if (n === undefined) {
      return {
        problem: `annotation ${key} ${JSON.stringify(value)} of spec.template is not a replica count (a non-negative base-10 integer), which Knative's webhook refuses`,
        path: annotationPath(key),
      };
    }
    counts.push({ key, count: n });
  }
  const low = counts.reduce<{ key: string; count: number } | undefined>((a, c) => (a === undefined || c.count < a.count ? c : a), undefined);
  const cls = service.annotations[CLASS_KEY];
  const min = low?.count ?? 0;
  const named = low === undefined
    ? `spec.template sets no ${MIN_SCALE_KEYS[0]} annotation`
    : `spec.template annotation ${low.key} "${service.annotations[low.key]}"`;
  if (cls === HPA_CLASS && min < 1) {
    return { count: 1, source: `${named}, and the HorizontalPodAutoscaler Knative makes for class ${HPA_CLASS} keeps at least 1`, path: annotationPath(low?.key ?? MIN_SCALE_KEYS[0]) };
  }
  if (low !== undefined && min > 0) return { count: min, source: named, path: annotationPath(low.key) };
  const unset = low === undefined ? ' (the cluster\'s config-autoscaler, whose min-scale applies then, is not in the manifests)' : '';
  const by = cls === undefined || cls === KPA_CLASS
    ? `: Knative's pod autoscaler (KPA) scales a revision without traffic to zero${unset}`
    : `, and the autoscaler of class "${cls}" is taken to scale a revision without traffic to zero`;
  return { count: 0, source: `${named}${by}`, path: annotationPath(low?.key ?? MIN_SCALE_KEYS[0]), activeCount: 1 };
}

function annotationPath(key: string): string {
  return `spec.template.metadata.annotations["${key}"]`;
}

/**
 * Whether the availability controls leave a workload to the Knative Service it copies: a Knative
 * Revision's Deployment that the index confirms ({@link ManifestIndex.revisionServiceOf}), whose
 * template agrees with the Service's on all that decides its count, spread and budget
 * ({@link decidedAlike}), and that nothing else of the set decides: no autoscaler but those
 * Knative makes for the Service's count, no Argo Rollout that runs its
 * pods, no PodDisruptionBudget but the Service's, and no label of its own that its spread leaves
 * out ({@link decidedByServiceAlone}). Knative's
 * autoscaler sets its `spec.replicas`, and its Revision owns it: the Service's own verdict is the
 * evidence. Any other Deployment, Knative's labels or not, is judged as its own.
 */
export function leftToKnativeService(index: ManifestIndex, pod: PodTemplate): boolean {
  const service = index.revisionServiceOf(pod.owner);
  const template = service === undefined ? undefined : index.podTemplateOf(service);
  return template !== undefined && decidedAlike(pod, template) && decidedByServiceAlone(index, pod, template);
}

/**
 * Whether nothing of the set but the Service decides what the availability controls read of a
 * Revision's Deployment, which the controls would otherwise read on the Deployment itself:
 * - its autoscalers: only those Knative made (controlled by a PodAutoscaler of
 *   `autoscaling.internal.knative.dev`) that keep at least the Service's count; any other HPA or
 *   KEDA ScaledObject, or one Knative made for another count (an older template), may leave it
 *   below what the Service's annotations say;
 * - an Argo Rollout that runs its pods through `spec.workloadRef`, at the Rollout's count;
 * - its PodDisruptionBudgets: those that select its pods must be those that select the Service's,
 *   since its pods carry labels of their own (the Revision's), which another budget may select;
 * - its spread: with the same constraints, a selector that leaves out pods with those labels
 *   (`DoesNotExist`, `NotIn`) may select the Service's pods and not its own.
 */
function decidedByServiceAlone(index: ManifestIndex, copy: PodTemplate, service: PodTemplate): boolean {
  const scalers = replicaAutoscalersOf(index, copy.owner);
  if (scalers.length > 0) {
    const expected = knativeReplicas(service);
    const count = 'problem' in expected ? 0 : expected.count;
    if (!scalers.every(s => madeByKnative(s.object) && s.min >= count)) return false;
  }
  if (rolloutReferencing(index, copy.owner) !== undefined) return false;
  if (spreadVerdict(copy).problems.length > 0 && spreadVerdict(service).problems.length === 0) return false;
  const budgets = index.selectorIndex('PodDisruptionBudget', 'policy', 'spec.selector');
  const ofCopy = budgets.match(copy.namespace, copy.labels);
  const ofService = new Set(budgets.match(service.namespace, service.labels));
  return ofCopy.length === ofService.size && ofCopy.every(b => ofService.has(b));
}

/**
 * Whether an autoscaler is one Knative makes for a revision: its controller is a Knative
 * PodAutoscaler (the HorizontalPodAutoscaler of the `hpa.autoscaling.knative.dev` class, or the
 * KEDA ScaledObject of Knative's KEDA extension).
 */
function madeByKnative(o: IndexedObject): boolean {
  const controller = controllerOf(o);
  return controller?.kind === 'PodAutoscaler' && controller.group === AUTOSCALING_INTERNAL;
}

/** The pod spec fields the availability controls read of a template's spread. */
const SPREAD_FIELDS = ['topologySpreadConstraints', 'affinity'] as const;

/**
 * Whether a Revision's Deployment template agrees with its Service's on what the availability
 * controls read, as Knative copies it from the Revision (`MakeDeployment`, `BuildPodSpec`): the
 * same `autoscaling.knative.dev/*` annotations, so the same count; the same
 * `topologySpreadConstraints` and `affinity`, empty ones counting as absent; and every label of
 * the Service's pods (its own and Knative's Service and Configuration labels), which the
 * Revision's pods carry beside the Revision's. An older Revision made from another template, or an
 * object made to look like one, differs.
 * @see https://github.com/knative/serving/blob/main/pkg/reconciler/revision/resources/deploy.go
 */
function decidedAlike(copy: PodTemplate, service: PodTemplate): boolean {
  if (autoscalingAnnotations(copy) !== autoscalingAnnotations(service)) return false;
  if (SPREAD_FIELDS.some(f => canonical(copy.spec?.[f]) !== canonical(service.spec?.[f]))) return false;
  return Object.entries(service.labels).every(([k, v]) => copy.labels[k] === v);
}

/** A template's `autoscaling.knative.dev/*` annotations, as one comparable string. */
function autoscalingAnnotations(t: PodTemplate): string {
  return JSON.stringify(Object.entries(t.annotations).filter(([k]) => k.startsWith(`${AUTOSCALING}/`)).sort(([a], [b]) => compare(a, b)));
}

/** A value as JSON with sorted keys; an absent, `null` or empty value reads as absent, as Go's `omitempty` writes it. */
function canonical(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.length === 0 ? '' : `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return keys.length === 0 ? '' : `{${keys.map(k => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
