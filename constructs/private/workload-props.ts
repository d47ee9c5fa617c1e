import { Construct } from 'constructs';
import { credentialArguments } from '../../src/compliance/common/command-line-credentials';
import { parseImageRef } from '../../src/compliance/common/image-ref';
import { LABEL_VALUE } from '../../src/compliance/common/label-syntax';
import type { AppProtocol, CompliantWorkloadProps } from '../compliant-workload-props';
import { propError, PropProblem, Soc2Error } from '../errors';
import type { Exception } from '../exception';
import { HealthCheck } from '../health-check';
import type { ConfigMapKeyRef } from '../key-refs';
import { SensitiveNamespace } from '../sensitive-namespace';
import { checkAutoscaling, INT32_MAX, isInt32, NormalisedAutoscaling } from './autoscaling';
import { CONFIG_MOUNT, checkConfigFiles } from './config-files';
import { appConfig } from './enforce';
import { checkEnv, checkSecretFiles } from './env';
import { checkException } from './exception';
import { checkImage } from './image';
import { checkNotInjectedContainer } from './mesh-containers';
import { checkNotMeshPort } from './mesh-ports';
import { checkMountPath, ReadOnlyDir } from './paths';
import { checkPodInfoEnv } from './pod-info-env';
import { PRIORITY_CLASS } from './priority-class';
import { SidecarAmounts } from './sidecar';
import { startupSeconds } from './startup';
import { checkStorage, NormalisedStorage } from './storage';
import {
  checkDnsLabel, checkPort, describeConstruct, KeyShape, mappingOf, propsOf,
} from './validate';
import { checkWorkloadLabels, normaliseLabels, VERSION_LABEL } from './workload-labels';
import { healthChecksOf } from './workload-probes';
import { normaliseResources, ResourceAmounts } from './workload-resources';

/** The workload props with defaults applied, validated. */
export interface NormalisedWorkload {
  readonly namespace: SensitiveNamespace;
  readonly name: string;
  /** Where the name comes from: the `name` prop, or the construct `id`. */
  readonly nameProp: 'id' | 'name';
  readonly image: string;
  /** The serving port; `undefined` for a worker, which serves nothing. */
  readonly port: number | undefined;
  readonly portName: string;
  readonly appProtocol: string;
  readonly metricsPort?: number;
  readonly monitoringNamespace: string;
  /** The fixed replica count; with autoscaling, the autoscaler's minimum. */
  readonly replicas: number;
  /** The autoscaler's bounds and targets, when the replica count is left to one. */
  readonly autoscaling?: NormalisedAutoscaling;
  /** The persistent volume of each replica, when the workload keeps data. */
  readonly storage?: NormalisedStorage;
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  readonly sidecar: SidecarAmounts;
  /**
   * The `env` variables as name–value pairs in the order the container lists them: declaration
   * order, each variable after the variables it refers to (`$(NAME)`).
   */
  readonly env: readonly (readonly [name: string, value: string])[];
  readonly secretFiles: Readonly<Record<string, { readonly secret: string; readonly key: string }>>;
  readonly configFiles: Readonly<Record<string, ConfigMapKeyRef>>;
  /** The pod-info variables: name → field path, in declaration order. */
  readonly podInfoEnv: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly writablePaths: readonly string[];
  readonly readOnlyRootFilesystem: boolean;
  readonly writableRootFilesystem?: Exception;
  readonly singleReplica?: Exception;
  /** Whether one replica needs a suppression of workload-min-replicas: the app's minReplicas setting is above 1. */
  readonly singleReplicaSuppressed: boolean;
  readonly liveness: HealthCheck;
  readonly readiness: HealthCheck;
  /** How long the container may take to start, in seconds, when it gets a startup probe. */
  readonly startupSeconds?: number;
  readonly user: number;
  readonly group: number;
  readonly partOf: string;
  /**
   * The `app.kubernetes.io/version` label (`labels`' own, else the image tag's), for the workload
   * object and its pod template only.
   */
  readonly version?: string;
  /** The extra labels, in key order, without `app.kubernetes.io/version` (`version`): on every object the workload emits. */
  readonly labels: Readonly<Record<string, string>>;
  readonly priorityClassName: string;
}

