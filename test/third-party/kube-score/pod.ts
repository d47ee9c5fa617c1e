/**
 * kube-score pod checks (RegisterPodCheck), run on every pod template. Container checks cover
 * `initContainers` and `containers`.
 */
import { containersOf, Finding, isZeroQuantity, K8sObject, labelsOf, mapSelectorMatches, namespaceOf, ofKind, PodTemplate, podTemplates, selectorMatches } from '../shared';
import { containerTag, isBatch, SCORED_WORKLOAD_KINDS, scoreFinding } from './report';

type PodCheck = (t: PodTemplate, objects: K8sObject[]) => Finding[];

const ns = (o: K8sObject) => namespaceOf(o) ?? '';
const containers = (t: PodTemplate) => containersOf(t.spec, ['initContainers', 'containers']).map(r => r.container);

// score/container/container.go containerResources
const containerResources: PodCheck = t => {
  const list = containers(t);
  if (list.length === 0) return [scoreFinding('container-resources', t.owner, 'CRITICAL', 'No containers defined')];
  const out: Finding[] = [];
  for (const c of list) {
    const r = c.resources ?? {};
    if (isZeroQuantity(r.limits?.cpu)) out.push(scoreFinding('container-resources', t.owner, 'CRITICAL', `${c.name} -> CPU limit is not set`));
    if (isZeroQuantity(r.limits?.memory)) out.push(scoreFinding('container-resources', t.owner, 'CRITICAL', `${c.name} -> Memory limit is not set`));
    if (isZeroQuantity(r.requests?.cpu)) out.push(scoreFinding('container-resources', t.owner, 'WARNING', `${c.name} -> CPU request is not set`));
    if (isZeroQuantity(r.requests?.memory)) out.push(scoreFinding('container-resources', t.owner, 'WARNING', `${c.name} -> Memory request is not set`));
  }
  return out;
};

// score/container/container.go containerImageTag
const containerImageTag: PodCheck = t => containers(t)
  .filter(c => ['', 'latest'].includes(containerTag(c.image)))
  .map(c => scoreFinding('container-image-tag', t.owner, 'CRITICAL', `${c.name} -> Image with latest tag`));

// score/container/container.go containerImagePullPolicy (unset policy is fine only for untagged/latest images)
const containerImagePullPolicy: PodCheck = t => containers(t)
  .filter(c => !(c.imagePullPolicy === undefined && ['', 'latest'].includes(containerTag(c.image))) && c.imagePullPolicy !== 'Always')
  .map(c => scoreFinding('container-image-pull-policy', t.owner, 'CRITICAL', `${c.name} -> ImagePullPolicy is not set to Always`));

// score/container/container.go containerStorageEphemeralRequestAndLimit
const ephemeralStorage: PodCheck = t => containers(t).flatMap(c => {
  if (isZeroQuantity(c.resources?.limits?.['ephemeral-storage'])) return [scoreFinding('container-ephemeral-storage-request-and-limit', t.owner, 'CRITICAL', `${c.name} -> Ephemeral Storage limit is not set`)];
  if (isZeroQuantity(c.resources?.requests?.['ephemeral-storage'])) return [scoreFinding('container-ephemeral-storage-request-and-limit', t.owner, 'WARNING', `${c.name} -> Ephemeral Storage request is not set`)];
  return [];
});

// score/container/container.go environmentVariableKeyDuplication
const envDuplication: PodCheck = t => containers(t).flatMap(c => {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const env of Array.isArray(c.env) ? c.env : []) {
    if (seen.has(env?.name)) out.push(scoreFinding('environment-variable-key-duplication', t.owner, 'CRITICAL', `${c.name} -> Container environment variable key '${env.name}' is duplicated`));
    seen.add(env?.name);
  }
  return out;
});

/**
 * score/networkpolicy/networkpolicy.go podHasNetworkPolicy, read as strictly as its releases
 * differ: later versions match the full selector and, without `policyTypes`, count Ingress (and
 * Egress when egress rules exist); earlier versions count a policy only through a `matchLabels`
 * pair equal to a pod label (so `podSelector: {}` covers no pod) and only the directions its
 * `policyTypes` lists. A policy counts here when both readings agree.
 */
const podNetworkPolicy: PodCheck = (t, objects) => {
  let ingress = false;
  let egress = false;
  const labels = labelsOf(t.meta);
  for (const np of ofKind(objects, 'NetworkPolicy')) {
    if (ns(np) !== ns(t.owner) || !selectorMatches(np.spec?.podSelector ?? {}, labels)) continue;
    const matchLabels = np.spec?.podSelector?.matchLabels;
    if (!matchLabels || typeof matchLabels !== 'object' || !Object.entries(matchLabels).some(([k, v]) => labels[k] === String(v))) continue;
    const types = Array.isArray(np.spec?.policyTypes) ? np.spec.policyTypes : [];
    if (types.includes('Ingress')) ingress = true;
    if (types.includes('Egress')) egress = true;
  }
  if (ingress && egress) return [];
  if (ingress || egress) return [scoreFinding('pod-networkpolicy', t.owner, 'WARNING', `The pod does not have a matching ${ingress ? 'egress' : 'ingress'} NetworkPolicy`)];
  return [scoreFinding('pod-networkpolicy', t.owner, 'CRITICAL', 'The pod does not have a matching NetworkPolicy')];
};

