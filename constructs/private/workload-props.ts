import { Construct } from 'constructs';
import { credentialInValue, isCredentialName } from '../../src/compliance/common/credentials';
import { parseImageRef } from '../../src/compliance/common/image-ref';
import { parseQuantity } from '../../src/compliance/common/quantity';
import type { AppProtocol, CompliantWorkloadProps, EgressOptions, Exception } from '../compliant-workload';
import { PropProblem, Soc2Error } from '../errors';
import { HealthCheck } from '../health-check';
import { ExternalPeer, isOpenCidr } from '../peer';
import { PolicyRule } from '../rule';
import { isCidr, SensitiveNamespace } from '../sensitive-namespace';
import { checkImage } from './image';
import { ResourceAmounts } from './pod-spec';
import { PRIORITY_CLASS } from './priority-class';
import { checkDnsLabel, checkFutureDate, checkPort, checkReason } from './validate';

/** The workload props with defaults applied, validated. */
export interface NormalisedWorkload {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly portName: string;
  readonly appProtocol: string;
  readonly metricsPort?: number;
  readonly monitoringNamespace: string;
  readonly replicas: number;
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  readonly env: Readonly<Record<string, string>>;
  readonly secretFiles: Readonly<Record<string, { readonly secret: string; readonly key: string }>>;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly writablePaths: readonly string[];
  readonly readOnlyRootFilesystem: boolean;
  readonly writableRootFilesystem?: Exception;
  readonly liveness: HealthCheck;
  readonly readiness: HealthCheck;
  readonly user: number;
  readonly group: number;
  readonly partOf: string;
  readonly version?: string;
  readonly priorityClassName: string;
}

/**
 * Names of variables that look like credentials. Scanners flag any such name with a literal
 * value (Kubescape C-0012 matches substrings, Polaris sensitiveContainerEnvVar), so the workload
 * refuses them: secrets are read from files (`secretFiles`).
 */
export const CREDENTIAL_NAME = /(secret|key|passw|pwd|token|jwt|bearer|credential)/i;
/** Values that scanners read as credentials whatever the variable name. */
const CREDENTIAL_VALUE = /(jwt|bearer\s|_key_|_secret_|PRIVATE KEY|eyJhbGciO)/i;
const FILE_NAME = /^[A-Za-z0-9][-._A-Za-z0-9]{0,252}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Names YAML 1.1 reads as booleans or null: unsafe as label values for some scanners. */
const YAML_11_SCALARS: ReadonlySet<string> = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
const PROTOCOLS: readonly AppProtocol[] = ['http', 'http2', 'grpc', 'tcp'];

/**
 * Applies the defaults and validates every prop, collecting all problems into one error that
 * names the construct path, the prop, the value and the fix.
 */
