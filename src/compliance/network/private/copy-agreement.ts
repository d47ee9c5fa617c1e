/**
 * Whether a copy of a cluster export (a ReplicaSet, Job, Pod or Knative Revision's Deployment made
 * from a template of the set) reaches what its template reaches: the flow computation reads the
 * same facts from both, so the diagram may draw the copy as the workload of its template. A copy
 * is found by its ownerReferences, labels and names (`ManifestIndex.coveringObject`), not by its
 * template: one that differs is a workload of its own.
 */

import { KEDA_GROUP, SCALED_JOB_LABEL } from '../../common/keda';
import { isKnativeService, KNATIVE_CONFIGURATION_LABEL, KNATIVE_REVISION_LABEL, KNATIVE_SERVICE_LABEL, KNATIVE_SERVING_GROUP } from '../../common/knative';
import { whyPodOptsOut } from '../../controls/mesh/private/injection';
import { serviceAccountOf } from '../../controls/workload/private/service-accounts';
import { POD_TEMPLATE_HASH, ROLLOUTS_POD_TEMPLATE_HASH } from '../../private/derived-templates';
import { injectedContainerNames, isPod } from '../../private/platform-injected';
import { IndexedObject, PodTemplate } from '../../types';
import { ContainerPort, containerPorts, portsOf } from './container-ports';
import { portNumber } from './ports';

/** What the flow computation reads from a pod template. */
export interface FlowFacts {
  readonly namespace: string;
  /** Its pods' ServiceAccount, which with the namespace makes their Istio principal. */
  readonly serviceAccount: string;
  readonly hostNetwork: boolean;
  /** Whether the pods opt out of Istio's sidecar (the `sidecar.istio.io/inject` label or annotation). */
  readonly optsOut: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** The container ports, without those of the containers a platform injected into a copy. */
  readonly ports: readonly ContainerPort[];
}

/** A template and what the flow computation reads from it. */
export interface TemplateFacts {
  readonly template: PodTemplate;
  readonly facts: FlowFacts;
}

/** The cover of a copy: its template and whether an Argo Rollout runs that template (`spec.workloadRef`). */
export interface CoverFacts extends TemplateFacts {
  readonly runByRollout: boolean;
}


/** The facts of a template, with the container ports given (those of its containers a platform did not inject). */
export function flowFacts(pod: PodTemplate, ports: readonly ContainerPort[]): FlowFacts {
  return {
    namespace: pod.namespace,
    serviceAccount: serviceAccountOf(pod),
    hostNetwork: pod.spec.hostNetwork === true,
    optsOut: whyPodOptsOut(pod) !== undefined,
    labels: pod.labels,
    ports,
  };
}

/**
 * Whether a copy agrees with the template of its covering object on what the flow computation
 * reads: the same namespace, ServiceAccount, `hostNetwork` and sidecar opt-out, the same container
 * ports (a Knative Service's as Knative rewrites them, {@link knativeRevisionPorts}), every label of
 * the template with its value, and no other label but those its controllers and platforms add
 * ({@link addedLabel}).
 */
export function copyAgrees(copy: TemplateFacts, cover: CoverFacts): boolean {
  const a = copy.facts;
  const b = cover.facts;
  if (a.namespace !== b.namespace || a.serviceAccount !== b.serviceAccount || a.hostNetwork !== b.hostNetwork || a.optsOut !== b.optsOut) return false;
  const knative = isKnativeService(cover.template.owner);
  // A Service's Configuration holds the Service's template as it is; its revisions' pods are the copies Knative rewrites.
  const configuration = knative && isKnativeConfiguration(copy.template.owner);
  const expected = knative && !configuration ? knativeRevisionPorts(cover.template) : b.ports;
  const labels = configuration ? configurationPodLabels(copy.template, cover.template.owner.name) : a.labels;
  return samePorts(a.ports, expected) && labelsAgree(copy.template, labels, cover, b.labels);
}

/** Whether an object is a Knative Configuration, which holds a pod template but runs its pods through Revisions. */
function isKnativeConfiguration(o: IndexedObject): boolean {
  return o.kind === 'Configuration' && o.group === KNATIVE_SERVING_GROUP;
}

