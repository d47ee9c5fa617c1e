import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { autoscalers, autoscalersOf, autoscalersSharingPods, isScalableKind, refusedBound, scaleTargetOf, targetObject } from './private/autoscalers';
import { scaledObjectsOf } from './private/scalers';

/** The most other autoscalers a finding names. */
const NAMED = 3;

/** Every HorizontalPodAutoscaler scales a workload the manifest set declares, and no other autoscaler scales the same pods. */
export const autoscalerTargetsWorkload = defineControl({
  id: 'autoscaler-targets-workload',
  title: 'Autoscalers scale a declared workload, one each',
  condition: 'Every HorizontalPodAutoscaler names in spec.scaleTargetRef an object of the manifest set in its own namespace, '
    + 'with the same kind, name and API group, of a kind that can be scaled (Deployment, StatefulSet, ReplicaSet, '
    + 'ReplicationController, or a custom resource), with bounds the API server accepts, and no other autoscaler scales the same pods '
    + '(names the same object, or one whose selector selects them), a KEDA ScaledObject included.',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    kubeScore: ['horizontalpodautoscaler-has-target'],
  },
  remediation: 'Point spec.scaleTargetRef (apiVersion, kind and name) at the one workload the autoscaler is meant to scale, '
    + 'give it minReplicas of at least 1 and maxReplicas of at least minReplicas, '
    + 'and keep one autoscaler per set of pods (combine the metrics of several into one, and keep workload selectors apart).',
  example: 'spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const hpa of autoscalers(ctx.index)) {
      const refused = refusedBound(hpa);
      if (refused !== undefined) {
        const { minReplicas, maxReplicas } = (hpa.raw as any).spec ?? {};
        out.push(fail(hpa, `minReplicas ${JSON.stringify(minReplicas ?? null)} and maxReplicas ${JSON.stringify(maxReplicas ?? null)} are not bounds the API server accepts `
          + '(minReplicas at least 1, maxReplicas at least minReplicas), so the autoscaler is refused', `spec.${refused}`));
        continue;
      }
      const target = scaleTargetOf(hpa);
      if (!target) {
        out.push(fail(hpa, 'spec.scaleTargetRef does not name a kind and a name', 'spec.scaleTargetRef'));
        continue;
      }
      const apiGroup = target.group === '' ? 'the core API group' : `API group "${target.group}"`;
      if (!isScalableKind(target.group, target.kind)) {
        out.push(fail(hpa, `spec.scaleTargetRef names ${target.kind} of ${apiGroup}, which has no scale subresource`, 'spec.scaleTargetRef.kind'));
        continue;
      }
      const found = targetObject(ctx.index, hpa, target);
      if (!found) {
        out.push(fail(hpa, `spec.scaleTargetRef names ${target.kind} "${target.name}" of ${apiGroup}, which is not in namespace "${hpa.namespace}" of the manifest set`,
          'spec.scaleTargetRef'));
        continue;
      }
      const keda = scaledObjectsOf(ctx.index, found);
      if (keda.length > 0) {
        out.push(fail(hpa, `${keda.map(k => k.object.ref).join(', ')} also scale${keda.length === 1 ? 's' : ''} ${found.ref}: KEDA's admission webhook refuses `
          + 'such a ScaledObject when it runs and the HorizontalPodAutoscaler came first; otherwise both scale the workload and fight over its replica count', 'spec.scaleTargetRef'));
        continue;
      }
      const sameTarget = autoscalersOf(ctx.index, found).filter(o => o !== hpa);
      const sharing = autoscalersSharingPods(ctx.index, hpa);
      const others = [...new Set([...sameTarget.slice(0, NAMED), ...sharing.named])];
      if (others.length > 0) {
        const more = sharing.more || sameTarget.length > NAMED || others.length > NAMED;
        const names = others.slice(0, NAMED).map(o => o.ref).join(', ') + (more ? ' and others' : '');
        out.push(fail(hpa, `${names} also scale${others.length === 1 && !more ? 's' : ''} pods that ${found.ref} selects: `
          + 'the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)', 'spec.scaleTargetRef'));
      } else {
        out.push(pass(hpa, `scales ${found.ref}`));
      }
    }
    return out;
  },
});
