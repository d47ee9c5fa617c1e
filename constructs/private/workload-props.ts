import { Construct } from 'constructs';
import { canonicalJson } from '../../src/compliance/common/canonical-json';
import { credentialArguments } from '../../src/compliance/common/command-line-credentials';
import { parseImageRef } from '../../src/compliance/common/image-ref';
import { ipv4MappedPrefix, nat64Prefix } from '../../src/compliance/common/ipv4-mapped';
import { LABEL_VALUE } from '../../src/compliance/common/label-syntax';
import { NANO, parseQuantity } from '../../src/compliance/common/quantity';
import { closest } from '../../src/compliance/common/suggest';
import { ResolvedComplianceConfig } from '../../src/compliance/config';
import type {
  AppProtocol, CompliantWorkloadProps, ConfigMapKeyRef, EgressOptions, Exception, ResourceAmountsProps, SidecarAmountsProps, SidecarResources, WorkloadResources,
} from '../compliant-workload';
import { PropProblem, Soc2Error } from '../errors';
import { HealthCheck } from '../health-check';
import { ExternalPeer, isOpenCidr, isTooWideCidr, MIN_IPV4_PREFIX, MIN_IPV6_PREFIX } from '../peer';
import { PolicyRule, READ_VERBS, Rule, WRITE_VERBS } from '../rule';
import { isCidr, SensitiveNamespace } from '../sensitive-namespace';
import { checkAutoscaling, INT32_MAX, isInt32, NormalisedAutoscaling } from './autoscaling';
import { hostBitsProblem, ipv4MappedProblem, metadataProblem } from './cidr';
import { CONFIG_MOUNT, CONFIG_VOLUME, checkConfigFiles } from './config-files';
import { appConfig } from './enforce';
import { checkEnv, checkSecretFiles } from './env';
import { verbsOf, whyNotGrantable } from './grant-policy';
import { whyHealthCheckInvalid } from './health-check';
import { checkHost, startTlsProblem } from './hosts';
import { checkImage } from './image';
import { checkMountPath, ReadOnlyDir } from './paths';
import { checkPodInfoEnv } from './pod-info-env';
import { RESERVED_VOLUMES, ResourceAmounts, volumeName } from './pod-spec';
import { PRIORITY_CLASS } from './priority-class';
import { probedPort } from './probed-port';
import { reviewLimitProblem } from './review-limit';
import { SIDECAR_RESOURCES, SidecarAmounts } from './sidecar';
import { startupSeconds } from './startup';
import { checkStorage, isWholeBytes, NormalisedStorage } from './storage';
import {
  checkDnsLabel, checkFutureDate, checkPort, checkReason, describeConstruct, KeyShape, mappingOf, propsOf, settingsOf, unknownKeys, unknownOptions,
} from './validate';
import { checkWorkloadLabels, normaliseLabels, VERSION_LABEL } from './workload-labels';

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

