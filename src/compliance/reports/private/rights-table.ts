import { Right } from '../../posture/rbac-rights';
import { cell, code } from './markdown-text';

/** The columns of {@link rightRows}. */
export const RIGHT_COLUMNS = ['Subject', 'Verbs', 'Resource', 'Namespace', 'Granted by'] as const;

/** Rights grouped by everything but the verb, one table row (cells) per group with its verbs. */
export function rightRows(rights: readonly Right[]): string[][] {
  const groups = new Map<string, { right: Right; verbs: string[] }>();
  for (const r of rights) {
    const key = [r.subject, r.apiGroup, r.resource, (r.resourceNames ?? []).join(','), r.namespace, r.via].join('\u0000');
    const g = groups.get(key);
    if (g) g.verbs.push(r.verb); else groups.set(key, { right: r, verbs: [r.verb] });
  }
  return [...groups.values()].map(({ right: r, verbs }) => [
    code(r.subject),
    r.unresolved ? '_all_' : cell(verbs.join(', ')),
    r.unresolved ? `everything ${code(r.role)} grants (not in the manifests)` : resourceText(r),
    r.namespace === '*' ? '_cluster-wide_' : code(r.namespace),
    code(r.via),
  ]);
}

function resourceText(r: Right): string {
  const group = r.apiGroup === '' ? '' : ` (${r.apiGroup === '*' ? 'all API groups' : r.apiGroup})`;
  const names = r.resourceNames && r.resourceNames.length > 0 ? ` named ${r.resourceNames.map(n => code(n)).join(', ')}` : '';
  return `${code(r.resource)}${cell(group)}${names}`;
}
