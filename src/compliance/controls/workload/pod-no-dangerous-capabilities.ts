import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { BASELINE_CAPABILITIES } from './private/pss';
import { NSA } from './private/references';

/** Containers add only capabilities from the Pod Security Standards baseline list (the runtime's default set). */
export const podNoDangerousCapabilities = defineControl({
  id: 'pod-no-dangerous-capabilities',
  title: 'No container adds a dangerous capability',
  condition: 'Every capability in securityContext.capabilities.add is in the baseline default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.8'],
  suppressible: false,
  references: {
    pss: 'baseline: Capabilities',
    cis: '5.2.9',
    nsa: NSA.enforcement,
    kubescape: ['C-0046', 'C-0200'],
    polaris: ['dangerousCapabilities'],
  },
  remediation: 'Remove capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE or ALL from securityContext.capabilities.add.',
  example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const add = c.container.securityContext?.capabilities?.add;
      if (!Array.isArray(add)) return undefined;
      const bad = add.filter(cap => !BASELINE_CAPABILITIES.has(cap));
      return bad.length === 0 ? undefined : { message: `adds capabilities beyond the baseline set: ${bad.map(String).join(', ')}`, path: 'securityContext.capabilities.add' };
    },
  }),
});