/** The settings of an {@link Exception}, each flagged required or not. */
const EXCEPTION_PROPS = { reason: true, expires: false } as const satisfies KeyShape<Exception>;
/** Every prop of CompliantWorkloadProps, flagged required or not. */
export const WORKLOAD_PROPS = {
  namespace: true, image: true, port: false, name: false, replicas: false, resources: false, env: false, podInfoEnv: false, secretFiles: false, configFiles: false, priorityClassName: false,
  command: false, args: false, writablePaths: false, liveness: false, readiness: false, metricsPort: false, monitoringNamespace: false, user: false,
  group: false, protocol: false, writableRootFilesystem: false, partOf: false, autoscaling: false, storage: false, singleReplica: false, labels: false,
  startupTimeout: false,
} as const satisfies KeyShape<CompliantWorkloadProps>;
/** The settings of `resources` and of its levels. */
const RESOURCES_PROPS = { requests: false, limits: false, sidecar: false } as const satisfies KeyShape<WorkloadResources>;
const SIDECAR_PROPS = { requests: false, limits: false } as const satisfies KeyShape<SidecarResources>;
const AMOUNT_PROPS = { cpu: false, memory: false, ephemeralStorage: false } as const satisfies KeyShape<ResourceAmountsProps>;
const SIDECAR_AMOUNT_PROPS = { cpu: false, memory: false } as const satisfies KeyShape<SidecarAmountsProps>;
/** The options of `allowEgressTo`. */
const EGRESS_OPTIONS = { reason: true } as const satisfies KeyShape<EgressOptions>;
/** The fields of a peer given to `allowEgressTo` (`Peer.cidr` writes them), and of a rule given to `grant` (the Rule factories write them). */
const EXTERNAL_PEER_FIELDS = { cidr: true, port: true, protocol: true, host: false } as const satisfies KeyShape<ExternalPeer>;
const POLICY_RULE_FIELDS = { apiGroup: true, resource: true, verbs: true, resourceNames: false } as const satisfies KeyShape<PolicyRule>;

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
    if (autoscaling !== undefined) found.push({ prop: 'singleReplica', value: props.singleReplica!.reason, problem: 'is set together with autoscaling, which keeps at least 2 replicas', fix: 'drop one of them' });
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
  const liveness = props.liveness ?? (worker ? undefined : protocol === 'tcp' || protocol === 'grpc' ? HealthCheck.tcp() : HealthCheck.http('/healthz'));
  const readiness = props.readiness ?? (worker || protocol === 'tcp' ? undefined : protocol === 'grpc' ? HealthCheck.grpc() : HealthCheck.http('/readyz'));
  for (const [prop, check] of [['liveness', props.liveness], ['readiness', props.readiness]] as const) {
    const why = check === undefined ? undefined : whyHealthCheckInvalid(check);
    const meshPort = check === undefined || why ? undefined : checkNotMeshPort(`${prop} port`, probedPort(check));
    if (why) found.push({ prop, value: (check as HealthCheck)?.handler ?? check, problem: why, fix: 'e.g. HealthCheck.http("/healthz") or HealthCheck.command(["/bin/check"])' });
    else if (check?.handler.exec) {
      for (const at of credentialArguments(check.handler.exec.command, undefined, { mountPaths })) {
        found.push({ prop, value: '<redacted>', problem: `passes a credential on the command line (${at}), where it shows in the YAML, in Git and in the process list`,
          fix: 'mount it with secretFiles and point the check at the file, or give it to the program through its environment or standard input' });
      }
    }
    else if (meshPort) {
      found.push({ prop, value: meshPort.value, problem: `checks port ${meshPort.value}, which the Istio sidecar reserves in every pod: the kubelet would probe the proxy, not the application`,
        fix: 'probe a port the application listens on' });
    }
    else if (worker && check !== undefined && namesNoPort(check)) {
      found.push({ prop, value: check.handler, problem: 'checks the workload\'s port, and the workload has none',
        fix: `give the check its own port, e.g. HealthCheck.http("/healthz", ${props.metricsPort ?? 9090}), or use HealthCheck.command([...])` });
    }
  }
  if (worker) {
    for (const [prop, check] of [['liveness', liveness], ['readiness', readiness]] as const) {
      if (check !== undefined) continue;
      found.push({ prop, value: undefined, problem: 'is required for a workload without port (there is no serving port to check)',
        fix: `pass ${prop}: HealthCheck.command([...]) or HealthCheck.http("/${prop === 'liveness' ? 'healthz' : 'readyz'}", <a port the worker listens on>)` });
    }
  } else if (readiness === undefined) {
    found.push({ prop: 'readiness', value: undefined, problem: 'is required for tcp workloads (a TCP check cannot tell ready from alive)', fix: 'pass readiness: HealthCheck.command([...]) or HealthCheck.grpc(port)' });
  }
  if (liveness !== undefined && readiness !== undefined && canonicalJson(onPort(readiness, props.port)) === canonicalJson(onPort(liveness, props.port))) {
    found.push({ prop: 'readiness', value: readiness.handler, problem: 'is identical to liveness, so a slow dependency restarts the pod instead of taking it out of rotation', fix: worker
      ? 'check readiness with its own command or endpoint, e.g. HealthCheck.command(["/app/ready"]) or HealthCheck.http("/readyz", <a port the worker listens on>)'
      : 'check readiness on a separate endpoint, e.g. HealthCheck.http("/readyz")' });
  }
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
 * An acknowledged exception as it applies (`expires` given as `null` is no expiry): a real reason,
 * and an expiry that has not passed by `today` (the app's setting); when it is written as a
 * suppression (`suppressed`), an expiry within the app's maxSuppressionDays setting, if set.
 */
function checkException(prop: string, e: Exception, config: ResolvedComplianceConfig, found: PropProblem[], suppressed: boolean): Exception {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) {
    found.push({ prop, value: e, problem: 'must be an object with a reason', fix: `e.g. ${prop}: { reason: 'why, and where it is tracked', expires: 'YYYY-MM-DD' }` });
    return e;
  }
  // A misspelt expiry (`expiry`) would otherwise write an exception that never expires.
  const given = settingsOf(prop, e, EXCEPTION_PROPS, '{ reason: "…" }', found)!;
  const reason = checkReason(`${prop}.reason`, given.reason);
  if (reason) found.push(reason);
  const expires = given.expires === undefined ? undefined : checkFutureDate(`${prop}.expires`, given.expires, config.today);
  if (expires) found.push(expires);
  const limit = suppressed ? reviewLimitProblem(`${prop}.expires`, given.expires, config) : undefined;
  if (limit) found.push(limit);
  return given;
}

