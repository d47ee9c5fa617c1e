import { Construct } from 'constructs';
import { NANO, parseQuantity } from '../../src/compliance/common/quantity';
import { propError } from '../errors';

/** The quota a namespace gets for what its props leave unset (grown to hold its workloads). */
const DEFAULT_QUOTA = { cpu: '8', memory: '16Gi', pods: 100 } as const;

/** CPU and memory limits of a container. */
export interface PodLimits {
  readonly cpu: string;
  readonly memory: string;
}

type Resource = 'cpu' | 'memory' | 'pods';

/** How a workload is booked against its namespace's quota. */
export interface BookingOptions {
  /** The prop that sets the pod count, named in errors (`replicas`, `autoscaling.maxReplicas`). */
  readonly replicasProp: string;
  /** Whether the workload rolls out with one extra pod (a Deployment's surge). */
  readonly surge: boolean;
}

/** The limits of an ACME HTTP-01 solver pod (cert-manager's defaults), which runs outside the mesh. */
export const ACME_SOLVER_LIMITS: PodLimits = { cpu: '100m', memory: '64Mi' };

/**
 * What the workloads of a namespace need from its ResourceQuota if all of them roll out at once
 * (each Deployment of several replicas with one surge pod), and the quota that holds them. A quota the props set is a ceiling:
 * a workload that would not fit is refused. A quota they leave unset is the default, grown to what
 * the workloads need.
 */
export class NamespaceCapacity {
  /** Booked: pods, and CPU and memory limits in nano-units. */
  private readonly booked: Record<Resource, bigint> = { cpu: 0n, memory: 0n, pods: 0n };

  /** Booked: the storage the stateful workloads claim, in nano-units. */
  private bookedStorage = 0n;

  public constructor(private readonly namespace: string,
    private readonly given: { readonly cpu?: string; readonly memory?: string; readonly pods?: number; readonly storage?: string }) {}

  /**
   * Books the claims of a stateful workload (one of `size` per replica, at most); throws on
   * `scope` when a storage quota the props set cannot hold them.
   */
  public bookStorage(scope: Construct, claims: number, size: string, replicasProp: string): void {
    const need = this.bookedStorage + BigInt(claims) * nano(size);
    const given = this.given.storage;
    if (given !== undefined && need > nano(given)) {
      const shown = format(need, 'memory');
      throw propError(scope, 'INVALID_PROP', 'storage.size', size,
        `with one claim per replica (${claims}), the stateful workloads of namespace "${this.namespace}" would claim ${shown}, above its quota.storage of ${given}`,
        `raise quota.storage of namespace "${this.namespace}" to at least ${shown}, or omit it to size the quota to the claims, or lower storage.size or ${replicasProp}`);
    }
    this.bookedStorage = need;
  }

  /** The quota on claimed storage: the one the props set, else what the claims need; none without either. */
  public storageHard(): string | undefined {
    if (this.given.storage !== undefined) return String(this.given.storage);
    return this.bookedStorage > 0n ? format(this.bookedStorage, 'memory') : undefined;
  }

