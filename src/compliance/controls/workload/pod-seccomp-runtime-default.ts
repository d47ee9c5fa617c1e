import { defineControl } from '../../control';
import { evaluatePods, isLinuxPod } from './private/pod-checks';
import { CONFINED_PROFILE_TYPES } from './private/pss';
import { NSA } from './private/references';

function profileType(securityContext: any): unknown {
  const profile = securityContext?.seccompProfile;
  return profile === undefined || profile === null ? undefined : profile.type ?? '';
}

/** The pod, or else every container, uses the RuntimeDefault or a Localhost seccomp profile; nothing sets Unconfined. */
export const podSeccompRuntimeDefault = defineControl({
  id: 'pod-seccomp-runtime-default',
  title: 'Containers run under a seccomp profile',
  condition: 'securityContext.seccompProfile.type is RuntimeDefault or Localhost on the pod or on every container, and no pod or container sets another type such as Unconfined (Linux pods).',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'restricted: Seccomp',
    cis: '5.7.2',
    nsa: NSA.enforcement,
    kubescape: ['C-0210', 'C-0055'],
    polaris: ['linuxHardening'],
    kubeScore: ['container-seccomp-profile'],
  },
  remediation: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed profile) and remove any Unconfined profile.',
  example: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
  check: ctx => evaluatePods(ctx, {
    appliesTo: isLinuxPod,
    pod: pod => {
      const type = profileType(pod.spec.securityContext);
      return type === undefined || CONFINED_PROFILE_TYPES.has(type as string) ? undefined
        : { message: `the pod sets seccompProfile.type "${String(type)}"`, path: 'securityContext.seccompProfile.type' };
    },
    container: c => {
      const type = profileType(c.container.securityContext);
      if (type === undefined) {
        return CONFINED_PROFILE_TYPES.has(profileType(c.pod.spec.securityContext) as string) ? undefined
          : { message: 'has no seccomp profile and the pod sets no RuntimeDefault or Localhost profile', path: 'securityContext.seccompProfile' };
      }
      return CONFINED_PROFILE_TYPES.has(type as string) ? undefined
        : { message: `sets seccompProfile.type "${String(type)}"`, path: 'securityContext.seccompProfile.type' };
    },
  }),
});
