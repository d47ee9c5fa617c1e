/**
 * An independent mirror of Kubescape's (kubescape/regolibrary) manifest controls from the SOC2,
 * NSA and CIS (cis-v1.23-t1.0.1) frameworks: the controls that evaluate workloads, RBAC, network
 * policies, namespaces and ConfigMaps. Node and control-plane controls are out of scope.
 *
 * Controls scoped `cloud` in the regolibrary (e.g. C-0185, C-0186, C-0188, C-0189, C-0207) do not run in a
 * `kubescape scan <files>` but do run when an EKS/AKS/GKE cluster is scanned; they are mirrored
 * too, so the output passes both ways. See docs/third-party-scanners.md for the list and scopes.
 */
import { ksNamespaceChecks } from './kubescape/namespace';
import { ksNetworkChecks } from './kubescape/network';
import { ksRbacChecks } from './kubescape/rbac';
import { ksWorkloadChecks } from './kubescape/workload';
import { Finding, K8sObject } from './shared';

/** Every finding of the mirrored Kubescape controls over a manifest set. */
export function check(objects: K8sObject[]): Finding[] {
  const valid = objects.filter(o => o && typeof o === 'object');
  return [...ksWorkloadChecks(valid), ...ksNetworkChecks(valid), ...ksRbacChecks(valid), ...ksNamespaceChecks(valid)];
}
