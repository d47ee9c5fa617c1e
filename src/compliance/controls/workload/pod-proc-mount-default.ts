import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container keeps the default masked /proc: `procMount` unset or `Default`. */
export const podProcMountDefault = defineControl({
  id: 'pod-proc-mount-default',
  title: 'Containers keep the default /proc masks',
  condition: 'No container sets securityContext.procMount to anything other than Default, in a pod with hostUsers: false too (as Pod Security restricted requires; baseline v1.35 on allows any procMount there).',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'baseline: /proc Mount Type; restricted: /proc Mount Type',
    nsa: NSA.enforcement,
    polaris: ['procMount'],
  },
  remediation: 'Remove securityContext.procMount (or set it to Default).',
  example: 'securityContext:\n  procMount: Default',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const value = c.container.securityContext?.procMount;
      return value === undefined || value === null || value === 'Default' ? undefined
        : { message: `sets procMount "${String(value)}"`, path: 'securityContext.procMount' };
    },
  }),
});
