import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { API_SERVER_EGRESS_REASON, EGRESS_REASONS_ANNOTATION, formatEgressReason } from '../src/compliance/network/model';
import type { AllowFromOptions, EgressOptions } from './compliant-workload-options';
import type { AppProtocol, CompliantWorkloadProps } from './compliant-workload-props';
import { propError, PropProblem, Soc2Error } from './errors';
import { ExternalPeer } from './peer';
import { allowedPort } from './private/allow-from';
import { emit } from './private/api';
import { autoscalerSpec } from './private/autoscaling';
import { canonicalCidr, normalCidr } from './private/cidr';
import { DNS_EGRESS } from './private/dns';
import { checkEgressPeer } from './private/egress-peer';
import { enforceCompliance } from './private/enforce';
import { meshShadowProblem, registerExternal } from './private/external-hosts';
import { checkGrant } from './private/grant-rules';
import { buildPodSpec } from './private/pod-spec';
import { ensurePriorityClass, PRIORITY_CLASS } from './private/priority-class';
import { ISSUER_SECRETS, secretClaims, secretKey, WORKLOAD_SECRETS } from './private/secret-claims';
import { sidecarResourceAnnotations } from './private/sidecar';
import { IngressRules, EgressRules } from './private/traffic-rules';
import { describeConstruct, KeyShape, optionsOf } from './private/validate';
import { VERSION_LABEL } from './private/workload-labels';
import { headlessPorts, roleRules, servicePortsOf, workloadAnnotations, workloadSpec } from './private/workload-manifests';
import { checkMonitoringNamespace, normaliseWorkloadProps } from './private/workload-props';
import type { ResourceAmounts } from './private/workload-resources';
import { PolicyRule } from './rule';
import { SensitiveNamespace } from './sensitive-namespace';

/** The NetworkPolicy annotation listing why each external destination is allowed (the engine's `EGRESS_REASONS_ANNOTATION`). */
export const EGRESS_REASONS = EGRESS_REASONS_ANNOTATION;