export function normaliseWorkloadProps(scope: Construct, id: string, props: CompliantWorkloadProps,
  defaultRequests: ResourceAmounts, defaultLimits: ResourceAmounts): NormalisedWorkload {
  const found: PropProblem[] = [];
  const add = (p: PropProblem | undefined) => { if (p) found.push(p); };
  if (!SensitiveNamespace.isSensitiveNamespace(props.namespace)) {
    found.push({ prop: 'namespace', value: describe(props.namespace), problem: 'is not a SensitiveNamespace, so nothing isolates or hardens the workload',
      fix: 'create the namespace with new SensitiveNamespace(...) and pass it' });
  }
  const name = props.name ?? id;
  add(checkDnsLabel(props.name === undefined ? 'id' : 'name', name, { service: true, maxLength: 50 }));
  if (YAML_11_SCALARS.has(name)) {
    found.push({ prop: props.name === undefined ? 'id' : 'name', value: name, problem: 'reads as a boolean or null in YAML 1.1, which tools that paste label values unquoted (e.g. Polaris) then fail to match',
      fix: `use a descriptive name, e.g. "${name}-service"` });
  }
  add(checkImage('image', props.image));
  add(checkPort('port', props.port));
  add(checkNotMeshPort('port', props.port));
  const protocol = props.protocol ?? 'http';
  if (!PROTOCOLS.includes(protocol)) found.push({ prop: 'protocol', value: protocol, problem: 'is not a supported protocol', fix: `use one of ${PROTOCOLS.join(', ')}` });
  if (props.metricsPort !== undefined) {
    add(checkPort('metricsPort', props.metricsPort));
    add(checkNotMeshPort('metricsPort', props.metricsPort));
    if (props.metricsPort === props.port) found.push({ prop: 'metricsPort', value: props.metricsPort, problem: 'is the same as port', fix: 'serve metrics on a separate port, or omit metricsPort' });
  }
  const monitoringNamespace = props.monitoringNamespace ?? 'monitoring';
  add(checkDnsLabel('monitoringNamespace', monitoringNamespace));
  const replicas = props.replicas ?? 2;
  if (!Number.isInteger(replicas) || replicas < 2) {
    found.push({ prop: 'replicas', value: replicas, problem: 'must be an integer of at least 2 (one replica is lost with a node or an eviction)', fix: 'omit replicas (default 2) or raise it' });
  }
  const requests = { ...defaultRequests, ...props.resources?.requests };
  const limits = { ...defaultLimits, ...props.resources?.limits };
  checkResources(requests, limits, found);
  const env = { ...props.env };
  const secretFiles = { ...props.secretFiles };
  checkEnv(env, secretFiles, found);
  const writablePaths = [...(props.writablePaths ?? ['/tmp'])];
  writablePaths.forEach((path, i) => {
    if (typeof path !== 'string' || !/^\/[^\0]*[^/]$/.test(path) || path.split('/').includes('..')) {
      found.push({ prop: `writablePaths[${i}]`, value: path, problem: 'must be an absolute directory path other than "/"', fix: 'e.g. "/tmp" or "/var/cache/app"' });
    }
  });
  if (new Set(writablePaths).size !== writablePaths.length) found.push({ prop: 'writablePaths', value: writablePaths, problem: 'lists a path twice', fix: 'list each path once' });
  const user = props.user ?? 10001;
  const group = props.group ?? 10001;
  for (const [prop, v] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 2147483647) found.push({ prop, value: v, problem: 'must be a non-zero, non-root integer ID', fix: 'use an ID above 10000, e.g. 10001' });
  }
  if (props.writableRootFilesystem !== undefined) {
    add(checkReason('writableRootFilesystem.reason', props.writableRootFilesystem.reason));
    if (props.writableRootFilesystem.expires !== undefined) add(checkFutureDate('writableRootFilesystem.expires', props.writableRootFilesystem.expires));
  }
  if (props.priorityClassName !== undefined) {
    const pc = checkDnsLabel('priorityClassName', props.priorityClassName, { maxLength: 253 });
    if (pc) found.push(pc);
  }
  const partOf = props.partOf ?? props.namespace?.name;
  if (props.partOf !== undefined && !LABEL_VALUE.test(props.partOf)) found.push({ prop: 'partOf', value: props.partOf, problem: 'must be a label value', fix: 'e.g. "payments"' });
  const liveness = props.liveness ?? (protocol === 'tcp' ? HealthCheck.tcp() : HealthCheck.http('/healthz'));
  const readiness = props.readiness ?? (protocol === 'tcp' ? undefined : HealthCheck.http('/readyz'));
  if (readiness === undefined) {
    found.push({ prop: 'readiness', value: undefined, problem: 'is required for tcp workloads (a TCP check cannot tell ready from alive)', fix: 'pass readiness: HealthCheck.command([...]) or HealthCheck.grpc(port)' });
  } else if (JSON.stringify(readiness.handler) === JSON.stringify(liveness.handler)) {
    found.push({ prop: 'readiness', value: readiness.handler, problem: 'is identical to liveness, so a slow dependency restarts the pod instead of taking it out of rotation', fix: 'check readiness on a separate endpoint, e.g. HealthCheck.http("/readyz")' });
  }
  Soc2Error.throwIf(scope, 'INVALID_PROP', found);
  const { tag } = parseImageRef(props.image);
  return {
    name, image: props.image, port: props.port, portName: protocol, appProtocol: protocol,
    metricsPort: props.metricsPort, monitoringNamespace, replicas, requests, limits, env, secretFiles,
    command: props.command, args: props.args, writablePaths,
    readOnlyRootFilesystem: props.writableRootFilesystem === undefined,
    writableRootFilesystem: props.writableRootFilesystem,
    liveness, readiness: readiness!, user, group, partOf: partOf!,
    version: tag && LABEL_VALUE.test(tag) ? tag : undefined,
    priorityClassName: props.priorityClassName ?? PRIORITY_CLASS,
  };
}