/**
 * The labels of the pods of a Knative Service's Configuration, whose revisions Knative labels with
 * the Configuration and the Service (the Service names its Configuration after itself): those the
 * engine gives the Service's own template.
 */
function configurationPodLabels(template: PodTemplate, service: string): Readonly<Record<string, string>> {
  return { ...template.labels, [KNATIVE_SERVICE_LABEL]: service, [KNATIVE_CONFIGURATION_LABEL]: template.owner.name };
}

function labelsAgree(copy: PodTemplate, labels: Readonly<Record<string, string>>, cover: CoverFacts, coverLabels: Readonly<Record<string, string>>): boolean {
  for (const key of Object.keys(coverLabels)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== coverLabels[key]) return false;
  }
  for (const key of Object.keys(labels)) {
    if (!Object.hasOwn(coverLabels, key) && !addedLabel(key, labels[key], copy, cover)) return false;
  }
  return true;
}

/**
 * The labels the Job controller and the API server (for a Job whose selector it generates) put on a
 * Job's template and pods, the completion index those of an Indexed Job.
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/
 */
const JOB_LABELS = ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'batch.kubernetes.io/job-completion-index'];

/**
 * The labels each controller puts on the objects and pods it makes from its template, by the API
 * group and kind of the object that holds the template:
 * - Deployment: `pod-template-hash` on its ReplicaSets and their pods;
 * - Argo Rollout: `rollouts-pod-template-hash`;
 * - StatefulSet: `controller-revision-hash`, `statefulset.kubernetes.io/pod-name` (the pod's
 *   name), `apps.kubernetes.io/pod-index`;
 * - DaemonSet: `controller-revision-hash`, `pod-template-generation`;
 * - Job and CronJob: the Job's ({@link JOB_LABELS});
 * - KEDA ScaledJob: the Job's and `scaledjob.keda.sh/name` (the ScaledJob's name);
 * - Knative Service: `pod-template-hash` (its revisions' Deployments make ReplicaSets), and the
 *   `serving.knative.dev/*` labels and `app` that {@link knativeAdds} allows.
 * A ReplicaSet or ReplicationController adds none to its pods.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/sync.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/statefulset/stateful_set_utils.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/daemon/util/daemonset_util.go
 * @see https://github.com/kedacore/keda/blob/main/pkg/scaling/executor/scale_jobs.go
 */
const CONTROLLER_LABELS: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['apps/Deployment', new Set([POD_TEMPLATE_HASH])],
  ['extensions/Deployment', new Set([POD_TEMPLATE_HASH])],
  ['argoproj.io/Rollout', new Set([ROLLOUTS_POD_TEMPLATE_HASH])],
  ['apps/StatefulSet', new Set(['controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'])],
  ['apps/DaemonSet', new Set(['controller-revision-hash', 'pod-template-generation'])],
  ['extensions/DaemonSet', new Set(['controller-revision-hash', 'pod-template-generation'])],
  ['batch/Job', new Set(JOB_LABELS)],
  ['batch/CronJob', new Set(JOB_LABELS)],
  [`${KEDA_GROUP}/ScaledJob`, new Set([...JOB_LABELS, SCALED_JOB_LABEL])],
  [`${KNATIVE_SERVING_GROUP}/Service`, new Set([POD_TEMPLATE_HASH])],
]);

/** The labels whose value the controller sets from a name: the copy's own, or its cover's. */
const NAMED_BY: Readonly<Record<string, 'copy' | 'cover'>> = {
  'statefulset.kubernetes.io/pod-name': 'copy',
  [SCALED_JOB_LABEL]: 'cover',
};

/**
 * The labels Istio's sidecar injector puts on the Pods it injects (its injection template), the
 * tunnel one when the proxies speak HBONE. A Pod counts as injected when its
 * `sidecar.istio.io/status` annotation names the containers the injector added.
 * @see https://github.com/istio/istio/blob/master/manifests/charts/istio-control/istio-discovery/files/injection-template.yaml
 */
const ISTIO_LABELS: ReadonlySet<string> = new Set([
  'security.istio.io/tlsMode', 'service.istio.io/canonical-name', 'service.istio.io/canonical-revision', 'networking.istio.io/tunnel',
]);

