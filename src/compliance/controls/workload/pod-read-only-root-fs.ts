import { defineControl } from '../../control';
import { evaluatePods, isLinuxPod } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container runs with a read-only root filesystem. */
export const podReadOnlyRootFs = defineControl({
  id: 'pod-read-only-root-fs',
  title: 'Containers have a read-only root filesystem',
  condition: 'Every container sets securityContext.readOnlyRootFilesystem: true (Linux pods; Windows pods cannot set it).',
  severity: 'medium',
  criteria: ['CC6.8'],
  references: {
    nsa: NSA.immutableFs,
    kubescape: ['C-0017'],
    polaris: ['notReadOnlyRootFilesystem'],
    kubeScore: ['container-security-context-readonlyrootfilesystem'],
  },
  remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir volume at each path the process must write (e.g. /tmp).',
  example: 'securityContext:\n  readOnlyRootFilesystem: true\nvolumeMounts:\n  - name: tmp\n    mountPath: /tmp',
  check: ctx => evaluatePods(ctx, {
    // The field cannot be set on a pod with spec.os.name windows: the rule is Linux-only.
    appliesTo: isLinuxPod,
    container: c => c.container.securityContext?.readOnlyRootFilesystem === true ? undefined
      : { message: 'has a writable root filesystem', path: 'securityContext.readOnlyRootFilesystem' },
  }),
});
