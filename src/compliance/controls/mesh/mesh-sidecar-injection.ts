import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { isApplicationNamespace } from '../namespace/private/application-namespaces';
import { podMetadataPath, whyNamespaceNotInjected, whyPodOptsOut } from './private/injection';

/** Every pod of an application namespace gets an Istio sidecar. */
export const meshSidecarInjection = defineControl({
  id: 'mesh-sidecar-injection',
  title: 'Workloads are in the mesh',
  condition: 'Every application namespace is labelled istio-injection=enabled (or istio.io/rev), and no pod template opts out '
    + 'with sidecar.istio.io/inject: "false".',
  severity: 'high',
  criteria: ['CC6.7', 'CC6.1'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit (service mesh mTLS)',
  },
  remediation: 'Label the Namespace istio-injection: enabled (or istio.io/rev: <revision>) and remove sidecar.istio.io/inject: "false" '
    + 'from the pod template.',
  example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  labels:\n    istio-injection: enabled',
  check: ctx => {
    if (!ctx.config.requireMesh) return [];
    const out: CheckResult[] = [];
    for (const pod of ctx.index.podTemplates) {
      if (!isApplicationNamespace(ctx, pod.namespace)) continue;
      const problems: string[] = [];
      const declared = ctx.index.namespaceObject(pod.namespace) !== undefined;
      const why = whyNamespaceNotInjected(ctx.index.namespaceLabels(pod.namespace));
      if (why) problems.push(`namespace "${pod.namespace}" ${declared ? why : 'is not declared, so nothing turns sidecar injection on'}`);
      const optOut = whyPodOptsOut(pod);
      if (optOut) problems.push(optOut);
      out.push(problems.length === 0 ? pass(pod.owner) : fail(pod.owner, problems.join('; '), optOut ? podMetadataPath(pod) : undefined));
    }
    return out;
  },
});
