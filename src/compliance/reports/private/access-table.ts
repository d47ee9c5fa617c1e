import { Rule } from '../../controls/rbac/private/policy-rule';
import { rbacModel, roleRefOf } from '../../controls/rbac/private/rbac-model';
import { subjectsOf } from '../../controls/rbac/private/subjects';
import { ManifestIndex } from '../../manifest-index';
import { cell, code } from './markdown-text';

/** The columns of {@link accessRows}. */
export const ACCESS_COLUMNS = ['Subject', 'Verbs', 'Resources', 'Namespace', 'Granted by'] as const;

/**
 * What each binding of the manifests grants, one row per subject and rule of the bound role (its
 * own rules, aggregated ones and those of built-in roles), ordered by binding. Reads the RBAC model
 * the RBAC controls built during the check, so it costs nothing more to compute.
 */
export function accessRows(index: ManifestIndex): string[][] {
  const model = rbacModel(index);
  const rows: string[][] = [];
  const bindings = [...model.bindings].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const binding of bindings) {
    const namespace = binding.kind === 'RoleBinding' ? code(binding.namespace!) : '_cluster-wide_';
    const node = model.resolve(binding);
    const ref = roleRefOf(binding);
    for (const s of subjectsOf(binding.raw, binding.kind === 'RoleBinding' ? binding.namespace : undefined)) {
      const subject = code(`${s.kind}:${s.kind === 'ServiceAccount' && s.namespace ? `${s.namespace}/` : ''}${s.name}`);
      if (!node) {
        rows.push([subject, '_all_', `everything ${code(`${ref.kind}/${ref.name}`)} grants (not in the manifests)`, namespace, code(binding.ref)]);
        continue;
      }
      for (const rule of model.effectiveRules(node)) {
        // A RoleBinding grants a role's resource rules in its namespace; URLs are not namespaced and it grants none.
        const namespaced = binding.kind === 'RoleBinding';
        if (namespaced && rule.resources.length === 0) continue;
        rows.push([subject, cell(rule.verbs.join(', ')), resourcesText(rule, namespaced), namespace, code(binding.ref)]);
      }
    }
  }
  return rows;
}

function resourcesText(rule: Rule, withoutUrls = false): string {
  const groups = rule.apiGroups.map(g => (g === '' ? 'core' : g === '*' ? 'all API groups' : g));
  const resources = rule.resources.map(r => code(r)).join(', ');
  const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.map(n => code(n)).join(', ')}` : '';
  const urls = rule.nonResourceURLs.length > 0 && !withoutUrls ? `${resources ? '; ' : ''}URLs ${rule.nonResourceURLs.map(u => code(u)).join(', ')}` : '';
  return `${resources}${resources ? cell(` (${groups.join(', ')})`) : ''}${names}${urls}`;
}