/** Ports the Istio sidecar and agent listen on inside every pod. */
const MESH_PORTS = new Set([15000, 15001, 15004, 15006, 15008, 15009, 15010, 15012, 15014, 15017, 15020, 15021, 15053, 15090]);

/** A problem with a port the Istio sidecar reserves in every pod, `undefined` for any other. */
export function checkNotMeshPort(prop: string, port: unknown): PropProblem | undefined {
  if (typeof port !== 'number' || !MESH_PORTS.has(port)) return undefined;
  return { prop, value: port, problem: 'is reserved by the Istio sidecar in every pod', fix: 'serve on another port, e.g. 8080' };
}

/** A problem with a prop that takes a list of strings, its fix showing `example`, the prop's own. */
function checkArray(prop: string, value: unknown, example: string): PropProblem | undefined {
  if (value === undefined || value === null || (Array.isArray(value) && value.every(v => typeof v === 'string'))) return undefined;
  return { prop, value, problem: 'must be an array of strings', fix: `e.g. ${prop}: ${example}` };
}

/**
 * Writable paths that are distinct directories with distinct volume names, apart from the pod's
 * own volumes and from the directories it mounts read-only (`readOnly`: with `configFiles`, the
 * configuration files' directory, whose volume name is then taken too).
 */
function checkWritablePaths(paths: readonly string[], readOnly: readonly ReadOnlyDir[], found: PropProblem[]): void {
  const withConfig = readOnly.includes(CONFIG_MOUNT);
  const names = new Map<string, string>();
  paths.forEach((path, i) => {
    const prop = `writablePaths[${i}]`;
    const problem = checkMountPath(prop, path, undefined, readOnly);
    if (problem) {
      found.push(problem);
      return;
    }
    const name = volumeName(path);
    const other = names.get(name);
    if (RESERVED_VOLUMES.has(name) || (withConfig && name === CONFIG_VOLUME) || other !== undefined) {
      found.push({ prop, value: path, problem: other !== undefined ? `gives the same volume name "${name}" as "${other}"` : `gives the volume name "${name}", which the workload uses itself`,
        fix: 'list each directory once, with distinct names' });
      return;
    }
    names.set(name, path);
  });
}

/**
 * The container's and the sidecar's requests and limits: the amounts the props give, the defaults
 * for those they leave unset (`undefined` or `null`); each level an object of known settings.
 */