/** Ports the Istio sidecar and agent listen on inside every pod. */
const MESH_PORTS = new Set([15000, 15001, 15004, 15006, 15008, 15009, 15010, 15012, 15014, 15017, 15020, 15021, 15053, 15090]);

function checkNotMeshPort(prop: string, port: unknown): PropProblem | undefined {
  if (typeof port !== 'number' || !MESH_PORTS.has(port)) return undefined;
  return { prop, value: port, problem: 'is reserved by the Istio sidecar in every pod', fix: 'serve on another port, e.g. 8080' };
}

function checkResources(requests: ResourceAmounts, limits: ResourceAmounts, found: PropProblem[]): void {
  for (const key of ['cpu', 'memory', 'ephemeralStorage'] as const) {
    const req = parseQuantity(requests[key]);
    const lim = parseQuantity(limits[key]);
    if (req === undefined || req <= 0n) found.push({ prop: `resources.requests.${key}`, value: requests[key], problem: 'must be a positive Kubernetes quantity', fix: 'e.g. "250m" or "256Mi"' });
    if (lim === undefined || lim <= 0n) found.push({ prop: `resources.limits.${key}`, value: limits[key], problem: 'must be a positive Kubernetes quantity', fix: 'e.g. "500m" or "512Mi"' });
    if (req !== undefined && lim !== undefined && req > 0n && lim > 0n && lim < req) {
      found.push({ prop: `resources.limits.${key}`, value: limits[key], problem: `is below the request ${requests[key]}`, fix: `raise the limit to at least ${requests[key]} or lower the request` });
    }
  }
}

function checkEnv(env: Record<string, string>, secretFiles: Record<string, { secret: string; key: string }>, found: PropProblem[]): void {
  for (const [k, v] of Object.entries(env)) {
    if (!ENV_NAME.test(k)) found.push({ prop: `env.${k}`, value: k, problem: 'is not a valid environment variable name', fix: 'use letters, digits and "_", not starting with a digit' });
    if (typeof v !== 'string') found.push({ prop: `env.${k}`, value: v, problem: 'must be a string', fix: 'quote the value' });
    if (CREDENTIAL_NAME.test(k) || isCredentialName(k) || (typeof v === 'string' && (CREDENTIAL_VALUE.test(v) || credentialInValue(v) !== undefined))) {
      found.push({ prop: `env.${k}`, value: '<redacted>', problem: 'looks like a credential passed as a plain value, which ends up in the YAML, in Git and in every scanner report',
        fix: `store it in a Secret and read it from a file: secretFiles: { '${k.toLowerCase().replace(/_/g, '-')}': { secret: '<name>', key: '<key>' } }, or rename the variable if it holds no secret` });
    }
  }
  for (const [k, ref] of Object.entries(secretFiles)) {
    if (!FILE_NAME.test(k)) found.push({ prop: `secretFiles.${k}`, value: k, problem: 'is not a valid file name', fix: 'use letters, digits, "-", "_" and ".", e.g. "db-password"' });
    const nameProblem = checkDnsLabel(`secretFiles.${k}.secret`, ref?.secret, { maxLength: 253 });
    if (nameProblem) found.push(nameProblem);
    if (typeof ref?.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
      found.push({ prop: `secretFiles.${k}.key`, value: ref?.key, problem: 'must be a Secret key (letters, digits, "-", "_", ".")', fix: 'name the key inside the Secret, e.g. "password"' });
    }
  }
}

/** Validates an external egress destination and its reason. */
export function checkEgressPeer(scope: Construct, peer: ExternalPeer, options: EgressOptions | undefined): void {
  const found: PropProblem[] = [];
  if (!peer || !isCidr(peer.cidr)) {
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer?.cidr, problem: 'is not an IPv4 or IPv6 CIDR', fix: 'use Peer.cidr("203.0.113.0/24", 443)' });
  } else if (isOpenCidr(peer.cidr)) {
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer.cidr, problem: 'opens egress to the whole internet', fix: 'name the provider\'s published address ranges, one Peer.cidr per range' });
  }
  const port = checkPort('allowEgressTo(peer.port)', peer?.port);
  if (port) found.push(port);
  if (peer && peer.protocol !== 'TCP' && peer.protocol !== 'UDP') found.push({ prop: 'allowEgressTo(peer.protocol)', value: peer.protocol, problem: 'must be TCP or UDP', fix: 'omit it for TCP' });
  if (peer?.host !== undefined && !/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(peer.host)) {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host, problem: 'is not a fully qualified DNS name', fix: 'e.g. "api.processor.example.com"' });
  }
  const reason = checkReason('allowEgressTo(options.reason)', options?.reason);
  if (reason) found.push(reason);
  Soc2Error.throwIf(scope, 'INVALID_PEER', found);
}

