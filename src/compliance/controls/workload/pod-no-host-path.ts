import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** No pod mounts a directory of the node: no `hostPath` volume. */
export const podNoHostPath = defineControl({
  id: 'pod-no-host-path',
  title: 'Pods do not mount host paths',
  condition: 'No volume of the pod is a hostPath volume.',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.8'],
  suppressible: false,
  references: {
    pss: 'baseline: HostPath Volumes',
    cis: '5.2.12',
    nsa: NSA.enforcement,
    kubescape: ['C-0048', 'C-0045', 'C-0203', 'C-0074'],
    polaris: ['hostPathSet'],
  },
  remediation: 'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes.',
  example: 'volumes:\n  - name: cache\n    emptyDir: {}',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const volumes: unknown[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      const out = [];
      for (let i = 0; i < volumes.length; i++) {
        const v = volumes[i] as any;
        if (v && v.hostPath !== undefined && v.hostPath !== null) {
          out.push({ message: `volume "${v.name}" mounts host path ${JSON.stringify(v.hostPath?.path ?? '')}`, path: `volumes[${i}].hostPath` });
        }
      }
      return out;
    },
  }),
});