function normaliseResources(r: WorkloadResources | undefined, defaultRequests: ResourceAmounts, defaultLimits: ResourceAmounts,
  found: PropProblem[]): { requests: ResourceAmounts; limits: ResourceAmounts; sidecar: SidecarAmounts } {
  const given = settingsOf('resources', r, RESOURCES_PROPS, '{ limits: { memory: "512Mi" } }', found) ?? {};
  const requests = amountsOf('resources.requests', given.requests, AMOUNT_PROPS, defaultRequests, '{ cpu: "250m", memory: "256Mi" }', found);
  const limits = amountsOf('resources.limits', given.limits, AMOUNT_PROPS, defaultLimits, '{ cpu: "1", memory: "512Mi" }', found);
  checkAmounts('resources', ['cpu', 'memory', 'ephemeralStorage'], requests, limits, found);
  const s = settingsOf('resources.sidecar', given.sidecar, SIDECAR_PROPS, '{ limits: { cpu: "200m" } }', found) ?? {};
  const sidecar: SidecarAmounts = {
    requests: amountsOf('resources.sidecar.requests', s.requests, SIDECAR_AMOUNT_PROPS, SIDECAR_RESOURCES.requests, '{ cpu: "50m", memory: "64Mi" }', found),
    limits: amountsOf('resources.sidecar.limits', s.limits, SIDECAR_AMOUNT_PROPS, SIDECAR_RESOURCES.limits, '{ cpu: "200m", memory: "128Mi" }', found),
  };
  checkAmounts('resources.sidecar', ['cpu', 'memory'], sidecar.requests, sidecar.limits, found);
  return { requests, limits, sidecar };
}

/** The amounts under `prop` (an object of the keys of `shape`), each default where they leave it unset. */
function amountsOf<P extends object, T extends Readonly<Record<keyof P, string>>>(prop: string, value: P | undefined, shape: KeyShape<P>, defaults: T,
  example: string, found: PropProblem[]): T {
  const given: Partial<Record<keyof P, unknown>> = settingsOf(prop, value, shape, example, found) ?? {};
  return Object.fromEntries(Object.keys(shape).map(k => [k, given[k as keyof P] ?? defaults[k as keyof P]])) as unknown as T;
}

/** Requests and limits under `prefix` that are positive quantities, each limit at least its request. */
function checkAmounts<K extends string>(prefix: string, keys: readonly K[], requests: Readonly<Record<K, string>>, limits: Readonly<Record<K, string>>, found: PropProblem[]): void {
  for (const key of keys) {
    for (const [kind, v] of [['requests', requests[key]], ['limits', limits[key]]] as const) {
      if (typeof v === 'string' && v !== v.trim()) found.push({ prop: `${prefix}.${kind}.${key}`, value: v, problem: 'has spaces around it, which the API server refuses', fix: `use "${v.trim()}"` });
    }
    const req = parseQuantity(requests[key]);
    const lim = parseQuantity(limits[key]);
    if (req === undefined || req <= 0n) found.push({ prop: `${prefix}.requests.${key}`, value: requests[key], problem: 'must be a positive Kubernetes quantity', fix: quantityFix(key, 'requests', requests[key]) });
    if (lim === undefined || lim <= 0n) found.push({ prop: `${prefix}.limits.${key}`, value: limits[key], problem: 'must be a positive Kubernetes quantity', fix: quantityFix(key, 'limits', limits[key]) });
    if (req !== undefined && lim !== undefined && req > 0n && lim > 0n && lim < req) {
      found.push({ prop: `${prefix}.limits.${key}`, value: limits[key], problem: `is below the request ${requests[key]}`, fix: `raise the limit to at least ${requests[key]} or lower the request` });
    }
    if (!BYTE_AMOUNTS.has(key)) continue;
    for (const [kind, q, v] of [['requests', req, requests[key]], ['limits', lim, limits[key]]] as const) {
      if (q !== undefined && q > 0n && !isWholeBytes(q)) found.push(fractionalBytes(`${prefix}.${kind}.${key}`, v, q));
    }
  }
}

