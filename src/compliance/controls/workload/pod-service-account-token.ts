import { defineControl, fail, pass } from '../../control';
import { isApiServerAudience } from './private/api-audience';
import { NSA } from './private/references';
import { serviceAccountBindings, serviceAccountOf } from './private/service-accounts';

/**
 * Pods do not mount a ServiceAccount token they do not need: automountServiceAccountToken is false
 * on the pod or its ServiceAccount and no volume projects a token for the Kubernetes API, unless a
 * RoleBinding or ClusterRoleBinding in the set grants that ServiceAccount API access. A projected
 * token whose `audience` names another service (Istio's `istio-ca`, Vault) is not an API
 * credential: the API server accepts only its own audiences, by default its issuer, which the
 * `apiServerAudiences` setting names when the built-in rule does not recognise them.
 */
export const podServiceAccountToken = defineControl({
  id: 'pod-service-account-token',
  title: 'Pods mount an API token only when granted API access',
  condition: 'automountServiceAccountToken is false on the pod, or unset on the pod and false on its ServiceAccount, and no volume projects a ServiceAccount token for the Kubernetes API (audience unset, one naming the API server such as https://kubernetes.default.svc, or one the apiServerAudiences setting lists, compared exactly after trimming; a token for another audience, such as istio-ca of the Istio mesh, is not an API credential), unless a RoleBinding or ClusterRoleBinding in the manifest set names that ServiceAccount as a subject, as a ServiceAccount or by its user name (system:serviceaccount:<namespace>:<name>); a grant to a group (system:serviceaccounts, system:authenticated) names no workload\'s need.',
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
    const accepted: ReadonlySet<string> = new Set(ctx.config.apiServerAudiences);
    return ctx.index.podTemplates.map(pod => {
      const podSetting = pod.spec.automountServiceAccountToken;
      const name = serviceAccountOf(pod);
      const account = ctx.index.get('ServiceAccount', pod.namespace, name);
      const automounted = podSetting === true || (podSetting !== false && (account?.raw as any)?.automountServiceAccountToken !== false);
      // A projected volume mounts a token whatever automountServiceAccountToken says.
      const projected = projectedTokenVolume(pod.spec.volumes, accepted);
      if (!automounted && projected === undefined) return pass(pod.owner);
      const binding = bindings.bindingFor(pod.namespace, name);
      if (binding !== undefined) return pass(pod.owner, `the token is mounted for ServiceAccount "${name}", which ${binding} grants API access`);
      // The automount setting first: the API server turns it into a projected volume of each Pod.
      if (!automounted && projected !== undefined) {
        const audience = projected.audience === undefined ? '' : ` for audience "${projected.audience}"`;
        return fail(pod.owner, `mounts an API token it has no binding for: volume "${projected.name}" projects a token of ServiceAccount "${name}"${audience}`, `${pod.specPath}.volumes[${projected.index}]`);
      }
      const where = podSetting === true ? 'the pod sets automountServiceAccountToken: true' : `neither the pod nor ServiceAccount "${name}" sets automountServiceAccountToken: false`;
      return fail(pod.owner, `mounts an API token it has no binding for: ${where}`, `${pod.specPath}.automountServiceAccountToken`);
    });
  },
});

/** A volume that projects a token for the Kubernetes API: its name, index and the token's audience if set. */
interface ProjectedToken {
  readonly name: string;
  readonly index: number;
  readonly audience?: string;
}

/**
 * The first volume that projects a ServiceAccount token for the Kubernetes API, if any: one whose
 * audience the built-in rule takes for the API server's, or one of `accepted`.
 */
function projectedTokenVolume(volumes: unknown, accepted: ReadonlySet<string>): ProjectedToken | undefined {
  if (!Array.isArray(volumes)) return undefined;
  for (let i = 0; i < volumes.length; i++) {
    const sources = volumes[i]?.projected?.sources;
    if (!Array.isArray(sources)) continue;
    for (const source of sources) {
      const token = source && typeof source === 'object' ? source.serviceAccountToken : undefined;
      if (!token) continue;
      const audience = token.audience;
      if (isApiServerAudience(audience, accepted)) {
        return { name: String(volumes[i].name), index: i, audience: typeof audience === 'string' && audience.trim() !== '' ? audience : undefined };
      }
    }
  }
  return undefined;
}
