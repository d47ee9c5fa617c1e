import { defineControl, fail, pass } from '../../control';
import { applicationNamespaces, namespaceSubject } from './private/application-namespaces';
import { capsCpuAndMemory, defaultsContainerLimits } from './private/quota';

/** Every application namespace has bounded capacity, so one tenant cannot starve the others. */
export const namespaceResourceQuota = defineControl({
  id: 'namespace-resource-quota',
  title: 'Namespaces have a resource quota and default limits',
  condition: 'Every application namespace has an unscoped ResourceQuota with hard limits.cpu and limits.memory, and a LimitRange '
    + 'that gives containers default cpu and memory limits.',
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
    const byNamespace = ctx.index.cached('namespace-quota-coverage', () => {
      const quota = new Set<string>();
      const range = new Set<string>();
      for (const q of ctx.index.ofKind('ResourceQuota', '')) if (q.namespace !== undefined && capsCpuAndMemory(q)) quota.add(q.namespace);
      for (const r of ctx.index.ofKind('LimitRange', '')) if (r.namespace !== undefined && defaultsContainerLimits(r)) range.add(r.namespace);
      return { quota, range };
    });
    return applicationNamespaces(ctx).map(ns => {
      const subject = namespaceSubject(ctx.index, ns);
      const problems: string[] = [];
      if (!byNamespace.quota.has(ns)) problems.push('no unscoped ResourceQuota caps limits.cpu and limits.memory');
      if (!byNamespace.range.has(ns)) problems.push('no LimitRange gives containers default cpu and memory limits');
      return problems.length === 0 ? pass(subject) : fail(subject, `namespace "${ns}": ${problems.join('; ')}`);
    });
  },
});