/** Amounts counted in bytes, which Kubernetes takes only as whole numbers. */
const BYTE_AMOUNTS: ReadonlySet<string> = new Set(['memory', 'ephemeralStorage']);
const MI = 1n << 20n;
/** A byte amount written with a unit of other tools (`512mb`, `1GB`, `2gi`): the number and the unit's letter. */
const FOREIGN_BYTE_UNIT = /^\s*(\d+(?:\.\d+)?)\s*([kmgtpe])(?:i?b|i)\s*$/i;
/** The binary units, each 1024 times the one before. */
const BINARY_UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** How to write a CPU or byte amount that is no quantity: the binary unit a byte amount meant, else an example of its kind. */
function quantityFix(key: string, kind: 'requests' | 'limits', value: unknown): string {
  if (!BYTE_AMOUNTS.has(key)) return kind === 'requests' ? 'e.g. "250m" (a quarter of a CPU) or "1"' : 'e.g. "500m" (half a CPU) or "1"';
  const unit = typeof value === 'string' ? FOREIGN_BYTE_UNIT.exec(value) : null;
  const meant = unit ? inBinaryUnit(unit[1], unit[2]) : undefined;
  if (!meant) return kind === 'requests' ? 'e.g. "256Mi"' : 'e.g. "512Mi"';
  return `did you mean "${meant.amount}"? (Kubernetes writes binary units Ki, Mi, Gi${meant.note})`;
}

/**
 * `number` of the binary unit of `letter` (`1.5`, `g` → `1.5Gi`); when that is no whole number of
 * bytes, rounded up to whole units of the next smaller unit (`1.1`, `g` → `1127Mi`), with a `note`
 * that says why (empty when it is whole); `undefined` when it is no positive quantity either (0, too many digits).
 */
function inBinaryUnit(number: string, letter: string): { amount: string; note: string } | undefined {
  const unit = BINARY_UNITS.indexOf(`${letter.toUpperCase()}i`);
  const exact = `${number}${BINARY_UNITS[unit]}`;
  const q = parseQuantity(exact);
  if (q === undefined || q <= 0n) return undefined;
  if (isWholeBytes(q)) return { amount: exact, note: '' };
  const smaller = (1n << (10n * BigInt(unit - 1))) * NANO;
  return { amount: `${(q + smaller - 1n) / smaller}${BINARY_UNITS[unit - 1]}`, note: `; "${exact}" is no whole number of bytes` };
}

