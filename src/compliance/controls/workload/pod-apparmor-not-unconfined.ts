import { defineControl } from '../../control';
import { evaluatePods, podMetadataPath } from './private/pod-checks';
import { APPARMOR_ANNOTATION_PREFIX, CONFINED_PROFILE_TYPES, isConfinedAppArmorAnnotation } from './private/pss';
import { NSA } from './private/references';

function badProfile(securityContext: any): string | undefined {
  const profile = securityContext?.appArmorProfile;
  if (profile === undefined || profile === null) return undefined;
  return CONFINED_PROFILE_TYPES.has(profile.type) ? undefined : String(profile.type ?? '');
}

/** Nothing disables AppArmor: no Unconfined appArmorProfile and no `unconfined` AppArmor annotation. */
export const podAppArmorNotUnconfined = defineControl({
  id: 'pod-apparmor-not-unconfined',
  title: 'Containers keep their AppArmor profile',
  condition: 'securityContext.appArmorProfile.type is unset, RuntimeDefault or Localhost on the pod and every container, and every container.apparmor.security.beta.kubernetes.io/* annotation is runtime/default or localhost/*.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'baseline: AppArmor',
    nsa: NSA.enforcement,
  },
  remediation: 'Remove appArmorProfile.type: Unconfined and "unconfined" AppArmor annotations; use RuntimeDefault or a reviewed Localhost profile.',
  example: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const out = [];
      const type = badProfile(pod.spec.securityContext);
      if (type !== undefined) out.push({ message: `the pod sets appArmorProfile.type "${type}"`, path: 'securityContext.appArmorProfile.type' });
      for (const key in pod.annotations) {
        const value = pod.annotations[key];
        if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !isConfinedAppArmorAnnotation(value)) {
          out.push({ message: `annotation ${key} is "${value}"`, fullPath: `${podMetadataPath(pod)}.annotations['${key}']` });
        }
      }
      return out;
    },
    container: c => {
      const type = badProfile(c.container.securityContext);
      return type === undefined ? undefined : { message: `sets appArmorProfile.type "${type}"`, path: 'securityContext.appArmorProfile.type' };
    },
  }),
});