  /**
   * Books a workload of `replicas` pods (at most, when an autoscaler decides), plus a surge pod
   * when it rolls out with one, each with its container's and its sidecar's limits; throws on
   * `scope` when a quota the props set cannot hold it.
   */
  public book(scope: Construct, replicas: number, limits: PodLimits, sidecar: PodLimits, options: BookingOptions): void {
    const pods = BigInt(replicas + (options.surge ? 1 : 0));
    const need: Record<Resource, bigint> = {
      pods: this.booked.pods + pods,
      cpu: this.booked.cpu + pods * (nano(limits.cpu) + nano(sidecar.cpu)),
      memory: this.booked.memory + pods * (nano(limits.memory) + nano(sidecar.memory)),
    };
    const prop = options.replicasProp;
    for (const r of ['pods', 'cpu', 'memory'] as const) {
      const given = this.given[r];
      if (given === undefined || need[r] <= nano(String(given), r)) continue;
      const shown = format(need[r], r);
      throw propError(scope, 'INVALID_PROP', r === 'pods' ? prop : `resources.limits.${r}`, r === 'pods' ? replicas : limits[r],
        `with each pod's sidecar and one surge pod per Deployment of several replicas, the workloads of namespace "${this.namespace}" would need ${shown} ${LABEL[r]} during a rollout, above its quota.${r} of ${given}`,
        `raise quota.${r} of namespace "${this.namespace}" to at least ${shown}, or omit it to size the quota to the workloads, or lower ${r === 'pods' ? prop : `${prop}, resources.limits.${r} or resources.sidecar.limits.${r}`}`);
    }
    this.booked.pods = need.pods;
    this.booked.cpu = need.cpu;
    this.booked.memory = need.memory;
  }

  /**
   * Books the ACME HTTP-01 solver pods cert-manager starts while it proves the `hosts` of an
   * ingress (one per host, at once); throws on `scope`, naming the `issuer` (`Kind/name`), when a
   * quota the props set cannot hold them beside the workloads.
   */
  public bookAcmeSolvers(scope: Construct, hosts: number, issuer: string): void {
    const pods = BigInt(hosts);
    const need: Record<Resource, bigint> = {
      pods: this.booked.pods + pods,
      cpu: this.booked.cpu + pods * nano(ACME_SOLVER_LIMITS.cpu),
      memory: this.booked.memory + pods * nano(ACME_SOLVER_LIMITS.memory),
    };
    for (const r of ['pods', 'cpu', 'memory'] as const) {
      const given = this.given[r];
      if (given === undefined || need[r] <= nano(String(given), r)) continue;
      const shown = format(need[r], r);
      throw propError(scope, 'INVALID_PROP', 'issuer', issuer,
        `solves ACME HTTP-01: with one solver pod per host (${ACME_SOLVER_LIMITS.cpu} CPU, ${ACME_SOLVER_LIMITS.memory} of memory each) beside the workloads, namespace "${this.namespace}" would need ${shown} ${LABEL[r]} while certificates are issued, above its quota.${r} of ${given}`,
        `raise quota.${r} of namespace "${this.namespace}" to at least ${shown}, or omit it to size the quota, or use a DNS-01 issuer, whose challenges need no pod`);
    }
    this.booked.pods = need.pods;
    this.booked.cpu = need.cpu;
    this.booked.memory = need.memory;
  }

  /** The quota's value for `r`: the one the props set, else the default grown to the booked need. */
  public hard(r: Resource): string {
    const given = this.given[r];
    if (given !== undefined) return String(given);
    const fallback = nano(String(DEFAULT_QUOTA[r]), r);
    return this.booked[r] > fallback ? format(this.booked[r], r) : String(DEFAULT_QUOTA[r]);
  }
}

const LABEL: Record<Resource, string> = { cpu: 'CPU of limits', memory: 'of memory limits', pods: 'pods' };
const MI = 1024n * 1024n;

/** A quantity in nano-units; a pod count as a count. */
function nano(quantity: string, r: Resource = 'cpu'): bigint {
  if (r === 'pods') return BigInt(quantity);
  return parseQuantity(quantity) ?? 0n;
}

/** `9` or `8500m` CPUs, `18Gi` or `17664Mi` of memory (rounded up to a MiB), a pod count. */
function format(value: bigint, r: Resource): string {
  if (r === 'pods') return String(value);
  if (r === 'cpu') {
    const milli = (value + 999_999n) / 1_000_000n;
    return milli % 1000n === 0n ? String(milli / 1000n) : `${milli}m`;
  }
  const mib = (value / NANO + MI - 1n) / MI;
  return mib % 1024n === 0n ? `${mib / 1024n}Gi` : `${mib}Mi`;
}