/** The problem with a byte amount that is no whole number of bytes (`q` in nano-units), and the whole amount to use. */
function fractionalBytes(prop: string, value: unknown, q: bigint): PropProblem {
  const fraction = (q % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  const bytes = (q + NANO - 1n) / NANO;
  const whole = bytes >= MI ? `${(bytes + MI - 1n) / MI}Mi` : String(bytes);
  const sizeLimit = prop === 'resources.limits.ephemeralStorage' ? ', and it is the sizeLimit of every writable path\'s emptyDir too' : '';
  // Less than a MiB in thousandths of a byte ("512m") is a mebibyte amount with the wrong suffix.
  const milli = typeof value === 'string' && bytes < MI ? /^\s*(\d+(?:\.\d+)?)m\s*$/.exec(value) : null;
  const meant = milli ? inBinaryUnit(milli[1], 'M') : undefined;
  return { prop, value, problem: `is ${q / NANO}.${fraction} bytes, not a whole number: the API server warns that a fractional byte value is invalid ("must be an integer")${sizeLimit}`,
    fix: meant ? `did you mean "${meant.amount}"? ("m" is a thousandth, "Mi" a mebibyte${meant.note})` : `give whole bytes, e.g. "${whole}"` };
}

/** Validates an external egress destination and its reason. */
export function checkEgressPeer(scope: Construct, peer: ExternalPeer, options: EgressOptions | undefined): void {
  const found: PropProblem[] = [];
  if (!peer || !isCidr(peer.cidr)) {
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer?.cidr, problem: 'is not an IPv4 or IPv6 CIDR', fix: 'use Peer.cidr("203.0.113.0/24", 443)' });
  } else if (ipv4MappedPrefix(peer.cidr) !== undefined) {
    found.push(ipv4MappedProblem('allowEgressTo(peer.cidr)', peer.cidr));
  } else if (isOpenCidr(peer.cidr)) {
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer.cidr,
      problem: nat64Prefix(peer.cidr) === undefined ? 'opens egress to the whole internet' : 'is the NAT64 prefix, through which an IPv6 pod reaches every IPv4 address',
      fix: 'name the provider\'s published address ranges, one Peer.cidr per range' });
  } else if (hostBitsProblem('allowEgressTo(peer.cidr)', peer.cidr)) {
    found.push(hostBitsProblem('allowEgressTo(peer.cidr)', peer.cidr)!);
  } else if (metadataProblem('allowEgressTo(peer.cidr)', peer.cidr, peer.protocol, peer.port)) {
    found.push(metadataProblem('allowEgressTo(peer.cidr)', peer.cidr, peer.protocol, peer.port)!);
  } else if (isTooWideCidr(peer.cidr)) {
    const nat64 = nat64Prefix(peer.cidr);
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer.cidr,
      problem: nat64 === undefined ? `is wider than /${MIN_IPV4_PREFIX} (IPv4) or /${MIN_IPV6_PREFIX} (IPv6), a large part of the internet`
        : `is an IPv4 /${nat64} through NAT64, wider than /${MIN_IPV4_PREFIX}, a large part of the internet`,
      fix: 'name the provider\'s published address ranges, one Peer.cidr per range' });
  }
  const port = checkPort('allowEgressTo(peer.port)', peer?.port);
  if (port) found.push(port);
  if (peer && peer.protocol !== 'TCP' && peer.protocol !== 'UDP') found.push({ prop: 'allowEgressTo(peer.protocol)', value: peer.protocol, problem: 'must be TCP or UDP', fix: 'omit it for TCP' });
  if (peer?.host !== undefined && peer.protocol === 'UDP') {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host, problem: 'is matched by TLS SNI, which UDP traffic does not carry', fix: 'omit host for UDP destinations' });
  } else if (peer?.host !== undefined && peer.port === 80) {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host, problem: 'is matched by TLS SNI, which plain HTTP on port 80 does not carry (and plain HTTP sends data unencrypted)',
      fix: 'call the host over HTTPS on 443, or omit host' });
  } else if (peer?.host !== undefined && typeof peer.port === 'number') {
    const startTls = startTlsProblem('allowEgressTo(peer.host)', peer.host, peer.port, 'omit host: the ServiceEntry then admits the address range on that port, and the protocol\'s own TLS upgrade still encrypts it');
    if (startTls) found.push(startTls);
  }
  // Istio refuses a ServiceEntry host with a label over 63 characters, as Kubernetes refuses an Ingress host.
  const host = peer?.host === undefined ? undefined : checkHost('allowEgressTo(peer.host)', peer.host, { ipProblem: 'is an IP address, while the mesh matches a host by the TLS server name (SNI), which is never one: give the address in Peer.cidr and omit host' });
  if (host) found.push(host);
  const reason = checkReason('allowEgressTo(options.reason)', options?.reason);
  if (reason) found.push(reason);
  // A peer written by hand, rather than by Peer.cidr, could carry a misspelt field that is never read.
  found.push(...unknownKeys('peer', peer, Object.keys(EXTERNAL_PEER_FIELDS))
    .map(p => ({ ...p, prop: `allowEgressTo(${p.prop})`, problem: 'is not a field of an ExternalPeer' })));
  found.push(...unknownOptions('allowEgressTo(options)', options, Object.keys(EGRESS_OPTIONS)));
  Soc2Error.throwIf(scope, 'INVALID_PEER', found);
}

