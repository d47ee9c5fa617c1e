import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedComplianceConfig } from '../src/compliance/config';
import { MAX_MIGRATION_WINDOW_DAYS } from '../src/compliance/controls/mesh/mesh-no-permissive-mtls';
import { addDays } from '../src/compliance/private/days';
import { suppressionKey, suppressionValue } from '../src/compliance/suppressions';
import { propError, PropProblem, Soc2Error } from './errors';
import { emit } from './private/api';
import { appConfig, enforceCompliance } from './private/enforce';
import { adoptMeshHosts } from './private/external-hosts';
import { checkHost, clusterSuffix, nameFromHost, nameFromText, plaintextPortProblem, startTlsProblem } from './private/hosts';
import { meshNamespaces, onMeshNamespace } from './private/mesh-namespaces';
import { appMesh, meshRootProblem, namePaths, setAppMesh } from './private/mesh-root';
import { reviewLimitProblem } from './private/review-limit';
import { checkDnsLabel, checkFutureDate, checkPort, checkReason, describeConstruct, KeyShape, propsOf, unknownKeys, withoutNulls } from './private/validate';
import { SensitiveNamespace } from './sensitive-namespace';

/**
 * The mesh-wide mutual TLS mode. `DISABLE` does not exist here: plaintext between workloads is
 * never acceptable for customer data (SOC 2 CC6.7).
 */
export type MeshMtlsMode = 'STRICT' | 'PERMISSIVE';

/** A dated migration window: why plaintext is still accepted, and until when. */
export interface MigrationWindow {
  /** Why clients outside the mesh still need plaintext, and how the migration is tracked. */
  readonly reason: string;
  /**
   * The last day PERMISSIVE applies (YYYY-MM-DD), at most {@link MAX_MIGRATION_WINDOW_DAYS} days
   * from the day of the synth (or the app's `maxSuppressionDays` setting when shorter); afterwards
   * the synth fails until STRICT is restored or the window is renewed with a new date.
   */
  readonly expires: string;
}

/**
 * The longest migration window accepted, in days from the day of the synth: the limit of the
 * `mesh-no-permissive-mtls` control. PERMISSIVE accepts plaintext, so it is a dated, reviewed
 * exception (SOC 2 CC6.7), never a standing setting.
 */
export { MAX_MIGRATION_WINDOW_DAYS };

/** A host outside the cluster that every workload of the mesh may call over TLS. */
export interface ExternalHost {
  /**
   * The DNS name, e.g. `api.stripe.com`; wildcards are refused, so every destination is named, and
   * so are names inside the cluster (`….svc`, `….cluster.local`), which belong to its Services.
   */
  readonly host: string;
  /** The TLS port. @default 443 */
  readonly port?: number;
  /** Why the platform allows it; written into the ServiceEntry. */
  readonly reason: string;
}

