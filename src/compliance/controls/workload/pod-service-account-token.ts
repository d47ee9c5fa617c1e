import { defineControl, fail, pass } from '../../control';
import { NSA } from './private/references';
import { serviceAccountBindings, serviceAccountOf } from './private/service-accounts';

/**
 * Pods do not mount a ServiceAccount token they do not need: automountServiceAccountToken is false
 * on the pod or its ServiceAccount, unless a RoleBinding or ClusterRoleBinding in the set grants
 * that ServiceAccount API access.
 */
export const podServiceAccountToken = defineControl({
  id: 'pod-service-account-token',
  title: 'Pods mount an API token only when granted API access',
  condition: 'automountServiceAccountToken is false on the pod, or unset on the pod and false on its ServiceAccount, and no volume projects a ServiceAccount token, unless that ServiceAccount is a subject of a RoleBinding or ClusterRoleBinding in the manifest set.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.6',
    nsa: NSA.serviceAccountTokens,
    kubescape: ['C-0034', 'C-0190', 'C-0261'],
    polaris: ['automountServiceAccountToken'],
  },
  remediation: 'Set automountServiceAccountToken: false on the ServiceAccount (or the pod) of every workload that does not call the Kubernetes API.',
  example: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\nautomountServiceAccountToken: false',
  check: ctx => {
    const bindings = serviceAccountBindings(ctx.index);
    return ctx.index.podTemplates.map(pod => {
      const podSetting = pod.spec.automountServiceAccountToken;
      const name = serviceAccountOf(pod);
      const account = ctx.index.get('ServiceAccount', pod.namespace, name);
      const automounted = podSetting === true || (podSetting !== false && (account?.raw as any)?.automountServiceAccountToken !== false);
      // A projected volume mounts a token whatever automountServiceAccountToken says.
      const projected = projectedTokenVolume(pod.spec.volumes);
      if (!automounted && projected === undefined) return pass(pod.owner);
      const binding = bindings.get(`${pod.namespace}/${name}`);
      if (binding !== undefined) return pass(pod.owner, `the token is mounted for ServiceAccount "${name}", which ${binding} grants API access`);
      // The automount setting first: the API server turns it into a projected volume of each Pod.
      if (!automounted && projected !== undefined) {
        return fail(pod.owner, `mounts an API token it has no binding for: volume "${projected.name}" projects a token of ServiceAccount "${name}"`, `${pod.specPath}.volumes[${projected.index}]`);
      }
      const where = podSetting === true ? 'the pod sets automountServiceAccountToken: true' : `neither the pod nor ServiceAccount "${name}" sets automountServiceAccountToken: false`;
      return fail(pod.owner, `mounts an API token it has no binding for: ${where}`, `${pod.specPath}.automountServiceAccountToken`);
    });
  },
});

/** The first volume that projects a ServiceAccount token, with its index, if any. */
function projectedTokenVolume(volumes: unknown): { readonly name: string; readonly index: number } | undefined {
  if (!Array.isArray(volumes)) return undefined;
  for (let i = 0; i < volumes.length; i++) {
    const sources = volumes[i]?.projected?.sources;
    if (Array.isArray(sources) && sources.some(s => s && typeof s === 'object' && s.serviceAccountToken)) return { name: String(volumes[i].name), index: i };
  }
  return undefined;
}
