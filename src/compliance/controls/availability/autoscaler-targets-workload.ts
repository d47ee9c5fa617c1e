import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { autoscalers, autoscalersOf, autoscalersSharingPods, isScalableKind, refusedBound, scaleTargetOf, targetObject } from './private/autoscalers';

/** Every HorizontalPodAutoscaler scales a workload the manifest set declares, and is the only one to scale it. */
export const autoscalerTargetsWorkload = defineControl({
  id: 'autoscaler-targets-workload',
  title: 'Autoscalers scale a declared workload, one each',
  condition: 'Every HorizontalPodAutoscaler names in spec.scaleTargetRef an object of the manifest set in its own namespace, '
    + 'with the same kind, name and API group, of a kind that can be scaled (Deployment, StatefulSet, ReplicaSet, '
    + 'ReplicationController, or a custom resource), with bounds the API server accepts, and no other autoscaler scales the same pods '
    + '(names the same object, or one whose selector selects them).',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    kubeScore: ['horizontalpodautoscaler-has-target'],
  },
  remediation: 'Point spec.scaleTargetRef (apiVersion, kind and name) at the one workload the autoscaler is meant to scale, '
    + 'and keep one autoscaler per workload (combine the metrics of several into one).',
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
      const others = [...new Set([...autoscalersOf(ctx.index, found), ...autoscalersSharingPods(ctx.index, hpa)])].filter(o => o !== hpa);
      if (others.length > 0) {
        out.push(fail(hpa, `${others.map(o => o.ref).join(', ')} also scale${others.length === 1 ? 's' : ''} pods of ${found.ref}: `
          + 'the autoscaler controller then scales them on metrics through none of them (AmbiguousSelector)', 'spec.scaleTargetRef'));
      } else {
        out.push(pass(hpa, `scales ${found.ref}`));
      }
    }
    return out;
  },
});