/** Props of {@link MeshMtls}. */
export interface MeshMtlsProps {
  /**
   * The Istio root namespace, where mesh-wide policies live. An app has one: its meshRootNamespace
   * setting (`new CompliantApp({ compliance: { meshRootNamespace } })`), where every
   * SensitiveNamespace lets its sidecars reach istiod and the compliance check looks for the
   * mesh-wide policies. Set it there; this prop may only repeat it, and another value is refused.
   * @default - the app's meshRootNamespace setting ('istio-system')
   * @deprecated Omit it and set the app's mesh root namespace instead:
   * `new CompliantApp({ compliance: { meshRootNamespace } })`, which the MeshMtls reads (as its
   * `rootNamespace` attribute shows).
   */
  readonly rootNamespace?: string;
  /**
   * The mesh-wide mTLS mode (control mesh-strict-mtls; SOC 2 CC6.7). PERMISSIVE accepts plaintext
   * and exists only as a migration window: it requires `migrationWindow`, whose reason and expiry
   * are written into the PeerAuthentication as a dated suppression of mesh-no-permissive-mtls.
   * @default 'STRICT'
   * @see https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/
   */
  readonly mode?: MeshMtlsMode;
  /**
   * The migration window for `mode: 'PERMISSIVE'`; required then, refused otherwise.
   * @default - no migration window
   */
  readonly migrationWindow?: MigrationWindow;
  /**
   * The hosts outside the cluster the mesh may reach; each becomes a ServiceEntry. Everything
   * else is refused by the REGISTRY_ONLY outbound policy (control mesh-registry-only-egress;
   * SOC 2 CC6.6). NetworkPolicies still decide which workloads may open the connection, so a
   * workload that calls a host still names it with `allowEgressTo(Peer.cidr(range, port, { host }))`;
   * its namespace then gets no ServiceEntry of its own for the host, which would shadow this
   * mesh-wide one for every workload of that namespace. A host that a workload names on a port not
   * listed here is refused, whichever is created first: list the port here too, or omit `host` there.
   * @default [] - no external host
   */
  readonly externalHosts?: readonly ExternalHost[];
  /**
   * Adds an allow-nothing AuthorizationPolicy to the root namespace, denying every request in the
   * mesh that no ALLOW policy names (control mesh-default-deny-authz). SensitiveNamespaces already
   * deny by default on their own; turn this on once every other meshed namespace (ingress
   * controller, monitoring) has its own ALLOW policies, or their traffic stops.
   * @default false
   */
  readonly allowNothing?: boolean;
  /**
   * The Istio access-log provider that records every request (control mesh-access-logging;
   * SOC 2 CC7.2). `envoy` is Istio's built-in provider (the proxy's standard output).
   * @default 'envoy'
   */
  readonly accessLogProvider?: string;
}

const DISABLE_FIX = 'keep STRICT; a workload that cannot speak mTLS belongs outside the mesh, behind its own TLS. '
  + 'While clients move into the mesh, use mode: \'PERMISSIVE\' with a migrationWindow';

/**
 * Mesh-wide encryption in transit and traffic evidence, in the Istio root namespace:
 * - PeerAuthentication `default`: STRICT mTLS for the whole mesh (CC6.7);
 * - DestinationRule `mtls-<namespace>` for each SensitiveNamespace of the app: clients use
 *   ISTIO_MUTUAL to its hosts, never plaintext (CC6.7); ordered by namespace name, so the YAML
 *   does not depend on whether the mesh or the namespaces were created first;
 * - Sidecar `default`: outbound traffic REGISTRY_ONLY (CC6.6), with one ServiceEntry per allowed
 *   external host holding all its ports: `external-<host>`, or `external-<host>-<port>` for a
 *   host allowed on one port other than 443 (its reason in an annotation; the `-` of the host
 *   doubled and its dots as `-`, so distinct hosts never share a name); a SensitiveNamespace whose
 *   workloads name such a host (`allowEgressTo`) leaves it to this entry rather than shadow it;
 * - Telemetry `mesh-default`: access logging for every request (CC7.2);
 * - optionally AuthorizationPolicy `allow-nothing`: deny by default mesh-wide (CC6.1).
 *
 * Put it in the platform's chart; one per app, in the app's meshRootNamespace setting.
 */
export class MeshMtls extends Construct {
  /** Whether `x` is a MeshMtls. */
  public static isMeshMtls(x: unknown): x is MeshMtls {
    return x instanceof MeshMtls;
  }

  /** The Istio root namespace. */
  public readonly rootNamespace: string;
  /** The mesh-wide mTLS mode. */
  public readonly mode: MeshMtlsMode;
  /** The mesh-wide PeerAuthentication. */
  public readonly resource: ApiObject;

  /** The names of the namespaces covered by a DestinationRule. */
  private readonly namespaces = new Set<string>();
  /** The names whose DestinationRule exists. */
  private readonly rendered = new Set<string>();

