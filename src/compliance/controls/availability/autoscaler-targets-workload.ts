import { defineControl, fail, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { autoscalers, autoscalersOf, autoscalersSharingPods, isScalableKind, refusedBound, ScaleTarget, scaleTargetOf, targetObject } from './private/autoscalers';
import { HPA_NAME, hpaTakeoverGap, kedaPause, kedaRefusal, kedaScaleTargetOf, scaledObjects, takesOver, TRANSFER_HPA_OWNERSHIP } from './private/keda';
import { scaledObjectsOf, takenOverBy } from './private/scalers';

/** The most other autoscalers a finding names. */
const NAMED = 3;

/** Every HorizontalPodAutoscaler and KEDA ScaledObject scales a workload the manifest set declares, and no other autoscaler scales the same pods. */
export const autoscalerTargetsWorkload = defineControl({
  id: 'autoscaler-targets-workload',
  title: 'Autoscalers scale a declared workload, one each',
  condition: 'Every HorizontalPodAutoscaler names in spec.scaleTargetRef an object of the manifest set in its own namespace, '
    + 'with the same kind, name and API group, of a kind that can be scaled (Deployment, StatefulSet, ReplicaSet, '
    + 'ReplicationController, or a custom resource), with bounds the API server accepts, and no other autoscaler scales the same pods '
    + '(names the same object, or one whose selector selects them), a KEDA ScaledObject included unless it takes the autoscaler over '
    + '(annotation scaledobject.keda.sh/transfer-hpa-ownership "true" and spec.advanced.horizontalPodAutoscalerConfig.name naming it: the autoscaler is then KEDA\'s). '
    + 'Every KEDA ScaledObject likewise names such an object '
    + '(kind Deployment and apiVersion apps/v1 when unset) that no other autoscaler names but one it takes over, with counts KEDA accepts (non-negative integers, '
    + 'idleReplicaCount below minReplicaCount, minReplicaCount at most maxReplicaCount, default 100) and, when set, an autoscaling.keda.sh/paused-replicas '
    + 'annotation that is a non-negative integer.',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    kubeScore: ['horizontalpodautoscaler-has-target'],
  },
  remediation: 'Point spec.scaleTargetRef (apiVersion, kind and name) at the one workload the autoscaler is meant to scale, '
    + 'give it minReplicas of at least 1 and maxReplicas of at least minReplicas (a ScaledObject: integer counts with idleReplicaCount < minReplicaCount <= maxReplicaCount, '
    + 'and a count in autoscaling.keda.sh/paused-replicas), '
    + 'and keep one autoscaler per set of pods (combine the metrics of several into one, and keep workload selectors apart); to move a workload from a '
    + 'HorizontalPodAutoscaler to KEDA, give the ScaledObject annotation scaledobject.keda.sh/transfer-hpa-ownership "true" and the HPA\'s name in '
    + 'spec.advanced.horizontalPodAutoscalerConfig.name.',
  example: 'spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api',
  check: ctx => [...autoscalers(ctx.index).map(hpa => checkAutoscaler(ctx, hpa)), ...scaledObjects(ctx.index).map(so => checkScaledObject(ctx, so))],
});

/** The verdict on one HorizontalPodAutoscaler: one that a ScaledObject takes over ({@link takesOver}) is KEDA's, and the ScaledObject does not compete with it. */
function checkAutoscaler(ctx: CheckContext, hpa: IndexedObject): CheckResult {
  const refused = refusedBound(hpa);
  if (refused !== undefined) {
    const { minReplicas, maxReplicas } = (hpa.raw as any).spec ?? {};
    return fail(hpa, `minReplicas ${JSON.stringify(minReplicas ?? null)} and maxReplicas ${JSON.stringify(maxReplicas ?? null)} are not bounds the API server accepts `
      + '(minReplicas at least 1, maxReplicas at least minReplicas), so the autoscaler is refused', `spec.${refused}`);
  }
  const target = scaleTargetOf(hpa);
  if (!target) return fail(hpa, 'spec.scaleTargetRef does not name a kind and a name', 'spec.scaleTargetRef');
  const found = declaredTarget(ctx, hpa, target);
  if ('passed' in found) return found;
  const keda = scaledObjectsOf(ctx.index, found);
  const owner = takenOverBy(keda, hpa);
  const competing = keda.filter(k => k.object !== owner);
  if (competing.length > 0) {
    const gap = competing.length === 1 ? hpaTakeoverGap(competing[0].object, hpa) : undefined;
    const without = gap?.attempted ? ` without taking this autoscaler over (${gap.missing})` : '';
    return fail(hpa, alsoScales(competing.map(k => k.object.ref), found, without), 'spec.scaleTargetRef');
  }
  const sameTarget = autoscalersOf(ctx.index, found).filter(o => o !== hpa);
  const sharing = autoscalersSharingPods(ctx.index, hpa);
  const others = [...new Set([...sameTarget.slice(0, NAMED), ...sharing.named])];
  if (others.length === 0) {
    return pass(hpa, owner ? `scales ${found.ref} for ${owner.ref}, which takes it over (annotation ${TRANSFER_HPA_OWNERSHIP} "true" and ${HPA_NAME} "${hpa.name}"): `
      + 'KEDA rewrites it from the ScaledObject' : `scales ${found.ref}`);
  }
  const more = sharing.more || sameTarget.length > NAMED || others.length > NAMED;
  const names = others.slice(0, NAMED).map(o => o.ref).join(', ') + (more ? ' and others' : '');
  return fail(hpa, `${names} also scale${others.length === 1 && !more ? 's' : ''} pods that ${found.ref} selects: `
    + 'the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)', 'spec.scaleTargetRef');
}