const ALLOWED_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
const RESOURCE = /^[a-z][a-z0-9.-]*(\/[a-z][a-z0-9.-]*)?$/;
/** The resources of the core API group (""), without subresources. */
const CORE_RESOURCES: ReadonlySet<string> = new Set([
  'bindings', 'componentstatuses', 'configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims',
  'persistentvolumes', 'pods', 'podtemplates', 'replicationcontrollers', 'resourcequotas', 'secrets', 'serviceaccounts', 'services',
]);
const API_GROUP = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/;
const OBJECT_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The problem with a rule's verbs: not a list, empty, or holding a verb a workload is not granted (with the closest one). */
function checkVerbs(prop: string, verbs: unknown): PropProblem | undefined {
  const allowed = [...ALLOWED_VERBS].join(', ');
  const factories = 'build the rule with Rule.read, Rule.write or Rule.create';
  if (!Array.isArray(verbs) || verbs.length === 0) {
    return { prop, value: verbs, problem: Array.isArray(verbs) ? 'is empty: the rule grants nothing' : 'must be a list of verbs',
      fix: `list them, e.g. ${typeof verbs === 'string' ? `[${JSON.stringify(verbs)}]` : '["get", "list", "watch"]'}, or ${factories}` };
  }
  const bad = verbs.filter(v => !ALLOWED_VERBS.has(v));
  if (bad.length === 0) return undefined;
  const text = (v: unknown) => JSON.stringify(v) ?? String(v);
  const named = bad.map(text).join(', ');
  const guesses = bad.map(v => [v, typeof v === 'string' ? closest(v, ALLOWED_VERBS) : undefined] as const);
  const unknown = guesses.filter(([, c]) => c === undefined).map(([v]) => text(v));
  const guess = bad.length === 1 && unknown.length === 0 ? `did you mean "${guesses[0][1]}"?`
    : [...guesses.filter(([, c]) => c !== undefined).map(([v, c]) => `for ${text(v)}, did you mean "${c}"?`), ...(unknown.length > 0 ? [`Remove ${unknown.join(', ')}.`] : [])].join(' ');
  return { prop, value: verbs, problem: `${bad.length === 1 ? `holds ${named}, which is not a verb` : `holds ${named}, which are not verbs`} a workload may be granted (${allowed})`,
    fix: `${guess} Or ${factories}` };
}

/**
 * How to name the objects a hand-written rule reaches: the factory that grants exactly its verbs
 * (with its API group where the factory would look up another), else the rule with the field added;
 * never a factory that grants more verbs than the rule asked for.
 */
function namesFix(r: PolicyRule): string {
  const verbs = new Set(verbsOf(r));
  const example = `["${r.resource.split('/')[0] === 'configmaps' ? 'app-config' : 'my-object'}"]`;
  const exactly = (set: readonly string[]) => set.length === verbs.size && set.every(v => verbs.has(v));
  const factory = exactly(READ_VERBS) ? 'read' : exactly(WRITE_VERBS) ? 'write' : undefined;
  if (factory) {
    // The group the factory looks up for the resource; another is passed as its option.
    const group = Rule[factory](r.resource, []).apiGroup === r.apiGroup ? '' : `, { apiGroup: ${JSON.stringify(r.apiGroup)} }`;
    return `add resourceNames: the names of the objects, e.g. Rule.${factory}("${r.resource}", ${example}${group})`;
  }
  const list = [...verbs].map(v => JSON.stringify(v)).join(', ');
  return `add resourceNames: the names of the objects, e.g. { apiGroup: ${JSON.stringify(r.apiGroup)}, resource: "${r.resource}", verbs: [${list}], resourceNames: ${example} }`;
}

