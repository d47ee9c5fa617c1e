/** Kubescape C-0264 "PersistentVolume without encryption" (SOC2). */
import { Finding, K8sObject, ofKind } from '../shared';
import { ksFinding } from './report';

/** rules/pv-without-encryption is_storage_class_encrypted: `encrypted: "true"` (AWS), or an Azure or GKE CSI provisioner. */
function encrypted(sc: K8sObject): boolean {
  const provisioner = sc.provisioner;
  return sc.parameters?.encrypted === 'true'
    || (typeof provisioner === 'string' && (provisioner.includes('azure') || provisioner.includes('csi.storage.gke.io')));
}

/**
 * rules/pv-without-encryption (C-0264): a PersistentVolume whose `storageClassName` names a
 * StorageClass of the manifest set that is not encrypted. A volume whose class is not in the set
 * is not evaluated.
 */
export function ksStorageChecks(objects: K8sObject[]): Finding[] {
  const classes = ofKind(objects, 'StorageClass');
  return ofKind(objects, 'PersistentVolume')
    .filter(pv => classes.some(sc => sc.metadata?.name === pv.spec?.storageClassName && !encrypted(sc)))
    .map(pv => ksFinding('C-0264', pv, `Volume '${pv.metadata?.name}' has is using a storage class that does not use encryption`));
}