/**
 * The verdict on one KEDA ScaledObject: counts and a pause KEDA accepts, a declared target, and no
 * other autoscaler naming it (an HPA it does not take over, see {@link hpaTakeoverGap}, or a
 * ScaledObject: KEDA's webhook refuses the later one, and without it the HPAs KEDA makes select
 * the same pods). An HPA that KEDA made for a ScaledObject, controlled by it in a cluster export,
 * is not an autoscaler of its own ({@link autoscalers}). Pods it shares with another workload's
 * autoscaler through overlapping selectors are not looked for.
 */
function checkScaledObject(ctx: CheckContext, so: IndexedObject): CheckResult {
  const refusal = kedaRefusal(ctx.index, so);
  if (refusal) return fail(so, refusal.message, refusal.path);
  const target = kedaScaleTargetOf(so);
  if (!target) {
    return fail(so, 'spec.scaleTargetRef does not name a workload: it needs a name, and string kind and apiVersion when set (they default to Deployment and apps/v1)',
      'spec.scaleTargetRef');
  }
  const found = declaredTarget(ctx, so, target);
  if ('passed' in found) return found;
  const hpas = autoscalersOf(ctx.index, found);
  const takenOver = hpas.filter(h => takesOver(so, h));
  const others = [...hpas.filter(h => !takenOver.includes(h)), ...scaledObjectsOf(ctx.index, found).map(k => k.object).filter(o => o !== so)];
  if (others.length > 0) {
    const gap = others.length === 1 && hpas.includes(others[0]) ? hpaTakeoverGap(so, others[0]) : undefined;
    const without = gap?.attempted ? ` and this ScaledObject does not take it over (${gap.missing})` : '';
    return fail(so, alsoScales(others.map(o => o.ref), found, without), (gap?.attempted ? gap.path : undefined) ?? 'spec.scaleTargetRef');
  }
  const pause = kedaPause(so);
  const paused = pause ? `, paused by annotation ${pause.annotation} "${pause.value}" ${pause.replicas === undefined ? 'at the count it has' : `at ${pause.replicas} replicas`}` : '';
  const taking = takenOver.length > 0 ? `, taking ${takenOver[0].ref} over (annotation ${TRANSFER_HPA_OWNERSHIP} "true" and ${HPA_NAME} "${takenOver[0].name}")` : '';
  return pass(so, `scales ${found.ref}${taking}${paused}`);
}

/**
 * The finding on an autoscaler of `target` that the other autoscalers `refs` also scale (the
 * first {@link NAMED} named, the rest counted as "others"), a ScaledObject among them or the one judged: KEDA's admission webhook refuses
 * the ScaledObject that comes second, and without it they fight over the replica count. `without`
 * says what keeps a ScaledObject from taking the HorizontalPodAutoscaler over, when it tries.
 */
function alsoScales(refs: readonly string[], target: IndexedObject, without: string): string {
  const names = refs.slice(0, NAMED).join(', ') + (refs.length > NAMED ? ' and others' : '');
  return `${names} also scale${refs.length === 1 ? 's' : ''} ${target.ref}${without}: KEDA's admission webhook, when it runs, refuses a ScaledObject `
    + 'for a workload that another autoscaler already scales; otherwise they fight over its replica count';
}

/** The object of the set an autoscaler's target names, or the finding that it names none that can be scaled. */
function declaredTarget(ctx: CheckContext, scaler: IndexedObject, target: ScaleTarget): IndexedObject | CheckResult {
  const apiGroup = target.group === '' ? 'the core API group' : `API group "${target.group}"`;
  if (!isScalableKind(target.group, target.kind)) {
    return fail(scaler, `spec.scaleTargetRef names ${target.kind} of ${apiGroup}, which has no scale subresource`, 'spec.scaleTargetRef.kind');
  }
  return targetObject(ctx.index, scaler, target)
    ?? fail(scaler, `spec.scaleTargetRef names ${target.kind} "${target.name}" of ${apiGroup}, which is not in namespace "${scaler.namespace}" of the manifest set`, 'spec.scaleTargetRef');
}