/**
 * The label Knative Serving puts on a Revision's Deployment and pods when the template has no
 * `app` label, set to the Revision's name (which `serving.knative.dev/revision` carries).
 * @see https://github.com/knative/serving/blob/main/pkg/reconciler/revision/resources/meta.go
 */
const KNATIVE_APP_LABEL = 'app';

/**
 * Whether a label the copy carries and its cover's template lacks is one its controllers or
 * platforms add: its cover's controller ({@link CONTROLLER_LABELS}), Argo Rollouts' hash when a
 * Rollout runs the cover's template, Knative's ({@link knativeAdds}), Istio's on an injected Pod
 * ({@link ISTIO_LABELS}).
 */
function addedLabel(key: string, value: string, copy: PodTemplate, cover: CoverFacts): boolean {
  const owner = cover.template.owner;
  const named = NAMED_BY[key];
  if (named !== undefined && value !== (named === 'copy' ? copy.owner : owner).name) return false;
  if (CONTROLLER_LABELS.get(`${owner.group}/${owner.kind}`)?.has(key)) return true;
  if (key === ROLLOUTS_POD_TEMPLATE_HASH && cover.runByRollout) return true;
  if (isKnativeService(owner) && knativeAdds(key, value, copy.labels)) return true;
  return ISTIO_LABELS.has(key) && isPod(copy.owner) && injectedContainerNames(copy.owner) !== undefined;
}

/**
 * Whether Knative Serving adds a label to the Deployments and pods of a Service's revisions: its
 * own (`serving.knative.dev/*`: the Service, Configuration, Revision, their generations and UIDs),
 * and `app` set to the Revision's name.
 */
function knativeAdds(key: string, value: string, labels: Readonly<Record<string, string>>): boolean {
  if (key.startsWith(`${KNATIVE_SERVING_GROUP}/`)) return true;
  return key === KNATIVE_APP_LABEL && value === labels[KNATIVE_REVISION_LABEL];
}

/** The port a Revision's serving container listens on when its template declares none (`DefaultUserPort`). */
const KNATIVE_DEFAULT_USER_PORT = 8080;
/** The name Knative gives the port of a Revision's serving container (`UserPortName`). */
const KNATIVE_USER_PORT_NAME = 'user-port';

/**
 * The container ports of the pods of a Knative Service's revisions: Knative replaces the ports of
 * the serving container (the only container, or the one that declares ports) with one,
 * `user-port` over TCP, on the first port it declares (8080 when it declares none); the other
 * containers keep theirs. Knative's `queue-proxy` is not among them: a copy's injected containers
 * are left out of its ports.
 * @see https://github.com/knative/serving/blob/main/pkg/reconciler/revision/resources/deploy.go
 */
function knativeRevisionPorts(template: PodTemplate): ContainerPort[] {
  const containers: unknown[] = Array.isArray(template.spec.containers) ? template.spec.containers : [];
  const serving = containers.length === 1 ? 0 : containers.findIndex(c => Array.isArray((c as any)?.ports) && (c as any).ports.length > 0);
  if (serving < 0) return containerPorts(template);
  const first = (containers[serving] as any)?.ports?.[0];
  const user: ContainerPort = { name: KNATIVE_USER_PORT_NAME, port: portNumber(first?.containerPort) ?? KNATIVE_DEFAULT_USER_PORT, protocol: 'TCP' };
  const list = (name: string): unknown[] => Array.isArray(template.spec[name]) ? template.spec[name] : [];
  return [...portsOf(list('initContainers')), ...portsOf(containers.filter((_, i) => i !== serving)), user, ...portsOf(list('ephemeralContainers'))];
}

/** Whether two lists hold the same ports (name, number and protocol), in any order. */
function samePorts(a: readonly ContainerPort[], b: readonly ContainerPort[]): boolean {
  const keys = (ports: readonly ContainerPort[]): Set<string> => new Set(ports.map(p => `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol}`));
  const ka = keys(a);
  const kb = keys(b);
  return ka.size === kb.size && [...ka].every(k => kb.has(k));
}