/** The Sidecar host of the API server's `kubernetes` Service, which a workload granted API rights must reach. */
const KUBERNETES_API_HOST = 'default/kubernetes.default.svc.cluster.local';
const DEFAULT_REQUESTS: ResourceAmounts = { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi' };
const DEFAULT_LIMITS: ResourceAmounts = { cpu: '500m', memory: '256Mi', ephemeralStorage: '256Mi' };

const ALLOW_FROM_OPTIONS = { port: false } as const satisfies KeyShape<AllowFromOptions>;

/**
 * A service that handles customer data. It emits a ServiceAccount, a hardened Deployment (a
 * StatefulSet with a headless Service when it keeps data in `storage`), a ClusterIP Service, a
 * PodDisruptionBudget, a HorizontalPodAutoscaler when `autoscaling` is set, a NetworkPolicy
 * admitting only named peers and reaching only named destinations, and, once peers are named, an
 * Istio AuthorizationPolicy allowing their SPIFFE principals; a Role and RoleBinding only from
 * explicit grants.
 */
export class CompliantWorkload extends Construct {
  /** Whether `x` is a CompliantWorkload. */
  public static isCompliantWorkload(x: unknown): x is CompliantWorkload {
    return x instanceof CompliantWorkload;
  }

  /** The workload name: of the Deployment, Service, ServiceAccount and policies. */
  public readonly name: string;
  /** The namespace the workload runs in. */
  public readonly namespace: SensitiveNamespace;
  /** The port the Service exposes; `undefined` for a worker, which serves nothing. */
  public readonly port: number | undefined;
  /** The metrics port, when declared. */
  public readonly metricsPort?: number;
  /** The application protocol of `port`. */
  public readonly protocol: AppProtocol;
  /** Labels that select the workload's pods. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** The ServiceAccount name. */
  public readonly serviceAccountName: string;
  /** The `labels` prop, in key order, without `app.kubernetes.io/version`: on every object the workload emits. */
  private readonly extraLabels: Readonly<Record<string, string>>;
  /** The workload's mesh identity: `cluster.local/ns/<namespace>/sa/<serviceAccount>`. */
  public readonly principal: string;
  /** The in-cluster DNS name of the Service. */
  public readonly host: string;
  /** The Deployment (a StatefulSet with `storage`). */
  public readonly resource: ApiObject;
  /** The name of the headless Service of a workload with `storage`. */
  private readonly headlessService?: string;
  /** Ports on which the replicas of a workload with `storage` reach each other, beside its own. */
  private readonly peerPorts = new Set<number>();
  private readonly ingress = new IngressRules();
  private readonly egress = new EgressRules(DNS_EGRESS);
  /** The external destinations allowed so far, by canonical range, protocol and port. */
  private readonly external = new Map<string, { readonly host?: string; readonly reason: string }>();
  private readonly grants: PolicyRule[] = [];
  private readonly networkPolicy: ApiObject;
  private authorization?: ApiObject;

  public constructor(scope: Construct, id: string, props: CompliantWorkloadProps) {
    super(scope, id);
    const p = normaliseWorkloadProps(this, id, props, DEFAULT_REQUESTS, DEFAULT_LIMITS);
    enforceCompliance(this);
    this.name = p.name;
    this.namespace = p.namespace;
    checkMonitoringNamespace(this, p, props.monitoringNamespace);
    this.claimSecrets(p.secretFiles);
    this.port = p.port;
    this.protocol = p.appProtocol as AppProtocol;
    this.metricsPort = p.metricsPort;
    this.serviceAccountName = p.name;
    this.principal = `cluster.local/ns/${this.namespace.name}/sa/${this.serviceAccountName}`;
    this.host = `${p.name}.${this.namespace.name}.svc.cluster.local`;
    this.namespace._reserveName(this, p.nameProp, p.name);
    // The most pods the workload runs, and the prop that sets it, for the quota.
    const peakReplicas = p.autoscaling?.maxReplicas ?? p.replicas;
    const replicasProp = p.autoscaling ? 'autoscaling.maxReplicas' : 'replicas';
    if (p.storage) {
      this.namespace._bookStorage(this, peakReplicas, p.storage.size, replicasProp);
      this.headlessService = `${p.name}-headless`;
      this.namespace._reserveName(this, 'storage', this.headlessService, `the headless Service of workload "${p.name}"`);
    }
    this.namespace._book(this, peakReplicas, { cpu: p.limits.cpu, memory: p.limits.memory }, p.sidecar.limits, {
      replicasProp,
      // A Deployment rolls out with one surge pod; a StatefulSet, or a single replica, replaces its pods in place.
      surge: !p.storage && !p.singleReplica,
    });
    this.selectorLabels = { 'app.kubernetes.io/name': p.name, 'app.kubernetes.io/instance': p.name };
    const labels: Record<string, string> = { ...this.selectorLabels, 'app.kubernetes.io/part-of': p.partOf, ...p.labels };
    // The version changes with every release: only the workload and its pods carry it, so an
    // image bump changes one object of the reviewed diff, not every object the workload emits.
    const workloadLabels = p.version === undefined ? labels : { ...labels, [VERSION_LABEL]: p.version };
    this.extraLabels = p.labels;
    const meta = (annotations?: Record<string, string>) => ({ name: p.name, namespace: this.namespace.name, labels, annotations });

    // The library's own class is emitted once per app whenever a workload uses it, named or by default.
    if (p.priorityClassName === PRIORITY_CLASS) ensurePriorityClass(this);
    emit(this, 'ServiceAccount', 'v1', 'ServiceAccount', meta(), { automountServiceAccountToken: false });
    const annotations = workloadAnnotations(p);
    const kind = p.storage ? 'StatefulSet' : 'Deployment';
    const headless = this.headlessService;
    const template = {
      metadata: { labels: { ...workloadLabels }, annotations: sidecarResourceAnnotations(p.sidecar) },
      // Rendered at synth: grants and the replicas' own ports (allowFrom) may come after construction.
      spec: Lazy.any({
        produce: () => buildPodSpec({
          ...p, selector: this.selectorLabels, serviceAccountName: this.serviceAccountName, apiAccess: this.grants.length > 0, peerPorts: [...this.peerPorts],
        }),
      }),
    };
    this.resource = emit(this, 'Resource', 'apps/v1', kind, { ...meta(annotations), labels: workloadLabels }, {
      spec: workloadSpec(p, this.selectorLabels, template, headless),
    });
    const servicePorts = servicePortsOf(p);
    // A worker without ports has no Service: nothing calls it.
    if (servicePorts.length > 0) emit(this, 'Service', 'v1', 'Service', meta(), { spec: { type: 'ClusterIP', selector: { ...this.selectorLabels }, ports: servicePorts } });
    if (headless !== undefined) {
      // The StatefulSet's governing Service: stable DNS names for its pods (<pod>.<name>-headless),
      // published before they are ready so that replicas find each other while a cluster forms.
      emit(this, 'HeadlessService', 'v1', 'Service', { ...meta(), name: headless }, {
        // The serving port and the ports the replicas reach each other on (allowFrom itself); the
        // metrics port only when they do, declared as on the Service (one protocol per pod port for
        // Istio). Otherwise not: a scraper selecting Services by label would read each pod twice.
        spec: {
          type: 'ClusterIP', clusterIP: 'None', publishNotReadyAddresses: true, selector: { ...this.selectorLabels },
          ports: Lazy.any({
            produce: () => headlessPorts(servicePorts, this.peerPorts),
          }),
        },
      });
    }
    if (p.autoscaling) {
      emit(this, 'Autoscaler', 'autoscaling/v2', 'HorizontalPodAutoscaler', meta(), { spec: autoscalerSpec(kind, p.name, p.name, p.autoscaling) });
    }
    emit(this, 'DisruptionBudget', 'policy/v1', 'PodDisruptionBudget', meta(), {
      spec: { maxUnavailable: 1, selector: { matchLabels: { ...this.selectorLabels } } },
    });
    this.networkPolicy = emit(this, 'NetworkPolicy', 'networking.k8s.io/v1', 'NetworkPolicy', meta(), {
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': p.name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: Lazy.any({ produce: () => this.ingress.networkPolicyRules(this.port) }),
        egress: Lazy.any({ produce: () => this.egress.networkPolicyRules() }),
      },
    });
    if (p.metricsPort !== undefined) {
      this.admit(`monitoring:${p.monitoringNamespace}`, {
        port: p.metricsPort,
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.monitoringNamespace } } }],
        source: { namespaces: [p.monitoringNamespace] },
      });
    }
  }

  /**
   * Records the Secrets the workload reads, and refuses one that a CertManagedIngress of the app
   * writes its certificate into (cert-manager would replace the credentials with the certificate),
   * or that a namespaced Issuer of the app holds its credentials in (a CA key pair, an ACME
   * account key, DNS provider credentials): only cert-manager reads those (SOC 2 CC6.1).
   */
  private claimSecrets(secretFiles: Readonly<Record<string, { readonly secret: string }>>): void {
    const claims = secretClaims(this);
    const found: PropProblem[] = [];
    for (const [file, ref] of Object.entries(secretFiles)) {
      const key = secretKey(this.namespace.name, ref.secret);
      const holder = claims.get(key);
      const prop = `secretFiles.${file}.secret`;
      if (holder === undefined) claims.set(key, `${WORKLOAD_SECRETS}${this.node.path}`);
      else if (holder.startsWith(ISSUER_SECRETS)) {
        found.push({ prop, value: ref.secret, problem: `is one of ${holder}: a workload that mounts it could issue certificates for the namespace's hosts, or change their DNS records`,
          fix: 'keep the workload\'s credentials in a Secret of their own; only cert-manager reads an issuer\'s Secrets' });
      } else if (!holder.startsWith(WORKLOAD_SECRETS)) {
        found.push({ prop, value: ref.secret, problem: `is the Secret that ${holder} has cert-manager write its certificate into`,
          fix: 'keep the credentials in a Secret of their own' });
      }
    }
    Soc2Error.throwIf(this, 'DUPLICATE_NAME', found);
  }

  /**
   * Lets `peer` call this workload on `options.port` (default: the workload's port): an ingress
   * rule here, an egress rule on the peer, and the peer's SPIFFE principal in this workload's
   * AuthorizationPolicy. Repeated calls are idempotent. `w.allowFrom(w)` lets the replicas of a
   * workload reach each other (replication, clustering).
   */
  public allowFrom(peer: CompliantWorkload, options?: AllowFromOptions): void {
    options = optionsOf(this, 'INVALID_PROP', 'allowFrom(options)', options, '{ port: 9090 }', ALLOW_FROM_OPTIONS);
    if (peer === undefined || peer === null) {
      throw propError(this, 'INVALID_PEER', 'allowFrom(peer)', peer, 'is missing: it names the workload allowed to call this one',
        'pass the CompliantWorkload that calls this one: callee.allowFrom(caller)');
    }
    if (!CompliantWorkload.isCompliantWorkload(peer)) {
      throw propError(this, 'INVALID_PEER', 'allowFrom(peer)', describeConstruct(peer), 'is not a CompliantWorkload, so its pods are not hardened or isolated',
        'wire only CompliantWorkloads; expose other callers through CertManagedIngress');
    }
    // The replicas of a stateful workload may reach each other on ports of their own (a cluster's
    // peer port), declared on the headless Service so that the mesh routes them.
    const replicaPort = peer === this && this.headlessService !== undefined;
    const port = allowedPort(this, options.port, peer === this, replicaPort);
    if (replicaPort && port !== this.port) this.peerPorts.add(port);
    if (peer.node.root !== this.node.root) {
      throw propError(this, 'INVALID_PEER', 'allowFrom(peer)', peer.node.path,
        'belongs to another app: its half of the wiring (egress and mesh routing) would be written into manifests this app does not check or deploy',
        'wire workloads of the same app; across apps, expose the callee through a CertManagedIngress in its own app and call it by its host');
    }
    this.admit(`workload:${peer.node.path}:${port}`, {
      port,
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace.name } },
        podSelector: { matchLabels: { ...peer.selectorLabels } },
      }],
      source: { principals: [peer.principal] },
    });
    peer.egress.add(`workload:${this.node.path}:${port}`, {
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': this.namespace.name } },
        podSelector: { matchLabels: { ...this.selectorLabels } },
      }],
      port,
      protocol: 'TCP',
    });
    if (peer.namespace !== this.namespace) {
      peer.namespace._addSidecarHost(`${this.namespace.name}/${this.host}`);
      // Clients of a StatefulSet also call its pods by name (<pod>.<name>-headless).
      if (this.headlessService !== undefined) peer.namespace._addSidecarHost(`${this.namespace.name}/${this.podsHost}`);
    }
  }

  /**
   * With `storage`, the domain under which each replica answers by name:
   * `<name>-<ordinal>.<podsHost>` (the headless Service). Throws for a workload without storage,
   * whose replicas have no stable names (call its Service, `host`).
   */
  public get podsHost(): string {
    if (this.headlessService === undefined) {
      throw propError(this, 'INVALID_PROP', 'podsHost', this.name, 'is read on a workload without storage, whose replicas have no stable names',
        'call the workload through its Service (host), or give it storage');
    }
    return `${this.headlessService}.${this.namespace.name}.svc.cluster.local`;
  }

  /**
   * Lets this workload reach an address outside the cluster; the reason is required and written
   * into the NetworkPolicy and the mesh ServiceEntry. Open ranges (0.0.0.0/0) are refused, and
   * so are ranges of the pod's own addresses (loopback 127.0.0.0/8 and ::1, 0.0.0.0/8 and ::, in any spelling), whose traffic never leaves the pod.
   * A `peer.host` the app's MeshMtls serves mesh-wide (`externalHosts`) gets no ServiceEntry of the
   * namespace, which would shadow the mesh-wide one for every workload there (Istio prefers a
   * proxy's own namespace's entry for a host); on a port the mesh-wide entry does not serve it is
   * refused (`INVALID_PEER`): add the port to `externalHosts`, or omit `host`.
   * To call another workload, use `other.allowFrom(this)`.
   */
  public allowEgressTo(peer: ExternalPeer, options: EgressOptions): void {
    checkEgressPeer(this, peer, options);
    // One spelling per range in every object, whichever spelling each call used.
    const cidr = normalCidr(peer.cidr)!;
    const key = `${canonicalCidr(cidr)}:${peer.protocol}/${peer.port}`;
    const reason = options.reason.trim();
    const earlier = this.external.get(key);
    if (earlier !== undefined) {
      if (earlier.host === peer.host && earlier.reason === reason) return;
      throw propError(this, 'INVALID_PEER', 'allowEgressTo(peer)', `${peer.cidr} ${peer.protocol}/${peer.port}`,
        `is already allowed${earlier.host === undefined ? '' : ` for host "${earlier.host}"`} with the reason "${earlier.reason}"; a second call with another host or reason would not be recorded`,
        'allow each range and port once, with one reason that covers every host behind it');
    }
    // A host the mesh serves to every namespace must not get a ServiceEntry of this namespace, which would shadow it.
    const shadow = peer.host === undefined ? undefined : meshShadowProblem(this, this.namespace, peer.host, peer.port, cidr);
    if (shadow) throw new Soc2Error(this, 'INVALID_PEER', [shadow]);
    this.external.set(key, { host: peer.host, reason });
    this.egress.add(`external:${key}`, { to: [{ ipBlock: { cidr } }], port: peer.port, protocol: peer.protocol, reason: formatEgressReason({ destination: `${cidr} ${peer.protocol}/${peer.port}`, host: peer.host, reason }) });
    this.networkPolicy.metadata.addAnnotation(EGRESS_REASONS_ANNOTATION, this.egress.reasons());
    const suffix = key.replace(/[^0-9a-z]+/gi, '-').toLowerCase().replace(/-+$/, '');
    registerExternal(this.namespace, {
      // A name of our own under `.external`: Istio refuses a host whose last label is all digits, as a namespace name may be.
      host: peer.host ?? `${suffix}.${this.namespace.name}.external`,
      tls: peer.host !== undefined, cidr, port: peer.port, protocol: peer.protocol, workload: this.name, workloadPath: this.node.path, reason,
    });
  }

  /**
   * Grants the workload's ServiceAccount narrow rights in its namespace (a Role and RoleBinding),
   * mounts a short-lived token explicitly (a projected volume; automount stays off), and opens egress to the namespace's API server endpoint. Wildcards, secrets and
   * exec are refused, and so are changes to RBAC, network and mesh policy and to whatever runs pods
   * (reading those stays possible), and cluster-scoped resources, on which a Role gives no right.
   */
  public grant(...rules: PolicyRule[]): void {
    checkGrant(this, rules);
    const first = this.grants.length === 0;
    this.grants.push(...rules);
    if (!first) return;
    this.emitRole();
    const api = this.namespace.apiServer!;
    const apiCidr = normalCidr(api.cidr)!;
    this.egress.add('kubernetes-api', {
      to: [{ ipBlock: { cidr: apiCidr } }], port: api.port ?? 443, protocol: 'TCP',
      reason: formatEgressReason({ destination: `${apiCidr} TCP/${api.port ?? 443}`, reason: API_SERVER_EGRESS_REASON }),
    });
    this.networkPolicy.metadata.addAnnotation(EGRESS_REASONS_ANNOTATION, this.egress.reasons());
    // The namespace's Sidecar is REGISTRY_ONLY: without the `kubernetes` Service among its hosts,
    // the proxy would send the workload's API calls nowhere.
    this.namespace._addSidecarHost(KUBERNETES_API_HOST);
  }

  /** Emits the Role and RoleBinding of the grants, their rules read at synth. */
  private emitRole(): void {
    const meta = { name: this.name, namespace: this.namespace.name, labels: { ...this.selectorLabels, ...this.extraLabels } };
    emit(this, 'Role', 'rbac.authorization.k8s.io/v1', 'Role', meta, {
      rules: Lazy.any({ produce: () => roleRules(this.grants) }),
    });
    emit(this, 'RoleBinding', 'rbac.authorization.k8s.io/v1', 'RoleBinding', meta, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
      subjects: [{ kind: 'ServiceAccount', name: this.serviceAccountName, namespace: this.namespace.name }],
    });
  }

  /**
   * Admits traffic on a port from the given NetworkPolicy peers and Istio source; used by the
   * constructs that expose a workload (ingress, monitoring).
   * @internal
   */
  public _admit(key: string, rule: { port: number; from: Record<string, unknown>[]; source: Record<string, string[]> }): void {
    this.admit(key, rule);
  }

  private admit(key: string, rule: { port: number; from: Record<string, unknown>[]; source: Record<string, string[]> }): void {
    if (this.ingress.has(key)) return;
    this.ingress.add(key, rule);
    if (!this.authorization) {
      // The AuthorizationPolicy goes before the Role and RoleBinding whichever came first, so that
      // the order of the allowFrom and grant calls does not move documents in the manifests.
      const granted = this.grants.length > 0;
      if (granted) {
        this.node.tryRemoveChild('Role');
        this.node.tryRemoveChild('RoleBinding');
      }
      this.authorization = emit(this, 'Authorization', 'security.istio.io/v1', 'AuthorizationPolicy', {
        name: this.name, namespace: this.namespace.name, labels: { ...this.selectorLabels, ...this.extraLabels },
      }, {
        spec: {
          action: 'ALLOW',
          selector: { matchLabels: { ...this.selectorLabels } },
          rules: Lazy.any({ produce: () => this.ingress.authorizationRules() }),
        },
      });
      if (granted) this.emitRole();
    }
  }
}

