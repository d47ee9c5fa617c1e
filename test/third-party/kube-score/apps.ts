/** kube-score Deployment and StatefulSet checks. */
import { Finding, K8sObject, labelsOf, mapSelectorMatches, namespaceOf, ofKind, selectorMatches } from '../shared';
import { scoreFinding } from './report';

const ns = (o: K8sObject) => namespaceOf(o) ?? '';
const templateLabels = (o: K8sObject) => labelsOf(o.spec?.template?.metadata);
const targetedByService = (o: K8sObject, objects: K8sObject[]) => ofKind(objects, 'Service')
  .some(s => ns(s) === ns(o) && mapSelectorMatches(s.spec?.selector, templateLabels(o)));
const replicasBelowTwo = (o: K8sObject) => typeof o.spec?.replicas === 'number' && o.spec.replicas < 2;

/** score/apps/apps.go hasPodAntiAffinity approvedTopologyKeys (zegl/kube-score#399): hosts, zones and regions, the deprecated failure-domain keys included. */
const APPROVED_TOPOLOGY_KEYS: ReadonlySet<string> = new Set([
  'kubernetes.io/hostname', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone',
]);

/** score/apps/apps.go hasPodAntiAffinity: a preferred or required term on an approved topology key selecting the pod itself. */
function hasHostAntiAffinity(o: K8sObject): boolean {
  const anti = o.spec?.template?.spec?.affinity?.podAntiAffinity;
  if (!anti) return false;
  const terms = [
    ...(anti.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p: K8sObject) => p?.podAffinityTerm),
    ...(anti.requiredDuringSchedulingIgnoredDuringExecution ?? []),
  ];
  return terms.some((term: K8sObject) => APPROVED_TOPOLOGY_KEYS.has(term?.topologyKey) && selectorMatches(term.labelSelector, templateLabels(o)));
}

/** Every kube-score Deployment/StatefulSet check failure in the manifest set. */
export function scoreAppsChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  const pdbs = ofKind(objects, 'PodDisruptionBudget');
  const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
  for (const o of ofKind(objects, 'Deployment', 'StatefulSet')) {
    const kind = o.kind === 'Deployment' ? 'deployment' : 'statefulset';
    // score/apps/apps.go deploymentHasAntiAffinity / statefulsetHasAntiAffinity
    if (!replicasBelowTwo(o) && !hasHostAntiAffinity(o)) out.push(scoreFinding(`${kind}-has-host-podantiaffinity`, o, 'WARNING', `${o.kind} does not have a host podAntiAffinity set`));
    // score/disruptionbudget/disruptionbudget.go deploymentHas / statefulSetHas
    if (!replicasBelowTwo(o) && !pdbs.some(p => ns(p) === ns(o) && selectorMatches(p.spec?.selector, templateLabels(o)))) {
      out.push(scoreFinding(`${kind}-has-poddisruptionbudget`, o, 'CRITICAL', 'No matching PodDisruptionBudget was found'));
    }
    // score/apps/apps.go deploymentSelectorLabelsMatching / statefulSetSelectorLabelsMatching
    if (!selectorMatches(o.spec?.selector, templateLabels(o))) {
      out.push(scoreFinding(`${kind}-pod-selector-labels-match-template-metadata-labels`, o, 'CRITICAL', `${o.kind} selector labels not matching template metadata labels`));
    }
  }
  for (const d of ofKind(objects, 'Deployment')) {
    const hpa = hpas.find(h => ns(h) === ns(d) && String(h.spec?.scaleTargetRef?.kind ?? '').toLowerCase() === 'deployment' && h.spec?.scaleTargetRef?.name === d.metadata?.name);
    // score/apps/apps.go hpaDeploymentNoReplicas
    if (hpa && d.spec?.replicas !== undefined) out.push(scoreFinding('deployment-targeted-by-hpa-does-not-have-replicas-configured', d, 'CRITICAL', 'The deployment is targeted by a HPA, but a static replica count is configured in the DeploymentSpec'));
    if (!targetedByService(d, objects)) continue;
    // score/deployment/deployment.go deploymentRolloutStrategy. Released versions before the fix for
    // defaulted strategies compare the type with RollingUpdate only, so an unset type (which the API
    // server defaults to RollingUpdate) draws the WARNING; later versions also accept it. The mirror
    // follows the stricter releases: the type must be written out.
    if (d.spec?.strategy?.type !== 'RollingUpdate') out.push(scoreFinding('deployment-strategy', d, 'WARNING', 'The deployment is used by a service but not using the RollingUpdate strategy'));
    // score/deployment/deployment.go deploymentReplicas (default --min-replicas-deployment 2; HPA-managed skipped)
    const hpaByApiVersion = hpas.some(h => ns(h) === ns(d) && h.spec?.scaleTargetRef?.apiVersion === d.apiVersion && h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec?.scaleTargetRef?.name === d.metadata?.name);
    if (!hpaByApiVersion && (d.spec?.replicas ?? 1) < 2) out.push(scoreFinding('deployment-replicas', d, 'WARNING', 'Deployments targeted by Services are recommended to have at least 2 replicas'));
  }
  // score/apps/apps.go statefulsetHasServiceName: a headless Service with that name selecting the pods
  for (const s of ofKind(objects, 'StatefulSet')) {
    const ok = ofKind(objects, 'Service').some(svc => ns(svc) === ns(s) && svc.metadata?.name === s.spec?.serviceName
      && svc.spec?.clusterIP === 'None' && mapSelectorMatches(svc.spec?.selector, templateLabels(s)));
    if (!ok) out.push(scoreFinding('statefulset-has-servicename', s, 'CRITICAL', 'StatefulSet does not have a valid serviceName'));
  }
  return out;
}
