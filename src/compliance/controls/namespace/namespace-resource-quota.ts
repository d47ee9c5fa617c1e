import { defineControl, fail, pass } from '../../control';
import { ComputeResource } from '../availability/private/limit-defaults';
import { applicationNamespaces, namespaceSubject } from './private/application-namespaces';
import { COMPUTE_RESOURCES, cappedLimits, defaultedLimits } from './private/quota';

/** Every application namespace has bounded capacity, so one tenant cannot starve the others. */
export const namespaceResourceQuota = defineControl({
  id: 'namespace-resource-quota',
  title: 'Namespaces have a resource quota and default limits',
  condition: 'Every application namespace has unscoped ResourceQuotas (one, or several together) with hard limits.cpu and limits.memory, and LimitRanges '
    + 'that give containers default cpu and memory limits (a Container item\'s default, else its max, which the API server copies into default).',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    nsa: 'Pod security: resource policies (LimitRange and ResourceQuota)',
  },
  remediation: 'Add a ResourceQuota with spec.hard limits.cpu and limits.memory, and a LimitRange with a Container item whose '
    + 'default sets cpu and memory.',
  example: 'kind: ResourceQuota\nspec:\n  hard:\n    limits.cpu: "8"\n    limits.memory: 16Gi\n---\nkind: LimitRange\n'
    + 'spec:\n  limits:\n  - type: Container\n    default:\n      cpu: 500m\n      memory: 512Mi',
  check: ctx => {
    const capped = ctx.index.cached('namespace-quota-coverage', () => {
      const m = new Map<string, Set<ComputeResource>>();
      for (const q of ctx.index.ofKind('ResourceQuota', '')) {
        if (q.namespace === undefined) continue;
        let set = m.get(q.namespace);
        if (!set) m.set(q.namespace, set = new Set());
        for (const r of cappedLimits(q)) set.add(r);
      }
      return m;
    });
    return applicationNamespaces(ctx).map(ns => {
      const subject = namespaceSubject(ctx.index, ns);
      const uncapped = COMPUTE_RESOURCES.filter(r => !capped.get(ns)?.has(r));
      const defaulted = defaultedLimits(ctx.index, ns);
      const undefaulted = COMPUTE_RESOURCES.filter(r => !defaulted.includes(r));
      const problems: string[] = [];
      if (uncapped.length > 0) problems.push(`no unscoped ResourceQuota caps ${uncapped.map(r => `limits.${r}`).join(' and ')}`);
      if (undefaulted.length === COMPUTE_RESOURCES.length) problems.push('no LimitRange gives containers default cpu and memory limits');
      else if (undefaulted.length > 0) problems.push(`no LimitRange gives containers a default ${undefaulted.join(' and ')} limit`);
      return problems.length === 0 ? pass(subject) : fail(subject, `namespace "${ns}": ${problems.join('; ')}`);
    });
  },
});
