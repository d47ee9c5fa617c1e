/**
 * An independent mirror of Polaris (FairwindsOps/polaris) with its default configuration
 * (`pkg/config/default.yaml`): every `danger` and `warning` check, as `polaris audit --audit-path`
 * runs them over manifests. Exemption annotations and the built-in controller exemptions are NOT
 * honoured, so the mirror is at least as strict as Polaris.
 */
import { polarisContainerChecks } from './polaris/container';
import { polarisObjectChecks } from './polaris/objects';
import { polarisPodChecks } from './polaris/pod';
import { polarisRbacChecks } from './polaris/rbac';
import { polarisRelatedChecks } from './polaris/related';
import { Finding, K8sObject } from './shared';

export { POLARIS_DEFAULT_SEVERITY } from './polaris/severity';

/** Every finding of Polaris' default checks over a manifest set. */
export function check(objects: K8sObject[]): Finding[] {
  const valid = objects.filter(o => o && typeof o === 'object');
  return [
    ...polarisContainerChecks(valid),
    ...polarisPodChecks(valid),
    ...polarisRelatedChecks(valid),
    ...polarisObjectChecks(valid),
    ...polarisRbacChecks(valid),
  ];
}
