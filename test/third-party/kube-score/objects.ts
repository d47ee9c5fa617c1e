/** kube-score checks on Services, Ingresses, NetworkPolicies, PDBs, HPAs, CronJobs and all metadata. */
import { Finding, K8sObject, labelsOf, mapSelectorMatches, namespaceOf, ofKind, podTemplates, selectorMatches } from '../shared';
import { SCORED_WORKLOAD_KINDS, scoreFinding } from './report';

const ns = (o: K8sObject) => namespaceOf(o) ?? '';
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** score/stable/stable_version.go: deprecated apiVersions with a stable replacement (default --kubernetes-version v1.18). */
const DEPRECATED: Record<string, Record<string, [string, number]>> = {
  'extensions/v1beta1': { Deployment: ['apps/v1', 9], DaemonSet: ['apps/v1', 9], Ingress: ['networking.k8s.io/v1', 19], IngressClass: ['networking.k8s.io/v1', 19] },
  'apps/v1beta1': { Deployment: ['apps/v1', 9], StatefulSet: ['apps/v1', 9] },
  'apps/v1beta2': { Deployment: ['apps/v1', 9], StatefulSet: ['apps/v1', 9], DaemonSet: ['apps/v1', 9] },
  'batch/v1beta1': { CronJob: ['batch/v1', 21] },
  'policy/v1beta1': { PodDisruptionBudget: ['policy/v1', 21] },
  'networking.k8s.io/v1beta1': { Ingress: ['networking.k8s.io/v1', 19], IngressClass: ['networking.k8s.io/v1', 19] },
};
const KUBERNETES_MINOR = 18;

/** The Service backends of an Ingress path: `[name, port number or port name]`. */
function backendOf(path: K8sObject): [string, number | string] | undefined {
  const b = path?.backend;
  if (b?.service) return [b.service.name, b.service.port?.number ?? b.service.port?.name ?? ''];
  if (b?.serviceName) return [b.serviceName, b.servicePort];
  return undefined;
}

/** Every kube-score object-check failure in the manifest set. */
export function scoreObjectChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  const pods = podTemplates(objects).filter(t => SCORED_WORKLOAD_KINDS.includes(t.owner.kind));
  const services = ofKind(objects, 'Service');
  for (const svc of services) {
    // score/service/service.go serviceTargetsPod (ExternalName has no selector)
    if (svc.spec?.type !== 'ExternalName' && !pods.some(t => ns(t.owner) === ns(svc) && mapSelectorMatches(svc.spec?.selector, labelsOf(t.meta)))) {
      out.push(scoreFinding('service-targets-pod', svc, 'CRITICAL', 'The services selector does not match any pods'));
    }
    // score/service/service.go serviceType
    if (svc.spec?.type === 'NodePort') out.push(scoreFinding('service-type', svc, 'WARNING', 'The service is of type NodePort'));
  }
  // score/ingress/ingress.go ingressTargetsService
  for (const ing of ofKind(objects, 'Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const path of rule?.http?.paths ?? []) {
        const backend = backendOf(path);
        const match = backend && services.some(s => ns(s) === ns(ing) && s.metadata?.name === backend[0]
          && (s.spec?.ports ?? []).some((p: K8sObject) => (typeof backend[1] === 'number' && backend[1] > 0 ? p.port === backend[1] : p.name === backend[1])));
        if (!match) out.push(scoreFinding('ingress-targets-service', ing, 'CRITICAL', `No service match was found for path ${path?.path ?? ''}`));
      }
    }
  }
  // score/networkpolicy/networkpolicy.go networkPolicyTargetsPod
  for (const np of ofKind(objects, 'NetworkPolicy')) {
    if (!pods.some(t => ns(t.owner) === ns(np) && selectorMatches(np.spec?.podSelector ?? {}, labelsOf(t.meta)))) {
      out.push(scoreFinding('networkpolicy-targets-pod', np, 'CRITICAL', "The NetworkPolicys selector doesn't match any pods"));
    }
  }
  // score/disruptionbudget/disruptionbudget.go hasPolicy
  for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
    if (pdb.spec?.minAvailable === undefined && pdb.spec?.maxUnavailable === undefined) out.push(scoreFinding('poddisruptionbudget-has-policy', pdb, 'CRITICAL', 'PodDisruptionBudget missing policy'));
  }
  // score/hpa/hpa.go hpaHasTarget
  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    if (!objects.some(o => o.apiVersion === ref.apiVersion && o.kind === ref.kind && o.metadata?.name === ref.name && ns(o) === ns(hpa))) {
      out.push(scoreFinding('horizontalpodautoscaler-has-target', hpa, 'CRITICAL', 'The HPA target does not match anything'));
    }
    // score/hpa/hpa.go hpaHasMultipleReplicas (default --min-replicas-hpa 2; an unset minReplicas counts as 1)
    const minReplicas = hpa.spec?.minReplicas ?? 1;
    if (typeof minReplicas !== 'number' || minReplicas < 2) {
      out.push(scoreFinding('horizontalpodautoscaler-replicas', hpa, 'WARNING', 'HPA few replicas: HorizontalPodAutoscalers are recommended to have at least 2 replicas'));
    }
  }
  // score/cronjob/cronjob.go cronJobHasDeadline
  for (const cj of ofKind(objects, 'CronJob')) {
    if (cj.spec?.startingDeadlineSeconds === undefined) out.push(scoreFinding('cronjob-has-deadline', cj, 'CRITICAL', 'The CronJob should have startingDeadlineSeconds configured'));
    // score/cronjob/cronjob.go cronJobHasRestartPolicy: the pod template's restartPolicy is Never or OnFailure
    const restart = cj.spec?.jobTemplate?.spec?.template?.spec?.restartPolicy;
    if (restart !== 'Never' && restart !== 'OnFailure') {
      out.push(scoreFinding('cronjob-restartpolicy', cj, 'CRITICAL', restart ? 'The CronJob must have a valid RestartPolicy configured' : 'The CronJob is missing a valid RestartPolicy'));
    }
  }
  for (const o of objects) {
    // score/meta/labels.go validateLabelValues
    for (const [key, value] of Object.entries(labelsOf(o.metadata))) {
      if (!LABEL_VALUE.test(String(value))) out.push(scoreFinding('label-values', o, 'CRITICAL', `${key} -> Invalid label value`));
    }
    // score/stable/stable_version.go metaStableAvailable
    const replacement = DEPRECATED[o.apiVersion]?.[o.kind];
    if (replacement && replacement[1] <= KUBERNETES_MINOR) out.push(scoreFinding('stable-version', o, 'WARNING', `The apiVersion and kind ${o.apiVersion}/${o.kind} is deprecated; use ${replacement[0]}`));
  }
  return out;
}
