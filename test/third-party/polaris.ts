/**
 * An independent mirror of Polaris (FairwindsOps/polaris) with its default configuration
 * (`pkg/config/default.yaml`): every `danger` and `warning` check, as `polaris audit --audit-path`
 * runs them over manifests. The exemption annotation of a check on the object it reports
 * (`polaris.fairwinds.com/<check>-exempt: "true"`, pkg/validator getExemptKey) is honoured; the
 * built-in controller exemptions of the configuration are not, so the mirror is at least as
 * strict as Polaris.
 */
import { polarisContainerChecks } from './polaris/container';
import { polarisObjectChecks } from './polaris/objects';
import { polarisPodChecks } from './polaris/pod';
import { polarisRbacChecks } from './polaris/rbac';
import { polarisRelatedChecks } from './polaris/related';
import { Finding, K8sObject, objectRef } from './shared';

export { POLARIS_DEFAULT_SEVERITY } from './polaris/severity';

/** Every finding of Polaris' default checks over a manifest set. */
export function check(objects: K8sObject[]): Finding[] {
  const valid = objects.filter(o => o && typeof o === 'object');
  const findings = [
    ...polarisContainerChecks(valid),
    ...polarisPodChecks(valid),
    ...polarisRelatedChecks(valid),
    ...polarisObjectChecks(valid),
    ...polarisRbacChecks(valid),
  ];
  const exempt = new Set<string>();
  for (const o of valid) {
    const annotations = o.metadata?.annotations;
    if (!annotations || typeof annotations !== 'object') continue;
    for (const [key, value] of Object.entries(annotations)) {
      const m = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
      if (m && typeof value === 'string' && value.toLowerCase() === 'true') exempt.add(`polaris/${m[1]} ${objectRef(o)}`);
    }
  }
  return exempt.size === 0 ? findings : findings.filter(f => !exempt.has(`${f.check} ${f.object}`));
}
