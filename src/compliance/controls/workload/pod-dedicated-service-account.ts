import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';
import { serviceAccountOf } from './private/service-accounts';

/** Every pod runs as its own ServiceAccount, not the namespace's `default`. */
export const podDedicatedServiceAccount = defineControl({
  id: 'pod-dedicated-service-account',
  title: 'Pods run as a dedicated ServiceAccount',
  condition: 'The pod runs as a ServiceAccount other than "default": serviceAccountName, else (when it is unset or empty) the deprecated serviceAccount.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.5',
    nsa: NSA.serviceAccountTokens,
    kubescape: ['C-0189'],
  },
  remediation: 'Create a ServiceAccount for the workload and set serviceAccountName, so its permissions are its own and can be reviewed alone.',
  example: 'spec:\n  serviceAccountName: api',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      // One message whether the name is left out or written: the API server writes `default` into
      // every Pod that names none, so an exported Pod says the same as the template it was made from.
      return serviceAccountOf(pod) === 'default' ? { message: 'runs as the "default" ServiceAccount', path: 'serviceAccountName' } : undefined;
    },
  }),
});