/** Whether a Service in the pod's namespace selects it (a Service without selector selects all). */
const targetedByService = (t: PodTemplate, objects: K8sObject[]) => ofKind(objects, 'Service')
  .some(s => ns(s) === ns(t.owner) && mapSelectorMatches(s.spec?.selector, labelsOf(t.meta)));

/**
 * score/probes/probes.go containerProbes. Some released versions also count a pod whose
 * `serviceAccountName` is set as targeted by a Service (the pod then needs a readinessProbe whether
 * or not a Service selects it); the mirror follows them, as the stricter reading.
 */
const podProbes: PodCheck = (t, objects) => {
  const named = typeof t.spec.serviceAccountName === 'string' && t.spec.serviceAccountName !== '';
  if (isBatch(t.owner) || !(named || targetedByService(t, objects))) return [];
  if (!containers(t).some(c => c.readinessProbe)) return [scoreFinding('pod-probes', t.owner, 'CRITICAL', 'Container is missing a readinessProbe')];
  return [];
};

/** probes.go areProbesIdentical: same httpGet path+port (named ports count as 0), tcpSocket port, or exec command. */
function probesIdentical(r: K8sObject, l: K8sObject): boolean {
  const intValue = (p: unknown) => typeof p === 'number' ? p : /^[0-9]+$/.test(String(p)) ? Number(p) : 0;
  if (r.httpGet && l.httpGet) return (r.httpGet.path ?? '') === (l.httpGet.path ?? '') && intValue(r.httpGet.port) === intValue(l.httpGet.port);
  if (r.tcpSocket && l.tcpSocket) return JSON.stringify(r.tcpSocket.port) === JSON.stringify(l.tcpSocket.port);
  if (r.exec && l.exec) {
    const a: unknown[] = r.exec.command ?? [];
    const b: unknown[] = l.exec.command ?? [];
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return false;
}

// score/probes/probes.go containerProbesIdentical
const podProbesIdentical: PodCheck = t => {
  if (isBatch(t.owner)) return [];
  const same = containers(t).find(c => c.readinessProbe && c.livenessProbe && probesIdentical(c.readinessProbe, c.livenessProbe));
  return same ? [scoreFinding('pod-probes-identical', t.owner, 'CRITICAL', `${same.name} -> Container has the same readiness and liveness probe`)] : [];
};

// score/security/security.go containerSecurityContextUserGroupID (pod values fill unset container values)
const userGroupId: PodCheck = t => containers(t).flatMap(c => {
  const pod = t.spec.securityContext;
  if (!c.securityContext && !pod) return [scoreFinding('container-security-context-user-group-id', t.owner, 'CRITICAL', `${c.name} -> Container has no configured security context`)];
  const user = c.securityContext?.runAsUser ?? pod?.runAsUser;
  const group = c.securityContext?.runAsGroup ?? pod?.runAsGroup;
  const out: Finding[] = [];
  if (typeof user !== 'number' || user < 10000) out.push(scoreFinding('container-security-context-user-group-id', t.owner, 'CRITICAL', `${c.name} -> The container is running with a low user ID`));
  if (typeof group !== 'number' || group < 10000) out.push(scoreFinding('container-security-context-user-group-id', t.owner, 'CRITICAL', `${c.name} -> The container running with a low group ID`));
  return out;
});

// score/security/security.go containerSecurityContextPrivileged
const privileged: PodCheck = t => containers(t).filter(c => c.securityContext?.privileged === true)
  .map(c => scoreFinding('container-security-context-privileged', t.owner, 'CRITICAL', `${c.name} -> The container is privileged`));

// score/security/security.go containerSecurityContextReadOnlyRootFilesystem (container level only)
const readOnlyRootFs: PodCheck = t => containers(t).flatMap(c => {
  if (!c.securityContext) return [scoreFinding('container-security-context-readonlyrootfilesystem', t.owner, 'CRITICAL', `${c.name} -> Container has no configured security context`)];
  return c.securityContext.readOnlyRootFilesystem === true ? [] : [scoreFinding('container-security-context-readonlyrootfilesystem', t.owner, 'CRITICAL', `${c.name} -> The pod has a container with a writable root filesystem`)];
});

// score/podtopologyspreadconstraints/podtopologyspreadconstraints.go
const topologySpread: PodCheck = t => {
  const spreads = t.spec.topologySpreadConstraints;
  if (!Array.isArray(spreads)) return [];
  for (const s of spreads) {
    const problem = !s?.labelSelector ? 'No labelSelector detected'
      : !s.maxSkew ? 'MaxSkew is set to zero'
        : s.minDomains === 0 ? 'MinDomains set to zero'
          : !s.topologyKey ? 'TopologyKey is not set'
            : !['DoNotSchedule', 'ScheduleAnyway'].includes(s.whenUnsatisfiable) ? 'Invalid WhenUnsatisfiable setting detected' : undefined;
    if (problem) return [scoreFinding('pod-topology-spread-constraints', t.owner, 'CRITICAL', problem)];
  }
  return [];
};

const CHECKS: PodCheck[] = [containerResources, containerImageTag, containerImagePullPolicy, ephemeralStorage, envDuplication,
  podNetworkPolicy, podProbes, podProbesIdentical, userGroupId, privileged, readOnlyRootFs, topologySpread];

/** Every kube-score pod-check failure in the manifest set. */
export function scorePodChecks(objects: K8sObject[]): Finding[] {
  return podTemplates(objects).filter(t => SCORED_WORKLOAD_KINDS.includes(t.owner.kind)).flatMap(t => CHECKS.flatMap(c => c(t, objects)));
}
