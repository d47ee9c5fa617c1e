import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { autoscalers, scaleTargetOf } from './private/autoscalers';

/** Every HorizontalPodAutoscaler scales an object the manifest set declares. */
export const autoscalerTargetsWorkload = defineControl({
  id: 'autoscaler-targets-workload',
  title: 'Autoscalers scale a declared workload',
  condition: 'Every HorizontalPodAutoscaler names in spec.scaleTargetRef an object of the manifest set in its own namespace, '
    + 'with the same kind, name and API group.',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    kubeScore: ['horizontalpodautoscaler-has-target'],
  },
  remediation: 'Point spec.scaleTargetRef (apiVersion, kind and name) at the workload the autoscaler is meant to scale, or remove the autoscaler.',
  example: 'spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const hpa of autoscalers(ctx.index)) {
      const target = scaleTargetOf(hpa);
      if (!target) {
        out.push(fail(hpa, 'spec.scaleTargetRef does not name a kind and a name', 'spec.scaleTargetRef'));
        continue;
      }
      const found = ctx.index.get(target.kind, hpa.namespace, target.name);
      if (found && found.group === target.group) {
        out.push(pass(hpa, `scales ${found.ref}`));
      } else {
        const apiGroup = target.group === '' ? 'the core API group' : `API group "${target.group}"`;
        out.push(fail(hpa, `spec.scaleTargetRef names ${target.kind} "${target.name}" of ${apiGroup}, which is not in namespace "${hpa.namespace}" of the manifest set`
          + (found ? ` (a ${found.kind} of that name has apiVersion ${found.apiVersion})` : ''), 'spec.scaleTargetRef'));
      }
    }
    return out;
  },
});
