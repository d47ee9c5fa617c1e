import { defineControl, fail, pass } from '../../control';
import { ManifestIndex } from '../../manifest-index';
import { CheckResult } from '../../types';
import { applicationNamespaceSet } from '../namespace/private/application-namespaces';
import { podMetadataPath, whyNamespaceNotInjected, whyPodOptsOut } from './private/injection';
import { meshNotRequired } from './private/istio';

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
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const application = applicationNamespaceSet(ctx);
    const namespaceProblems = new Map<string, string | undefined>();
    const out: CheckResult[] = [];
    for (const pod of ctx.index.podTemplates) {
      if (!application.has(pod.namespace)) continue;
      if (!namespaceProblems.has(pod.namespace)) namespaceProblems.set(pod.namespace, whyNotInjected(ctx.index, pod.namespace));
      const inNamespace = namespaceProblems.get(pod.namespace);
      const optOut = whyPodOptsOut(pod);
      if (inNamespace === undefined && optOut === undefined) out.push(pass(pod.owner));
      else {
        const problems = [inNamespace, optOut].filter((p): p is string => p !== undefined);
        out.push(fail(pod.owner, problems.join('; '), optOut ? podMetadataPath(pod) : undefined));
      }
    }
    return out;
  },
});

/** Why the pods of a namespace get no sidecar because of the namespace, or `undefined`. */
function whyNotInjected(index: ManifestIndex, namespace: string): string | undefined {
  const why = whyNamespaceNotInjected(index.namespaceLabels(namespace));
  if (!why) return undefined;
  return `namespace "${namespace}" ${index.namespaceObject(namespace) !== undefined ? why : 'is not declared, so nothing turns sidecar injection on'}`;
}
