/**
 * An independent mirror of Kubescape's (kubescape/regolibrary) manifest controls from the SOC2,
 * NSA and CIS frameworks (cis-v1.23-t1.0.1, and the section 5 controls cis-v1.10.0 and cis-v1.12.0
 * add): the controls that evaluate workloads, RBAC, network policies, namespaces, ConfigMaps and
 * volumes. Node and control-plane controls are out of scope.
 *
 * Controls scoped `cloud` in the regolibrary (e.g. C-0185, C-0186, C-0188, C-0189, C-0207) do not run in a
 * `kubescape scan <files>` but do run when an EKS/AKS/GKE cluster is scanned; they are mirrored
 * too, so the output passes both ways. See docs/third-party-scanners.md for the list and scopes.
 */
import { withoutDeliberateExceptions } from './exceptions';
import { ksNamespaceChecks } from './kubescape/namespace';
import { ksNetworkChecks } from './kubescape/network';
import { ksRbacChecks } from './kubescape/rbac';
import { ksSecurityContextChecks } from './kubescape/security-context';
import { ksStorageChecks } from './kubescape/storage';
import { ksWorkloadChecks } from './kubescape/workload';
import { Finding, K8sObject } from './shared';

/** Every finding of the mirrored Kubescape controls, deliberate exceptions included. */
export function checkAll(objects: K8sObject[]): Finding[] {
  const valid = objects.filter(o => o && typeof o === 'object');
  return [...ksWorkloadChecks(valid), ...ksNetworkChecks(valid), ...ksRbacChecks(valid), ...ksNamespaceChecks(valid),
    ...ksSecurityContextChecks(valid), ...ksStorageChecks(valid)];
}

/**
 * Every finding of the mirrored Kubescape controls but the deliberate exceptions
 * (exceptions.ts: C-0209 and C-0211, each with its reason).
 */
export function check(objects: K8sObject[]): Finding[] {
  return withoutDeliberateExceptions(checkAll(objects));
}
