import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { serviceSelector, services, servicesWithPods } from './private/services';

/**
 * Every Service with a selector selects at least one pod template of its namespace. Services
 * without a selector (manual Endpoints) and ExternalName Services are not evaluated.
 */
export const serviceTargetsPods = defineControl({
  id: 'service-targets-pods',
  title: 'Services select pods',
  condition: 'Every Service with a selector (other than ExternalName) selects at least one pod template in its namespace.',
  severity: 'low',
  criteria: ['CC8.1', 'A1.2'],
  references: {
    kubeScore: ['service-targets-pod'],
  },
  remediation: 'Fix the selector so it matches the labels of the pod template the Service fronts, or remove the Service.',
  check: ctx => {
    const withPods = servicesWithPods(ctx.index);
    const out: CheckResult[] = [];
    for (const svc of services(ctx.index)) {
      const selector = serviceSelector(svc.raw);
      if (!selector || (svc.raw as any).spec?.type === 'ExternalName') continue;
      if (withPods.has(svc)) {
        out.push(pass(svc));
      } else {
        const pairs = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ');
        out.push(fail(svc, `spec.selector {${pairs}} matches no pod template in namespace "${svc.namespace}"`, 'spec.selector'));
      }
    }
    return out;
  },
});
