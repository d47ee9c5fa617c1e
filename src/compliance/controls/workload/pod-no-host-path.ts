import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** The containers (`container "x"`, `initContainer "y"`) that mount a volume without `readOnly: true`. */
function writersOf(spec: any, volume: unknown): string[] {
  const out: string[] = [];
  for (const [list, label] of [['initContainers', 'initContainer'], ['containers', 'container'], ['ephemeralContainers', 'ephemeralContainer']] as const) {
    const containers: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    for (const c of containers as any[]) {
      const mounts: unknown[] = Array.isArray(c?.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m: any) => m?.name === volume && m.readOnly !== true)) out.push(`${label} "${c.name}"`);
    }
  }
  return out;
}

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
  remediation: 'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes. A node agent that exists to read the node (a log shipper or node exporter DaemonSet) cannot: mount only the paths it reads, each with readOnly: true; since this control cannot be suppressed, check such agents apart from the application manifests that gate a deployment (a run of their own with --skip pod-no-host-path, reviewed by the platform team).',
  example: 'volumes:\n  - name: cache\n    emptyDir: {}',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const volumes: unknown[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      const out = [];
      for (let i = 0; i < volumes.length; i++) {
        const v = volumes[i] as any;
        if (v && v.hostPath !== undefined && v.hostPath !== null) {
          const writers = writersOf(pod.spec, v.name);
          const access = writers.length > 0 ? `, writable by ${writers.join(', ')} (no readOnly: true)` : '';
          out.push({ message: `volume "${v.name}" mounts host path ${JSON.stringify(v.hostPath?.path ?? '')}${access}`, path: `volumes[${i}].hostPath` });
        }
      }
      return out;
    },
  }),
});
