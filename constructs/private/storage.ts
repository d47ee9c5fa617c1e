import { parseQuantity } from '../../src/compliance/common/quantity';
import type { WorkloadStorage } from '../compliant-workload';
import { PropProblem } from '../errors';
import { checkMountPath, pathsOverlap } from './paths';
import { STORAGE_VOLUME, volumeName } from './pod-spec';
import { checkDnsLabel, unknownKeys } from './validate';

/** The persistent storage of a workload with defaults applied, validated. */
export interface NormalisedStorage {
  readonly mountPath: string;
  readonly size: string;
  readonly storageClassName?: string;
}

/** Quantities are parsed in nano-units. */
const NANO_PER_BYTE = 1_000_000_000n;
/** The API stores quantities up to 2^63 - 1 and caps larger ones silently. */
const MAX_BYTES = 2n ** 63n - 1n;
const STORAGE_PROPS: readonly string[] = ['mountPath', 'size', 'storageClassName'];

/**
 * Validates `storage` against the workload's writable paths: a mount directory apart from
 * every emptyDir, a positive size, a StorageClass name.
 */
export function checkStorage(s: WorkloadStorage | undefined, writablePaths: readonly string[], found: PropProblem[]): NormalisedStorage | undefined {
  if (s === undefined) return undefined;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) {
    found.push({ prop: 'storage', value: s, problem: 'must be an object', fix: 'e.g. storage: { mountPath: "/var/lib/app", size: "10Gi" }' });
    return undefined;
  }
  found.push(...unknownKeys('storage', s, STORAGE_PROPS));
  const path = checkMountPath('storage.mountPath', s.mountPath);
  if (path) found.push(path);
  writablePaths.forEach((w, i) => {
    if (typeof w !== 'string') return;
    if (!path && pathsOverlap(w, s.mountPath)) {
      found.push({ prop: `writablePaths[${i}]`, value: w, problem: `overlaps storage.mountPath ${s.mountPath}: the same directory would be both scratch space and persistent`,
        fix: 'list only scratch directories in writablePaths, outside the persistent volume' });
    } else if (volumeName(w) === STORAGE_VOLUME) {
      found.push({ prop: `writablePaths[${i}]`, value: w, problem: `gives the volume name "${STORAGE_VOLUME}", which the persistent storage uses`,
        fix: 'choose another directory for scratch space, or keep the data under storage.mountPath' });
    }
  });
  const size = parseQuantity(typeof s.size === 'string' ? s.size : undefined);
  if (typeof s.size !== 'string' || s.size !== s.size.trim() || size === undefined || size < NANO_PER_BYTE || size % NANO_PER_BYTE !== 0n || size > MAX_BYTES * NANO_PER_BYTE) {
    found.push({ prop: 'storage.size', value: s.size, problem: 'must be a Kubernetes quantity of whole bytes, from 1 byte to 8Ei (the largest size the API stores exactly)', fix: 'e.g. "10Gi"' });
  }
  // '' is Kubernetes' "no class": the claims bind only to PersistentVolumes provisioned without one.
  if (s.storageClassName !== undefined && s.storageClassName !== '') {
    const problem = checkDnsLabel('storage.storageClassName', s.storageClassName, { maxLength: 253 });
    if (problem) found.push(problem);
  }
  return { mountPath: s.mountPath, size: s.size, storageClassName: s.storageClassName };
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