/** Every prop of CompliantWorkloadProps, flagged required or not. */
export const WORKLOAD_PROPS = {
  namespace: true, image: true, port: false, name: false, replicas: false, resources: false, env: false, podInfoEnv: false, secretFiles: false, configFiles: false, priorityClassName: false,
  command: false, args: false, writablePaths: false, liveness: false, readiness: false, metricsPort: false, monitoringNamespace: false, user: false,
  group: false, protocol: false, writableRootFilesystem: false, partOf: false, autoscaling: false, storage: false, singleReplica: false, labels: false,
  startupTimeout: false,
} as const satisfies KeyShape<CompliantWorkloadProps>;
/** Names YAML 1.1 reads as booleans or null: unsafe as label values for some scanners. */
const YAML_11_SCALARS: ReadonlySet<string> = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
const PROTOCOLS: readonly AppProtocol[] = ['http', 'http2', 'grpc', 'tcp'];

/** Props of CompliantWorkload that were given another form on purpose, and how to write them now. */
const RENAMED_PROPS = {
  secretEnv: 'secrets are mounted as files, never passed in environment variables (CIS 5.4.1): use secretFiles: { "<file>": { secret, key } }',
};

/**
 * Applies the defaults and validates every prop, collecting all problems into one error that
 * names the construct path, the prop, the value and the fix; optional props given as `null` are
 * the props left out ({@link propsOf}).
 */
