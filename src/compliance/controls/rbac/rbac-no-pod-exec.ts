import { defineControl } from '../../control';
import { IndexedObject } from '../../types';
import { checkGrantedRules } from './private/check-rules';
import { grantedVerbs, grants, Rule, summariseGrants } from './private/policy-rule';
import { describeSubject, isHuman, subjectsOf } from './private/subjects';

/** Subresources that open a shell, a stream or a tunnel into a running container. */
const STREAMS = ['pods/exec', 'pods/attach', 'pods/portforward'];

function humanGrantee(grantedBy: readonly IndexedObject[]): string | undefined {
  const humans = grantedBy.flatMap(b => subjectsOf(b.raw).filter(isHuman).map(s => `${describeSubject(s)} (${b.ref})`));
  if (humans.length === 0) return undefined;
  return humans.length === 1 ? humans[0] : `${humans[0]} and ${humans.length - 1} more`;
}

/** Whether a rule may cover pods or a pod subresource at all: a quick test before the exact ones. */
function mayCoverPods(rule: Rule): boolean {
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes('')) return false;
  for (const r of rule.resources) if (r === '*' || r.startsWith('pods') || r.startsWith('*/')) return true;
  return false;
}

function podAccess(rule: Rule, grantedBy: () => readonly IndexedObject[]): string | undefined {
  if (!mayCoverPods(rule)) return undefined;
  const found: [string, string][] = [];
  for (const resource of STREAMS) {
    for (const verb of grantedVerbs(rule, ['create', 'get'], '', resource)) found.push([verb, resource]);
  }
  for (const verb of grantedVerbs(rule, ['patch', 'update'], '', 'pods/ephemeralcontainers')) found.push([verb, 'pods/ephemeralcontainers']);
  const parts = found.length > 0 ? [summariseGrants(found)] : [];
  if (grants(rule, 'create', '', 'pods')) {
    const human = humanGrantee(grantedBy());
    if (human) parts.push(`create on pods to ${human}`);
  }
  return parts.length === 0 ? undefined : `grants ${parts.join('; ')}`;
}

/**
 * No role lets its holders run commands in, attach to or tunnel into pods: no create or get on
 * pods/exec, pods/attach or pods/portforward (get counts: the WebSocket form of these requests is
 * authorized as get, kubernetes/kubernetes#78741), no patch or update on pods/ephemeralcontainers
 * (a debug container is an exec), and no create on pods for roles bound to people (User or Group
 * subjects other than ServiceAccount groups), since a person who creates a pod chooses its
 * command, image and ServiceAccount. Controllers and CI ServiceAccounts may create pods.
 */
export const rbacNoPodExec = defineControl({
  id: 'rbac-no-pod-exec',
  title: 'Roles do not exec into pods',
  condition: 'No role grants create or get on pods/exec, pods/attach or pods/portforward, patch or update on pods/ephemeralcontainers, or create on pods when it is bound to a User or Group.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.4',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0002', 'C-0063', 'C-0188'],
    polaris: ['rolePodExecAttach', 'clusterrolePodExecAttach', 'rolebindingRolePodExecAttach', 'rolebindingClusterRolePodExecAttach', 'clusterrolebindingPodExecAttach'],
  },
  remediation: 'Remove the exec, attach, port-forward and ephemeral-container rights; diagnose through logs, metrics and traces, and make break-glass access a separate, time-limited binding. Let people create workloads through CI rather than pods directly.',
  example: 'rules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get", "list", "watch"]',
  check: ctx => checkGrantedRules(ctx, podAccess),
});
