import { Control } from '../../types';
import { namespaceClassification } from './namespace-classification';
import { namespacePodSecurityRestricted } from './namespace-pod-security-restricted';
import { namespaceResourceQuota } from './namespace-resource-quota';

/** The namespace controls, in catalogue order. */
export const NAMESPACE_CONTROLS: readonly Control[] = [
  namespacePodSecurityRestricted,
  namespaceClassification,
  namespaceResourceQuota,
];
