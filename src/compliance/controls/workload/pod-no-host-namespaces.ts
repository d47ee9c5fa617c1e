import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** No pod shares the node's network, process or IPC namespace. */
export const podNoHostNamespaces = defineControl({
  id: 'pod-no-host-namespaces',
  title: 'Pods do not share the host namespaces',
  condition: 'No pod sets hostNetwork, hostPID or hostIPC to true.',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.6', 'CC6.8'],
  suppressible: false,
  references: {
    pss: 'baseline: Host Namespaces',
    cis: '5.2.3, 5.2.4, 5.2.5',
    nsa: NSA.enforcement,
    kubescape: ['C-0038', 'C-0041', 'C-0275', 'C-0276'],
    polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
  },
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (they default to false).',
  example: 'spec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const spec = pod.spec;
      if (spec.hostNetwork !== true && spec.hostPID !== true && spec.hostIPC !== true) return undefined;
      return HOST_NAMESPACES.filter(field => spec[field] === true).map(field => ({ message: `${field} is true`, path: field }));
    },
  }),
});
