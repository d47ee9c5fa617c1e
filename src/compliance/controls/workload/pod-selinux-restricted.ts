import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { SELINUX_TYPES } from './private/pss';
import { NSA } from './private/references';

/** Why seLinuxOptions are not allowed, or `undefined` when they are. */
function seLinuxProblem(securityContext: any): string | undefined {
  const opts = securityContext?.seLinuxOptions;
  if (!opts || typeof opts !== 'object') return undefined;
  const problems = [];
  if (opts.type !== undefined && opts.type !== '' && !SELINUX_TYPES.has(opts.type)) problems.push(`type "${String(opts.type)}"`);
  if (opts.user !== undefined && opts.user !== '') problems.push(`user "${String(opts.user)}"`);
  if (opts.role !== undefined && opts.role !== '') problems.push(`role "${String(opts.role)}"`);
  return problems.length === 0 ? undefined : `sets forbidden SELinux options: ${problems.join(', ')}`;
}

/** SELinux options stay within the baseline: type container_t, container_init_t, container_kvm_t or container_engine_t; no user or role. */
export const podSelinuxRestricted = defineControl({
  id: 'pod-selinux-restricted',
  title: 'SELinux options are not loosened',
  condition: 'seLinuxOptions on the pod and every container set no user and no role, and a type only of container_t, container_init_t, container_kvm_t or container_engine_t.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'baseline: SELinux',
    nsa: NSA.enforcement,
  },
  remediation: 'Remove seLinuxOptions.user and seLinuxOptions.role, and any type other than container_t, container_init_t, container_kvm_t or container_engine_t (the level may be set).',
  example: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const problem = seLinuxProblem(pod.spec.securityContext);
      return problem === undefined ? undefined : { message: `the pod ${problem}`, path: 'securityContext.seLinuxOptions' };
    },
    container: c => {
      const problem = seLinuxProblem(c.container.securityContext);
      return problem === undefined ? undefined : { message: problem, path: 'securityContext.seLinuxOptions' };
    },
  }),
});