export function normaliseWorkloadProps(scope: Construct, id: string, props: CompliantWorkloadProps,
  defaultRequests: ResourceAmounts, defaultLimits: ResourceAmounts): NormalisedWorkload {
  if (props === null || typeof props !== 'object') {
    Soc2Error.throwIf(scope, 'INVALID_PROP', [{ prop: 'props', value: props, problem: 'are missing', fix: 'pass { namespace, image, port } at least (a worker without port: liveness and readiness instead of port)' }]);
  }
  const found: PropProblem[] = [];
  props = propsOf(props, WORKLOAD_PROPS, found, RENAMED_PROPS);
  const add = (p: PropProblem | undefined) => { if (p) found.push(p); };
  const config = appConfig(scope);
  if (!SensitiveNamespace.isSensitiveNamespace(props.namespace)) {
    found.push({ prop: 'namespace', value: describeConstruct(props.namespace), problem: 'is not a SensitiveNamespace, so nothing isolates or hardens the workload',
      fix: 'create the namespace with new SensitiveNamespace(...) and pass it' });
  } else if (props.namespace.node.root !== scope.node.root) {
    found.push({ prop: 'namespace', value: props.namespace.node.path, problem: 'belongs to another app, whose synth writes and checks the namespace\'s policies, mesh settings and quota without this workload',
      fix: 'create the workload in the app that holds the namespace, or give this app its own SensitiveNamespace' });
  }
  const name = props.name ?? id;
  const nameProp = props.name === undefined ? 'id' : 'name';
  add(checkDnsLabel(nameProp, name, { service: true, maxLength: 50 }));
  add(checkNotInjectedContainer(nameProp, name));
  if (YAML_11_SCALARS.has(name)) {
    found.push({ prop: nameProp, value: name, problem: 'reads as a boolean or null in YAML 1.1, which tools that paste label values unquoted (e.g. Polaris) then fail to match',
      fix: `use a descriptive name, e.g. "${name}-service"` });
  }
  add(checkImage('image', props.image));
  const worker = props.port === undefined || props.port === null;
  if (!worker) {
    add(checkPort('port', props.port));
    add(checkNotMeshPort('port', props.port));
  } else if (props.protocol !== undefined) {
    found.push({ prop: 'protocol', value: props.protocol, problem: 'is the protocol of the serving port, and the workload has no port', fix: 'set port, or omit protocol for a worker that serves nothing' });
  }
  const protocol = props.protocol ?? 'http';
  if (!PROTOCOLS.includes(protocol)) found.push({ prop: 'protocol', value: protocol, problem: 'is not a supported protocol', fix: `use one of ${PROTOCOLS.join(', ')}` });
  if (props.metricsPort !== undefined) {
    add(checkPort('metricsPort', props.metricsPort));
    add(checkNotMeshPort('metricsPort', props.metricsPort));
    if (props.metricsPort === props.port) found.push({ prop: 'metricsPort', value: props.metricsPort, problem: 'is the same as port', fix: 'serve metrics on a separate port, or omit metricsPort' });
  }
  const monitoringNamespace = props.monitoringNamespace ?? config.monitoringNamespaces[0] ?? 'monitoring';
  add(checkDnsLabel('monitoringNamespace', monitoringNamespace));
  if (props.monitoringNamespace !== undefined && props.metricsPort === undefined) {
    found.push({ prop: 'monitoringNamespace', value: props.monitoringNamespace, problem: 'is the namespace admitted to metricsPort, and the workload has no metricsPort: nothing would be admitted',
      fix: 'set metricsPort to the port serving metrics, or omit monitoringNamespace' });
  }
  const single = props.singleReplica !== undefined;
  // The app's minReplicas setting raises the floor (and the default) above 2, or lets one replica go without singleReplica.
  const configuredMin = config.minReplicas;
  const defaultReplicas = Math.max(2, configuredMin);
  const replicas = props.replicas ?? (single ? 1 : defaultReplicas);
  const { requests, limits, sidecar } = normaliseResources(props.resources, defaultRequests, defaultLimits, found);
  const autoscaling = checkAutoscaling(props.autoscaling, props.replicas, requests, limits, found, defaultReplicas);
  const floor = configuredMin <= 1 ? 1 : configuredMin;
  let singleReplica: Exception | undefined;
  if (single) {
    singleReplica = checkException('singleReplica', props.singleReplica!, config, found, floor > 1);
    if (replicas !== 1) found.push({ prop: 'replicas', value: replicas, problem: 'must be 1 (or omitted) with singleReplica', fix: 'omit replicas, or drop singleReplica' });
    if (autoscaling !== undefined) found.push({ prop: 'singleReplica', value: props.singleReplica, problem: 'is set together with autoscaling, which keeps at least 2 replicas', fix: 'drop one of them' });
  } else if (autoscaling === undefined && (!isInt32(replicas) || replicas < floor)) {
    // With a valid autoscaler the count is its own (a fixed replicas beside it is reported there).
    const why = floor > 2 ? 'the app\'s minReplicas setting' : floor === 1 ? 'a workload without replicas runs nothing' : 'one replica is lost with a node or an eviction';
    found.push({ prop: 'replicas', value: replicas, problem: `must be an integer from ${floor} (${why}) to ${INT32_MAX}`,
      fix: floor > 1 ? `omit replicas (default ${defaultReplicas}) or raise it; software that cannot run twice takes singleReplica: { reason } instead` : `omit replicas (default ${defaultReplicas}) or raise it` });
  }
  const env = mappingOf('env', props.env, 'variable names to values', '{ LOG_LEVEL: "info" }', found);
  const podInfo = mappingOf('podInfoEnv', props.podInfoEnv, 'variable names to pod fields', '{ POD_NAME: PodField.POD_NAME }', found);
  // `env` values may refer to the pod-info variables, which come first.
  const envOrder = checkEnv(env, Object.keys(podInfo), found);
  const secretFiles = mappingOf('secretFiles', props.secretFiles, 'file names to Secret keys', '{ "db-password": { secret: "db", key: "password" } }', found);
  checkSecretFiles(secretFiles, found);
  const podInfoEnv = checkPodInfoEnv(podInfo, env, found);
  const configFiles = mappingOf('configFiles', props.configFiles, 'file names to ConfigMap keys', '{ "app.yaml": { configMap: "app-config", key: "app.yaml" } }', found);
  checkConfigFiles(configFiles, found);
  add(checkArray('writablePaths', props.writablePaths, '["/tmp", "/var/cache/app"]'));
  const writablePaths = Array.isArray(props.writablePaths) ? [...props.writablePaths] : ['/tmp'];
  const readOnly = Object.keys(configFiles).length > 0 ? [CONFIG_MOUNT] : [];
  checkWritablePaths(writablePaths, readOnly, found);
  const storage = checkStorage(props.storage, writablePaths, Array.isArray(props.writablePaths), readOnly, found);
  if (storage && worker) {
    found.push({ prop: 'storage', value: props.storage, problem: 'needs port: the replicas of a stateful workload are named and reached through its headless Service',
      fix: 'set the port the replicas serve on, or keep a worker\'s state outside it (a database workload, object storage)' });
  }
  add(checkArray('command', props.command, '["/app/server"]'));
  if (Array.isArray(props.command) && typeof props.command[0] === 'string' && props.command[0].trim() === '') {
    found.push({ prop: 'command[0]', value: props.command[0], problem: 'is empty: the container runtime cannot start an empty executable',
      fix: 'name the program to run, e.g. command: ["/app/server"], or leave command out to run the image\'s entrypoint' });
  }
  add(checkArray('args', props.args, '["--port=8080"]'));
  // Paths under the container's own mounts (a writable path, the storage) are paths, as the check reads them.
  const mountPaths = [...writablePaths.filter((p): p is string => typeof p === 'string'), ...(storage ? [storage.mountPath] : [])];
  for (const prop of credentialArguments(props.command, props.args, { mountPaths })) {
    found.push({ prop, value: '<redacted>', problem: 'passes a credential on the command line, where it shows in the YAML, in Git and in the process list',
      fix: 'mount it with secretFiles and point the program at the file (e.g. --password-file=/var/run/secrets/app/<file>)' });
  }
  const user = props.user ?? 10001;
  const group = props.group ?? 10001;
  for (const [prop, v] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(v) || v < 10000 || v > INT32_MAX) {
      found.push({ prop, value: v, problem: 'must be an integer ID of at least 10000 (never root, never a host user or group)', fix: 'use an ID of 10000 or more, e.g. 10001' });
    }
  }
  const writableRootFilesystem = props.writableRootFilesystem === undefined ? undefined
    : checkException('writableRootFilesystem', props.writableRootFilesystem, config, found, true);
  if (props.priorityClassName !== undefined) {
    const pc = checkDnsLabel('priorityClassName', props.priorityClassName, { maxLength: 253 });
    if (pc) found.push(pc);
    else if (props.priorityClassName.startsWith('system-')) {
      found.push({ prop: 'priorityClassName', value: props.priorityClassName, problem: 'is reserved for cluster components: the API server admits system- priority classes only in kube-system',
        fix: 'omit it (the library\'s cdk8s-soc2-workload class), or name a PriorityClass of your own' });
    }
  }
  const partOf = props.partOf ?? props.namespace?.name;
  if (props.partOf !== undefined && props.partOf !== null && (typeof props.partOf !== 'string' || !LABEL_VALUE.test(props.partOf))) {
    found.push({ prop: 'partOf', value: props.partOf, problem: 'must be a label value: a string of letters, digits, "-", "_" and ".", at most 63, starting and ending with a letter or digit',
      fix: 'name the application, e.g. "payments"' });
  }
  const { liveness, readiness } = healthChecksOf(props, worker, protocol, found, mountPaths);
  const startup = startupSeconds(props.startupTimeout, found);
  const tag = typeof props.image === 'string' ? parseImageRef(props.image).tag : undefined;
  const tagVersion = tag && LABEL_VALUE.test(tag) ? tag : undefined;
  const ownLabels = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/part-of', ...(tagVersion ? [VERSION_LABEL] : [])];
  found.push(...checkWorkloadLabels(props.labels, ownLabels, config.requiredWorkloadLabels));
  Soc2Error.throwIf(scope, 'INVALID_PROP', found);
  return {
    namespace: props.namespace, name, nameProp, image: props.image, port: worker ? undefined : props.port, portName: protocol, appProtocol: protocol,
    metricsPort: props.metricsPort, monitoringNamespace, replicas: autoscaling?.minReplicas ?? replicas, autoscaling, storage, requests, limits, sidecar,
    env: envOrder.map(k => [k, env[k] as string] as const), secretFiles: secretFiles as NormalisedWorkload['secretFiles'],
    configFiles: configFiles as NormalisedWorkload['configFiles'], podInfoEnv,
    command: props.command, args: props.args, writablePaths,
    readOnlyRootFilesystem: writableRootFilesystem === undefined,
    writableRootFilesystem,
    singleReplica,
    singleReplicaSuppressed: single && floor > 1,
    liveness: liveness!, readiness: readiness!, startupSeconds: startup, user, group, partOf: partOf!,
    ...normaliseLabels(props.labels, tagVersion),
    priorityClassName: props.priorityClassName ?? PRIORITY_CLASS,
  };
}