const FORBIDDEN_RESOURCES: Record<string, string> = {
  'secrets': 'secrets are passed to the workload by reference (secretFiles), never read through the API',
  'pods/exec': 'exec into pods bypasses every control on the workload',
  'pods/attach': 'attach to pods bypasses every control on the workload',
  'pods/portforward': 'port-forward bypasses the network policies',
  'serviceaccounts/token': 'minting tokens lets the workload impersonate other identities',
  'roles': 'changing RBAC lets the workload grant itself more rights',
  'rolebindings': 'changing RBAC lets the workload grant itself more rights',
  'clusterroles': 'changing RBAC lets the workload grant itself more rights',
  'clusterrolebindings': 'changing RBAC lets the workload grant itself more rights',
};
const ALLOWED_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);

/** Validates rules given to `grant`, and that the namespace can reach the API server. */
export function checkGrant(scope: Construct & { namespace: SensitiveNamespace }, rules: readonly PolicyRule[]): void {
  const found: PropProblem[] = [];
  if (rules.length === 0) found.push({ prop: 'grant(rules)', value: [], problem: 'grants nothing', fix: 'pass at least one Rule, e.g. Rule.read("configmaps", ["app-config"])' });
  rules.forEach((r, i) => {
    const prop = `grant(rules[${i}])`;
    if (!r || typeof r.resource !== 'string' || r.resource === '' || r.resource.includes('*') || typeof r.apiGroup !== 'string' || r.apiGroup.includes('*')) {
      found.push({ prop, value: r, problem: 'must name one resource and API group, without wildcards', fix: 'use Rule.read(resource, names), Rule.write(resource, names) or Rule.create(resource)' });
      return;
    }
    if (FORBIDDEN_RESOURCES[r.resource] || (r.apiGroup === 'rbac.authorization.k8s.io')) {
      found.push({ prop, value: r.resource, problem: `cannot be granted: ${FORBIDDEN_RESOURCES[r.resource] ?? 'changing RBAC lets the workload grant itself more rights'}`, fix: 'remove the rule; ask the platform team if the workload truly needs it' });
    }
    const badVerbs = (r.verbs ?? []).filter(v => !ALLOWED_VERBS.has(v));
    if (!Array.isArray(r.verbs) || r.verbs.length === 0 || badVerbs.length > 0) {
      found.push({ prop, value: r.verbs, problem: `has verbs outside ${[...ALLOWED_VERBS].join(', ')}${badVerbs.length ? ` (${badVerbs.join(', ')})` : ''}`, fix: 'use the Rule factories' });
    }
    const needsNames = (r.verbs ?? []).some(v => v !== 'create');
    if (needsNames && (!Array.isArray(r.resourceNames) || r.resourceNames.length === 0 || r.resourceNames.some(n => typeof n !== 'string' || n === '' || n.includes('*')))) {
      found.push({ prop, value: r.resourceNames, problem: 'must name the objects it reaches', fix: `list them, e.g. Rule.read("${r.resource}", ["app-config"])` });
    }
  });
  if (!scope.namespace.apiServer) {
    found.push({ prop: 'grant()', value: scope.namespace.name, problem: `namespace "${scope.namespace.name}" has no apiServer endpoint, so the workload could not reach the API it is granted`,
      fix: 'set apiServer: { cidr: "<API server address>/32" } on the SensitiveNamespace' });
  }
  Soc2Error.throwIf(scope, 'INVALID_RULE', found);
}

function describe(x: unknown): string {
  if (x && typeof x === 'object' && 'node' in x) return (x as Construct).node.path;
  return x === undefined ? 'undefined' : typeof x;
}
