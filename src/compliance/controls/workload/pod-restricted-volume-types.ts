import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { RESTRICTED_VOLUME_TYPES } from './private/pss';
import { NSA } from './private/references';

/** The source of a volume: its keys other than `name`; none means the API server's default, emptyDir. */
function sourcesOf(volume: any): string[] {
  return Object.keys(volume).filter(k => k !== 'name' && volume[k] !== undefined && volume[k] !== null);
}

/** Pod volumes use only the inline sources the restricted profile allows. */
export const podRestrictedVolumeTypes = defineControl({
  id: 'pod-restricted-volume-types',
  title: 'Pods use only restricted volume types',
  condition: 'Every volume is a configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volume.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'restricted: Volume Types',
    nsa: NSA.enforcement,
  },
  remediation: 'Mount network or node storage through a PersistentVolumeClaim instead of an inline volume source (nfs, iscsi, hostPath, …).',
  example: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const volumes: unknown[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
      const out = [];
      for (let i = 0; i < volumes.length; i++) {
        const v = volumes[i] as any;
        if (!v || typeof v !== 'object') continue;
        const bad = sourcesOf(v).filter(s => !RESTRICTED_VOLUME_TYPES.has(s));
        if (bad.length > 0) out.push({ message: `volume "${v.name}" uses restricted volume type ${bad.join(', ')}`, path: `volumes[${i}]` });
      }
      return out;
    },
  }),
});