/** Validates rules given to `grant`, and that the namespace can reach the API server. */
export function checkGrant(scope: Construct & { namespace: SensitiveNamespace }, rules: readonly PolicyRule[]): void {
  const found: PropProblem[] = [];
  if (rules.length === 0) found.push({ prop: 'grant(rules)', value: [], problem: 'grants nothing', fix: 'pass at least one Rule, e.g. Rule.read("configmaps", ["app-config"])' });
  rules.forEach((r, i) => {
    const prop = `grant(rules[${i}])`;
    // A rule written by hand, rather than by a Rule factory, could carry a misspelt field that is never read.
    found.push(...unknownKeys(prop, r, Object.keys(POLICY_RULE_FIELDS)).map(p => ({ ...p, problem: 'is not a field of a PolicyRule' })));
    if (!r || typeof r.resource !== 'string' || r.resource === '' || r.resource.includes('*') || typeof r.apiGroup !== 'string' || r.apiGroup.includes('*')) {
      found.push({ prop, value: r, problem: 'must name one resource and API group, without wildcards', fix: 'use Rule.read(resource, names), Rule.write(resource, names) or Rule.create(resource)' });
      return;
    }
    if (!RESOURCE.test(r.resource)) {
      found.push({ prop: `${prop}.resource`, value: r.resource, problem: 'is not a resource name (lower-case plural, optionally with a subresource)', fix: 'e.g. "configmaps" or "deployments/scale"' });
    }
    if (r.apiGroup === '' && RESOURCE.test(r.resource) && !CORE_RESOURCES.has(r.resource.split('/')[0])) {
      const resource = r.resource.split('/')[0];
      const plural = CORE_RESOURCES.has(`${resource}s`) ? `${resource}s` : CORE_RESOURCES.has(`${resource}es`) ? `${resource}es` : undefined;
      found.push({ prop: `${prop}.apiGroup`, value: r.apiGroup, problem: `is the core API group, which has no resource "${resource}"`,
        fix: plural !== undefined ? `resources are named in the plural: did you mean "${plural}"?`
          : `pass the resource's group, e.g. Rule.read("${r.resource}", names, { apiGroup: "example.com" })` });
    }
    if (!API_GROUP.test(r.apiGroup)) {
      found.push({ prop: `${prop}.apiGroup`, value: r.apiGroup, problem: 'is not an API group (a DNS subdomain, or "" for the core group)', fix: 'e.g. "apps" or "coordination.k8s.io"' });
    }
    const refusal = whyNotGrantable(r);
    if (refusal) found.push({ prop, value: r.resource, problem: `cannot be granted: ${refusal.why}`, fix: refusal.fix });
    const verbsProblem = checkVerbs(`${prop}.verbs`, r.verbs);
    if (verbsProblem) found.push(verbsProblem);
    const needsNames = verbsOf(r).filter(v => v !== 'create');
    const namesProp = `${prop}.resourceNames`;
    if (needsNames.length > 0 && typeof r.resourceNames === 'string') {
      found.push({ prop: namesProp, value: r.resourceNames, problem: 'must be a list of object names, not a string', fix: `e.g. Rule.read("${r.resource}", [${JSON.stringify(r.resourceNames)}])` });
    } else if (needsNames.length > 0 && (!Array.isArray(r.resourceNames) || r.resourceNames.length === 0 || r.resourceNames.some(n => typeof n !== 'string' || n === '' || n.includes('*')))) {
      const names = r.resourceNames;
      const what = names === undefined ? 'is missing' : Array.isArray(names) && names.length === 0 ? 'is empty' : 'holds a wildcard, an empty name or a value that is not a name';
      found.push({ prop: namesProp, value: names,
        problem: `${what}: a rule with ${needsNames.length === 1 ? 'verb' : 'verbs'} ${needsNames.join(', ')} must name each object it reaches (only create goes without, as names cannot restrict it)`,
        fix: namesFix(r) });
    } else if (Array.isArray(r.resourceNames)) {
      const bad = r.resourceNames.filter(n => !OBJECT_NAME.test(n));
      if (bad.length > 0) {
        found.push({ prop: `${prop}.resourceNames`, value: bad, problem: 'are not object names (lower-case DNS subdomains)', fix: 'use the metadata.name of each object, e.g. "app-config"' });
      }
    }
  });
  if (!scope.namespace.apiServer) {
    found.push({ prop: 'grant()', value: scope.namespace.name, problem: `namespace "${scope.namespace.name}" has no apiServer endpoint, so the workload could not reach the API it is granted`,
      fix: 'set apiServer: { cidr: "<endpoint address>/32", port: <endpoint port> } on the SensitiveNamespace, as kubectl get endpoints kubernetes -n default lists them' });
  }
  Soc2Error.throwIf(scope, 'INVALID_RULE', found);
}

/** A health check's handler with the workload's port where it names none: what the kubelet probes. */
function onPort(check: HealthCheck, port: unknown): Record<string, unknown> {
  const h = check.handler;
  const key = h.httpGet ? 'httpGet' : h.tcpSocket ? 'tcpSocket' : h.grpc ? 'grpc' : undefined;
  return key === undefined ? h : { ...h, [key]: { ...h[key], port: h[key].port ?? port } };
}

/** Whether a health check names no port of its own (it would check the workload's). */
function namesNoPort(check: HealthCheck): boolean {
  const h = check.handler;
  return (h.httpGet !== undefined && h.httpGet.port === undefined) || (h.tcpSocket !== undefined && h.tcpSocket.port === undefined)
    || (h.grpc !== undefined && h.grpc.port === undefined);
}