  public constructor(scope: Construct, id: string, props: MeshMtlsProps = {}) {
    super(scope, id);
    props = props ?? {};
    if (typeof props !== 'object') {
      throw propError(this, 'INVALID_PROP', 'props', props, 'must be an object of props', 'omit them for the defaults, or pass e.g. { allowNothing: true }');
    }
    const unknown: PropProblem[] = [];
    props = propsOf(props, MESH_PROPS, unknown);
    this.rootNamespace = props.rootNamespace ?? appConfig(this).meshRootNamespace;
    this.mode = props.mode ?? 'STRICT';
    const given = props.externalHosts ?? [];
    const hosts = Array.isArray(given) ? given.map(h => withoutNulls(h, EXTERNAL_HOST_PROPS)) : given;
    const provider = props.accessLogProvider ?? 'envoy';
    validate(this, props, unknown, hosts, provider);
    // The root namespace is the app's one (checked above), so a second MeshMtls would share it.
    const owner = appMesh(this);
    if (owner) {
      throw propError(this, 'DUPLICATE_NAME', 'rootNamespace', this.rootNamespace, `the app already has a MeshMtls for its root namespace (${owner})`,
        'create one MeshMtls per mesh, in the platform chart');
    }
    // The namespaces leave the hosts served here to the mesh-wide ServiceEntries, which their own would shadow.
    adoptMeshHosts(this, hosts);
    setAppMesh(this);
    enforceCompliance(this);

    const meta = (name: string, annotations?: Record<string, string>) => ({ name, namespace: this.rootNamespace, annotations });
    const window = props.migrationWindow;
    this.resource = emit(this, 'Resource', 'security.istio.io/v1', 'PeerAuthentication',
      meta('default', this.mode === 'PERMISSIVE' && window
        ? { [suppressionKey('mesh-no-permissive-mtls')]: suppressionValue(window.reason.trim(), window.expires) }
        : undefined),
      { spec: { mtls: { mode: this.mode } } });
    emit(this, 'RegistryOnly', 'networking.istio.io/v1', 'Sidecar', meta('default'), {
      spec: { egress: [{ hosts: ['*/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
    });
    emit(this, 'AccessLogging', 'telemetry.istio.io/v1', 'Telemetry', meta('mesh-default'), {
      spec: { accessLogging: [{ providers: [{ name: provider }] }] },
    });
    if (props.allowNothing) emit(this, 'AllowNothing', 'security.istio.io/v1', 'AuthorizationPolicy', meta('allow-nothing'), { spec: {} });
    for (const [host, ports] of portsByHost(hosts)) {
      // One ServiceEntry per host: Istio keeps one service per host and namespace, so a second
      // entry for another port of the same host would be dropped and that port left unreachable.
      const numbers = [...ports.keys()].sort((a, b) => a - b);
      const port = numbers.length === 1 && numbers[0] !== 443 ? numbers[0] : undefined;
      emit(this, port === undefined ? `External-${host}` : `External-${host}-${port}`, 'networking.istio.io/v1', 'ServiceEntry',
        meta(nameFromHost('external-', host, port), { 'soc2.cdk8s.io/reason': hostReason(numbers, ports) }), {
          spec: {
            hosts: [host],
            location: 'MESH_EXTERNAL',
            resolution: 'DNS',
            ports: numbers.map(number => ({ number, name: `tls-${number}`, protocol: 'TLS' })),
          },
        });
    }
    // Every namespace of the app shares its root namespace (the app's setting), so joins this mesh;
    // a namespace named like the root is refused by the namespace itself.
    const present = this.node.root.node.findAll().filter(SensitiveNamespace.isSensitiveNamespace);
    if (present.map(ns => this.include(ns)).some(Boolean)) this.renderDestinationRules();
    onMeshNamespace(this, ns => this.addNamespace(ns));
  }

  /**
   * Makes clients use mutual TLS to every host of `namespace` (a DestinationRule
   * `*.<namespace>.svc.cluster.local` with ISTIO_MUTUAL). The SensitiveNamespaces of the app are
   * added automatically, whether created before or after it.
   * Repeated calls are idempotent, and the order of calls does not change the YAML.
   */
  public addNamespace(namespace: SensitiveNamespace): void {
    if (this.include(namespace)) this.renderDestinationRules();
  }

  /** Validates `namespace` and records it; whether it is new. */
  private include(namespace: SensitiveNamespace): boolean {
    if (!SensitiveNamespace.isSensitiveNamespace(namespace)) {
      throw propError(this, 'INVALID_PROP', 'addNamespace(namespace)', describeConstruct(namespace), 'is not a SensitiveNamespace',
        'pass a SensitiveNamespace: only its workloads are guaranteed to have sidecars');
    }
    if (this.namespaces.has(namespace.name)) return false;
    if (namespace.meshRootNamespace !== this.rootNamespace) {
      throw propError(this, 'INVALID_PROP', 'addNamespace(namespace)', namespace.node.path,
        `expects the mesh root namespace "${namespace.meshRootNamespace}", but this mesh's is "${this.rootNamespace}"`,
        'add only SensitiveNamespaces of this mesh\'s app, or give both apps the same meshRootNamespace setting');
    }
    this.namespaces.add(namespace.name);
    return true;
  }

  /**
   * Creates the DestinationRules of the namespaces not rendered yet, keeping all of them sorted by
   * namespace name: the rules from the first new name on are re-created, after the others. They are
   * the last children of the mesh (every other object is created in the constructor), so the YAML
   * is the same whatever order the namespaces were added in; namespaces added in name order only
   * append.
   */
  private renderDestinationRules(): void {
    const names = [...this.namespaces].sort();
    const firstNew = names.findIndex(name => !this.rendered.has(name));
    if (firstNew < 0) return;
    const redo = names.slice(firstNew);
    for (const name of redo) this.node.tryRemoveChild(`Mtls-${name}`);
    for (const name of redo) {
      emit(this, `Mtls-${name}`, 'networking.istio.io/v1', 'DestinationRule',
        { name: nameFromText('mtls-', name), namespace: this.rootNamespace }, {
          spec: {
            host: `*.${name}.svc.cluster.local`,
            trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
          },
        });
      this.rendered.add(name);
    }
  }
}

/** The props MeshMtls knows, and the settings of its object props, each flagged required or not (one added to an interface and not here does not compile). */
const MESH_PROPS = {
  rootNamespace: false, mode: false, migrationWindow: false, externalHosts: false, allowNothing: false, accessLogProvider: false,
} as const satisfies KeyShape<MeshMtlsProps>;
const MIGRATION_WINDOW_PROPS = { reason: true, expires: true } as const satisfies KeyShape<MigrationWindow>;
const EXTERNAL_HOST_PROPS = { host: true, port: false, reason: true } as const satisfies KeyShape<ExternalHost>;

/** Validates the props, throwing one error for each group of problems; the first group starts with `unknown`, the props it does not know. */
function validate(scope: Construct, props: MeshMtlsProps, unknown: readonly PropProblem[], hosts: readonly ExternalHost[], provider: string): void {
  const given: PropProblem[] = [...unknown];
  if (!Array.isArray(hosts)) given.push({ prop: 'externalHosts', value: hosts, problem: 'must be a list', fix: 'e.g. externalHosts: [{ host: \'api.example.com\', reason: \'…\' }]' });
  if (props.allowNothing !== undefined && typeof props.allowNothing !== 'boolean') {
    given.push({ prop: 'allowNothing', value: props.allowNothing, problem: 'must be true or false', fix: 'pass a boolean' });
  }
  Soc2Error.throwIf(scope, 'INVALID_PROP', given);
  const mtls: PropProblem[] = [];
  const config = appConfig(scope);
  const today = config.today;
  const mode: unknown = props.mode ?? 'STRICT';
  if (mode === 'DISABLE') {
    mtls.push({ prop: 'mode', value: mode, problem: 'DISABLE turns mutual TLS off and lets workloads talk in plaintext; it is refused', fix: DISABLE_FIX });
  } else if (mode !== 'STRICT' && mode !== 'PERMISSIVE') {
    mtls.push({ prop: 'mode', value: mode, problem: 'is not a mesh mTLS mode', fix: 'use \'STRICT\' (or \'PERMISSIVE\' with a migrationWindow)' });
  } else if (mode === 'PERMISSIVE') {
    const w = props.migrationWindow;
    if (!w) {
      mtls.push({ prop: 'migrationWindow', value: w, problem: 'is required with mode PERMISSIVE, which accepts plaintext',
        fix: 'add migrationWindow: { reason: \'<why and ticket>\', expires: \'YYYY-MM-DD\' }, or keep STRICT' });
    } else {
      // A misspelt expires (`expiry`) is named, rather than read as a missing one.
      mtls.push(...unknownKeys('migrationWindow', w, Object.keys(MIGRATION_WINDOW_PROPS)));
      const r = checkReason('migrationWindow.reason', w.reason, 'legacy clients without sidecars move to the mesh; tracked in SEC-142');
      if (r) mtls.push(r);
      const d = w.expires === undefined || w.expires === null
        ? { prop: 'migrationWindow.expires', value: w.expires, problem: 'is required: PERMISSIVE is accepted only for a dated window', fix: 'set the last day of the migration, e.g. "2027-03-31"' }
        : checkFutureDate('migrationWindow.expires', w.expires, today) ?? checkWindowLength(w.expires as string, config);
      if (d) mtls.push(d);
    }
  } else if (props.migrationWindow !== undefined) {
    mtls.push({ prop: 'migrationWindow', value: props.migrationWindow, problem: 'applies only to mode PERMISSIVE', fix: 'remove it, or set mode: \'PERMISSIVE\' for the migration' });
  }
  Soc2Error.throwIf(scope, 'INVALID_MTLS', mtls);

  const hostProblems: PropProblem[] = [];
  const seen = new Set<string>();
  hosts.forEach((h, i) => {
    hostProblems.push(...unknownKeys(`externalHosts[${i}]`, h, Object.keys(EXTERNAL_HOST_PROPS)));
    const host = checkHost(`externalHosts[${i}].host`, h?.host, { ipProblem: 'is an IP address, while the mesh matches a host by the TLS server name (SNI), which is never one: allow the address for the workloads that need it (CompliantWorkload.allowEgressTo(Peer.cidr(...)))' });
    if (host) {
      hostProblems.push(h?.host?.includes('*') ? { ...host, fix: 'name each external host the mesh may reach; a wildcard opens every subdomain' } : host);
    } else if (clusterSuffix(h.host) !== undefined) {
      hostProblems.push({ prop: `externalHosts[${i}].host`, value: h.host,
        problem: `is a name inside the cluster (.${clusterSuffix(h.host)}), not a host outside it: its ServiceEntry would declare the cluster's own name external (MESH_EXTERNAL, outside mutual TLS) for every namespace of the mesh`,
        fix: 'list only hosts outside the cluster; a workload reaches a Service of the cluster through callee.allowFrom(caller)' });
    }
    const key = `${h?.host}:${h?.port ?? 443}`;
    if (seen.has(key)) hostProblems.push({ prop: `externalHosts[${i}]`, value: key, problem: 'is listed twice', fix: 'list each external host and port once' });
    seen.add(key);
    if (h?.port !== undefined) {
      const p = checkPort(`externalHosts[${i}].port`, h.port);
      if (p) hostProblems.push({ ...p, fix: 'use the TLS port of the external service, e.g. 443' });
      else {
        const byAddress = 'allow the destination by address for the workloads that need it (CompliantWorkload.allowEgressTo(Peer.cidr(...)) without a host)';
        const startTls = startTlsProblem(`externalHosts[${i}]`, `${h.host}:${h.port}`, h.port, byAddress)
          ?? plaintextPortProblem(`externalHosts[${i}].port`, h.port, h.port, byAddress);
        if (startTls) hostProblems.push(startTls);
      }
    }
    const r = checkReason(`externalHosts[${i}].reason`, h?.reason, 'the payment provider\'s API; tracked in SEC-142');
    if (r) hostProblems.push(r);
  });
  Soc2Error.throwIf(scope, 'INVALID_HOST', hostProblems);

  const other: PropProblem[] = [];
  const root = props.rootNamespace === undefined ? undefined : checkDnsLabel('rootNamespace', props.rootNamespace)
    ?? meshRootProblem(scope, 'rootNamespace', props.rootNamespace, followers(scope, props.rootNamespace));
  if (root) other.push(root);
  if (typeof provider !== 'string' || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(provider)) {
    other.push({ prop: 'accessLogProvider', value: provider, problem: 'must name an access-log provider of the mesh configuration',
      fix: 'use \'envoy\' (built in) or the name of an extensionProvider' });
  }
  if (props.allowNothing !== undefined && typeof props.allowNothing !== 'boolean') {
    other.push({ prop: 'allowNothing', value: props.allowNothing, problem: 'must be true or false', fix: 'pass a boolean' });
  }
  Soc2Error.throwIf(scope, 'INVALID_PROP', other);
}

/** What points at the app's root namespace besides the MeshMtls: the SensitiveNamespaces created so far. */
function followers(scope: Construct, rootNamespace: string): string {
  const paths = meshNamespaces(scope).map(ns => ns.node.path);
  const setting = appConfig(scope).meshRootNamespace;
  const who = paths.length === 0 ? 'every SensitiveNamespace of the app looks for istiod there (its allow-dns NetworkPolicy and Sidecar egress)'
    : `SensitiveNamespace${paths.length === 1 ? '' : 's'} ${namePaths(paths)} (meshRootNamespace "${setting}") look${paths.length === 1 ? 's' : ''} for istiod there (allow-dns NetworkPolicy and Sidecar egress)`;
  return `${who}, while this mesh would put its mesh-wide policies in "${rootNamespace}"`;
}

/**
 * A problem with a migration window that ends more than {@link MAX_MIGRATION_WINDOW_DAYS} days
 * after the app's `today`, or more than its `maxSuppressionDays` when that is shorter.
 */
function checkWindowLength(expires: string, config: ResolvedComplianceConfig): PropProblem | undefined {
  // The app's limit, when shorter, is the one to name: a date within the 180 days would still be refused.
  if (config.maxSuppressionDays !== undefined && config.maxSuppressionDays < MAX_MIGRATION_WINDOW_DAYS) return reviewLimitProblem('migrationWindow.expires', expires, config);
  const latest = addDays(config.today, MAX_MIGRATION_WINDOW_DAYS);
  if (expires <= latest) return undefined;
  return {
    prop: 'migrationWindow.expires', value: expires,
    problem: `is more than ${MAX_MIGRATION_WINDOW_DAYS} days away (the latest accepted today is ${latest}): PERMISSIVE accepts plaintext, so it may only be a short, dated migration window`,
    fix: `end the window by ${latest}; if the migration needs longer, renew it then with a new date and the reason it is still open`,
  };
}

/** The reason of each port of each external host, hosts in the order first listed. */
function portsByHost(hosts: readonly ExternalHost[]): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const h of hosts) {
    let ports = out.get(h.host);
    if (!ports) out.set(h.host, ports = new Map());
    ports.set(h.port ?? 443, h.reason.trim());
  }
  return out;
}

/** The reason of a host: the one given, or `port: reason` per line when its ports were allowed for different reasons. */
function hostReason(numbers: readonly number[], reasons: ReadonlyMap<number, string>): string {
  const distinct = new Set(reasons.values());
  if (distinct.size === 1) return distinct.values().next().value as string;
  return numbers.map(n => `${n}: ${reasons.get(n)}`).join('\n');
}

