import { defineControl, fail, pass } from '../../control';
import { ManifestIndex } from '../../manifest-index';
import { CheckResult } from '../../types';
import { applicationNamespaceSet } from '../namespace/private/application-namespaces';
import { NamespaceNotInjected, whyInAmbientMesh, whyNoSidecar } from './private/injection';
import { meshNotRequired } from './private/istio';

/** Every pod of an application namespace gets an Istio sidecar. */
export const meshSidecarInjection = defineControl({
  id: 'mesh-sidecar-injection',
  title: 'Workloads are in the mesh',
  condition: 'Every pod template in an application namespace gets an Istio sidecar: its namespace is labelled istio-injection=enabled '
    + '(or a non-empty istio.io/rev), or carries neither label and the pod template is labelled sidecar.istio.io/inject: "true" '
    + '(or a non-empty istio.io/rev); the pod template does not opt out with sidecar.istio.io/inject set to anything but y, yes, true or on '
    + '(the label, else the annotation); and it does not run on the host network (hostNetwork: true), which Istio never injects. '
    + 'A pod without a sidecar and off the host network is in the ambient mesh instead when it is labelled istio.io/dataplane-mode=ambient, '
    + 'or its namespace is and it is not labelled istio.io/dataplane-mode=none itself.',
  severity: 'high',
  criteria: ['CC6.7', 'CC6.1'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit (service mesh mTLS)',
  },
  remediation: 'Label the Namespace istio-injection: enabled (or istio.io/rev: <revision>). Where the pod template opts out '
    + '(sidecar.istio.io/inject: "false"), remove the opt-out; a pod on the host network gets no sidecar: take it off the host network. '
    + 'A Job or CronJob that opts out because its pod never completes beside a running proxy keeps the sidecar with Istio\'s native sidecars '
    + '(ENABLE_NATIVE_SIDECARS, Kubernetes 1.28 and later: the proxy stops when the job\'s containers exit), or stops the proxy itself when done '
    + '(POST http://localhost:15020/quitquitquit).',
  example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  labels:\n    istio-injection: enabled',
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const application = applicationNamespaceSet(ctx);
    const out: CheckResult[] = [];
    for (const pod of ctx.index.podTemplates) {
      if (!application.has(pod.namespace)) continue;
      const labels = ctx.index.namespaceLabels(pod.namespace);
      const why = whyNoSidecar(pod, labels);
      if (why === undefined) {
        out.push(pass(pod.owner));
        continue;
      }
      const ambient = whyInAmbientMesh(pod, labels);
      if (ambient !== undefined) {
        out.push(pass(pod.owner, `in the ambient mesh: ${ambient}`));
        continue;
      }
      const problems = [why.namespace && namespaceProblem(ctx.index, pod.namespace, why.namespace), why.pod?.reason];
      out.push(fail(pod.owner, problems.filter((p): p is string => p !== undefined).join('; '), why.pod?.path));
    }
    return out;
  },
});

/** Why the namespace's labels give the pods no sidecar, as a clause of the finding. */
function namespaceProblem(index: ManifestIndex, namespace: string, why: NamespaceNotInjected): string {
  const declared = index.namespaceObject(namespace) !== undefined;
  const reason = declared ? why.why : 'is not declared, so none of its labels turns sidecar injection on';
  const pod = why.podMayOptIn ? ', and the pod template is labelled neither sidecar.istio.io/inject: "true" nor istio.io/rev: <revision>' : '';
  return `namespace "${namespace}" ${reason}${pod}`;
}
