import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';

/** API group of StorageClass. */
const STORAGE_GROUP = 'storage.k8s.io';

/**
 * Provisioners whose StorageClass parameters can turn encryption at rest off, each with the
 * parameter and the one value that encrypts. Amazon EBS (the CSI driver, EKS Auto Mode's driver,
 * and the in-tree plugin, which CSI migration hands to the CSI driver) encrypts a volume only
 * when `encrypted` is exactly "true"; its keys are matched without regard to case. Drivers that
 * always encrypt (GCE PD, Azure Disk and Azure Files) have no such parameter, and the volume
 * encryption of Ceph RBD (`encrypted`) sits above Ceph's own encryption at rest, which its
 * parameter does not decide: they are not evaluated.
 */
const EBS = { parameter: 'encrypted', encrypts: 'true', driver: 'Amazon EBS' } as const;
const PROVISIONERS: ReadonlyMap<string, typeof EBS> = new Map([
  ['ebs.csi.aws.com', EBS],
  ['ebs.csi.eks.amazonaws.com', EBS],
  ['kubernetes.io/aws-ebs', EBS],
]);

/**
 * The key of `parameters` that is `name` when compared without regard to case, if any. Of several
 * (`encrypted` and `Encrypted`), the first whose value is not `encrypts`: the driver reads them in
 * map order, so any one of them may decide.
 */
function parameterKey(parameters: Record<string, unknown>, name: string, encrypts: string): string | undefined {
  const keys = Object.keys(parameters).filter(k => k.toLowerCase() === name);
  return keys.find(k => parameters[k] !== encrypts) ?? keys[0];
}

function checkStorageClass(o: IndexedObject): CheckResult | undefined {
  const raw = o.raw as any;
  const rule = typeof raw.provisioner === 'string' ? PROVISIONERS.get(raw.provisioner.trim()) : undefined;
  if (!rule) return undefined;
  const parameters = raw.parameters !== null && typeof raw.parameters === 'object' && !Array.isArray(raw.parameters) ? raw.parameters : {};
  const key = parameterKey(parameters, rule.parameter, rule.encrypts);
  if (key === undefined) return pass(o, `parameters.${rule.parameter} is not set: encryption is left to the account's EBS encryption by default`);
  const value: unknown = parameters[key];
  if (value === rule.encrypts) return pass(o, `parameters.${key} is "${rule.encrypts}"`);
  if (typeof value !== 'string') {
    return fail(o, `parameters.${key} is ${JSON.stringify(value) ?? String(value)}, not a string, which the API server refuses (StorageClass parameters are strings): write "${rule.encrypts}"`, `parameters.${key}`);
  }
  const shown = JSON.stringify(value);
  return fail(o, `parameters.${key} is ${shown}, so ${rule.driver} volumes of provisioner ${raw.provisioner} are created unencrypted unless the account encrypts new volumes by default: `
    + `set it to "${rule.encrypts}", or remove it`, `parameters.${key}`);
}

/**
 * No StorageClass turns encryption at rest off: a StorageClass of an Amazon EBS provisioner does
 * not set `encrypted` to anything but "true". StorageClasses of other provisioners are not
 * evaluated.
 */
export const storageEncrypted = defineControl({
  id: 'storage-encrypted',
  title: 'StorageClasses do not turn encryption at rest off',
  condition: 'Every StorageClass of an Amazon EBS provisioner (ebs.csi.aws.com, ebs.csi.eks.amazonaws.com, kubernetes.io/aws-ebs) leaves parameters.encrypted unset '
    + 'or sets it to exactly "true" (the key in any case). StorageClasses of other provisioners are not evaluated: GCE PD, Azure Disk and Azure Files always encrypt, '
    + 'and no parameter of theirs turns it off.',
  severity: 'medium',
  criteria: ['C1.1', 'CC6.1'],
  references: {
    kubescape: ['C-0264'],
  },
  remediation: 'Set parameters.encrypted: "true" (a quoted string; StorageClass parameters are strings), optionally with kmsKeyId naming your KMS key, '
    + 'and move the claims to the new class: a StorageClass cannot be changed in place, and volumes keep the encryption they were created with.',
  example: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: { name: gp3-encrypted }\nprovisioner: ebs.csi.aws.com\n'
    + 'volumeBindingMode: WaitForFirstConsumer\nparameters:\n  type: gp3\n  encrypted: "true"',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const o of ctx.index.ofKind('StorageClass', STORAGE_GROUP)) {
      const r = checkStorageClass(o);
      if (r) out.push(r);
    }
    return out;
  },
});
