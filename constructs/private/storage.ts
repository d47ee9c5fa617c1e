import { NANO, parseQuantity } from '../../src/compliance/common/quantity';
import { PropProblem } from '../errors';
import type { WorkloadStorage } from '../workload-storage';
import { foreignByteUnitFix } from './byte-units';
import { checkMountPath, DEV_SHM, pathsOverlap, ReadOnlyDir } from './paths';
import { STORAGE_VOLUME } from './pod-volumes';
import { checkDnsLabel, KeyShape, settingsOf } from './validate';

/** The persistent storage of a workload with defaults applied, validated. */
export interface NormalisedStorage {
  readonly mountPath: string;
  readonly size: string;
  readonly storageClassName?: string;
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}

/** The API stores quantities up to 2^63 - 1 and caps larger ones silently. */
const MAX_BYTES = 2n ** 63n - 1n;
const STORAGE_PROPS = { mountPath: true, size: true, storageClassName: false, podManagementPolicy: false } as const satisfies KeyShape<WorkloadStorage>;
const POD_MANAGEMENT = ['OrderedReady', 'Parallel'];

/**
 * Validates `storage` against the workload's writable paths and the directories it mounts
 * read-only (`readOnly`): a mount directory apart from every emptyDir and read-only directory (and
 * not the shared memory of /dev/shm), a size in whole bytes the API stores, a StorageClass name.
 */
export function checkStorage(given: WorkloadStorage | undefined, writablePaths: readonly string[], writablePathsGiven: boolean,
  readOnly: readonly ReadOnlyDir[], found: PropProblem[]): NormalisedStorage | undefined {
  const s = settingsOf('storage', given, STORAGE_PROPS, '{ mountPath: "/var/lib/app", size: "10Gi" }', found);
  if (s === undefined) return undefined;
  let path = checkMountPath('storage.mountPath', s.mountPath, '"/var/lib/app"', readOnly);
  if (!path && (s.mountPath === DEV_SHM || s.mountPath.startsWith(`${DEV_SHM}/`))) {
    path = { prop: 'storage.mountPath', value: s.mountPath, problem: `is inside ${DEV_SHM}, the pod's shared memory`, fix: 'choose an application directory, e.g. "/var/lib/app"' };
  }
  if (path) found.push(path);
  writablePaths.forEach((w, i) => {
    if (typeof w !== 'string') return;
    if (!path && pathsOverlap(w, s.mountPath)) {
      found.push(writablePathsGiven
        ? { prop: `writablePaths[${i}]`, value: w, problem: `overlaps storage.mountPath ${s.mountPath}: the same directory would be both scratch space and persistent`,
          fix: 'list only scratch directories in writablePaths, outside the persistent volume' }
        : { prop: 'storage.mountPath', value: s.mountPath, problem: `overlaps ${w}, the scratch directory every workload gets when writablePaths is not given`,
          fix: 'mount the volume outside it, e.g. "/var/lib/app", or list the scratch directories in writablePaths' });
    }
  });
  const size = parseQuantity(typeof s.size === 'string' ? s.size : undefined);
  if (typeof s.size !== 'string' || s.size !== s.size.trim() || size === undefined || size < NANO || !isWholeBytes(size) || size > MAX_BYTES * NANO) {
    found.push({ prop: 'storage.size', value: s.size, problem: 'must be a Kubernetes quantity of whole bytes, from 1 byte to just below 8Ei (2^63 - 1 bytes, the largest size the API stores)', fix: foreignByteUnitFix(s.size) ?? 'e.g. "10Gi"' });
  }
  // '' is Kubernetes' "no class": the claims bind only to PersistentVolumes provisioned without one.
  if (s.storageClassName !== undefined && s.storageClassName !== '') {
    const problem = checkDnsLabel('storage.storageClassName', s.storageClassName, { maxLength: 253 });
    if (problem) found.push(problem);
  }
  if (s.podManagementPolicy !== undefined && !POD_MANAGEMENT.includes(s.podManagementPolicy)) {
    found.push({ prop: 'storage.podManagementPolicy', value: s.podManagementPolicy, problem: 'is not a pod management policy', fix: `use one of ${POD_MANAGEMENT.join(', ')}` });
  }
  return { mountPath: s.mountPath, size: s.size, storageClassName: s.storageClassName, podManagementPolicy: s.podManagementPolicy };
}

/**
 * Whether a quantity (in nano-units, as `parseQuantity` gives it) is a whole number of bytes: the
 * API server warns that a fractional byte value of memory, ephemeral storage or a volume is invalid.
 */
export function isWholeBytes(nano: bigint): boolean {
  return nano % NANO === 0n;
}

/** The StatefulSet's claim template: one ReadWriteOnce volume of `size` per replica. */
export function volumeClaimTemplate(s: NormalisedStorage, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    metadata: { name: STORAGE_VOLUME, labels: { ...labels } },
    spec: {
      accessModes: ['ReadWriteOnce'],
      ...(s.storageClassName !== undefined ? { storageClassName: s.storageClassName } : {}),
      resources: { requests: { storage: s.size } },
    },
  };
}
