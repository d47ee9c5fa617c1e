import { parseImageRef } from '../../common/image-ref';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';

/** The pull policy Kubernetes applies: the one set, else Always for an untagged or latest image and IfNotPresent otherwise. */
function effectivePullPolicy(container: any): string {
  if (typeof container.imagePullPolicy === 'string' && container.imagePullPolicy !== '') return container.imagePullPolicy;
  const ref = parseImageRef(typeof container.image === 'string' ? container.image : '');
  return (ref.tag === undefined && ref.digest === undefined) || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Every container pulls its image on each start, so the registry re-checks the pod's pull credentials. */
export const imagePullPolicyAlways = defineControl({
  id: 'image-pull-policy-always',
  title: 'Images are pulled on every start',
  condition: 'The effective imagePullPolicy of every container is Always.',
  severity: 'low',
  criteria: ['CC6.8'],
  references: {
    kubescape: ['C-0075'],
    polaris: ['pullPolicyNotAlways'],
    kubeScore: ['container-image-pull-policy'],
  },
  remediation: 'Set imagePullPolicy: Always so a node never serves a cached private image to a pod without valid pull credentials.',
  example: 'imagePullPolicy: Always',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const policy = effectivePullPolicy(c.container);
      if (policy === 'Always') return undefined;
      const how = c.container.imagePullPolicy ? '' : ' by default';
      return { message: `pulls its image with policy ${policy}${how}`, path: 'imagePullPolicy' };
    },
  }),
});
