import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

function isHostProcess(securityContext: any): boolean {
  return securityContext?.windowsOptions?.hostProcess === true;
}

/** No pod or container runs as a Windows HostProcess (with host access on the node). */
export const podNoWindowsHostProcess = defineControl({
  id: 'pod-no-windows-host-process',
  title: 'No Windows HostProcess containers',
  condition: 'Neither the pod nor any container sets securityContext.windowsOptions.hostProcess: true.',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.8'],
  suppressible: false,
  references: {
    pss: 'baseline: HostProcess',
    cis: '5.2.11',
    nsa: NSA.enforcement,
    kubescape: ['C-0202'],
    polaris: ['hostProcess'],
  },
  remediation: 'Remove securityContext.windowsOptions.hostProcess from the pod and its containers.',
  example: 'securityContext:\n  windowsOptions:\n    hostProcess: false',
  check: ctx => evaluatePods(ctx, {
    pod: pod => isHostProcess(pod.spec.securityContext)
      ? { message: 'the pod runs as a Windows HostProcess', path: 'securityContext.windowsOptions.hostProcess' } : undefined,
    container: c => isHostProcess(c.container.securityContext)
      ? { message: 'runs as a Windows HostProcess', path: 'securityContext.windowsOptions.hostProcess' } : undefined,
  }),
});