/**
 * Refuses a metrics port scraped from the workload's own namespace, or from a namespace the app's
 * `monitoringNamespaces` setting does not list; checked once the app's settings are known.
 */
export function checkMonitoringNamespace(scope: Construct, p: NormalisedWorkload, given: string | undefined): void {
  const monitoring = p.metricsPort === undefined ? [] : appConfig(scope).monitoringNamespaces;
  if (p.metricsPort !== undefined && given === undefined && monitoring.length === 0) {
    throw propError(scope, 'INVALID_PEER', 'monitoringNamespace', undefined, 'has no default: the app\'s monitoringNamespaces setting is empty',
      'pass the namespace Prometheus runs in, and list it in the compliance setting monitoringNamespaces');
  }
  if (p.metricsPort !== undefined && p.monitoringNamespace === p.namespace.name) {
    throw propError(scope, 'INVALID_PEER', 'monitoringNamespace', p.monitoringNamespace,
      'is the workload\'s own namespace: every pod in it could reach the metrics port without allowFrom',
      'pass the namespace Prometheus runs in; a scraper inside this namespace is a peer: allowFrom(scraper, { port: metricsPort })');
  }
  // The app's settings are known now: a monitoring namespace they do not list would fail the synth (network-metrics-from-monitoring).
  if (p.metricsPort !== undefined && !monitoring.includes(p.monitoringNamespace)) {
    throw propError(scope, 'INVALID_PEER', 'monitoringNamespace', p.monitoringNamespace,
      `is not one of the app's monitoringNamespaces (${monitoring.join(', ') || 'none'}), the only namespaces that may reach metrics ports`,
      'pass one of them, or add the namespace to the compliance setting monitoringNamespaces');
  }
}

/** A problem with a prop that takes a list of strings, its fix showing `example`, the prop's own. */
function checkArray(prop: string, value: unknown, example: string): PropProblem | undefined {
  if (value === undefined || value === null || (Array.isArray(value) && value.every(v => typeof v === 'string'))) return undefined;
  return { prop, value, problem: 'must be an array of strings', fix: `e.g. ${prop}: ${example}` };
}

/**
 * Writable paths that are distinct directories, apart from the directories the pod mounts
 * read-only (`readOnly`: with `configFiles`, the configuration files' directory). Their volume
 * names are made distinct when the pod spec is built (`writableVolumeNames`).
 */
function checkWritablePaths(paths: readonly string[], readOnly: readonly ReadOnlyDir[], found: PropProblem[]): void {
  const seen = new Map<string, number>();
  paths.forEach((path, i) => {
    const prop = `writablePaths[${i}]`;
    const problem = checkMountPath(prop, path, undefined, readOnly);
    if (problem) {
      found.push(problem);
      return;
    }
    const first = seen.get(path);
    if (first !== undefined) {
      found.push({ prop, value: path, problem: `repeats writablePaths[${first}]`, fix: 'list each directory once' });
      return;
    }
    seen.set(path, i);
  });
}
