import { defineControl, fail, pass } from '../../control';
import { stringMap } from '../../manifest';
import { selectorMatches } from '../../selectors';
import { CheckResult } from '../../types';
import { replicatedWorkloads } from './private/workloads';

/** Every StatefulSet names in `serviceName` a headless Service of its namespace that selects its pods. */
export const statefulsetHeadlessService = defineControl({
  id: 'statefulset-headless-service',
  title: 'StatefulSets have their headless Service',
  condition: 'Every StatefulSet names in spec.serviceName a Service of the manifest set in its namespace with clusterIP None '
    + 'whose selector selects the StatefulSet\'s pods: the Service that gives each replica its stable network name.',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    kubeScore: ['statefulset-has-servicename'],
  },
  remediation: 'Declare a Service with clusterIP: None whose selector matches the pod template labels, and name it in spec.serviceName.',
  example: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\nspec:\n  clusterIP: None\n  selector:\n    app.kubernetes.io/name: db',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const pod of replicatedWorkloads(ctx.index)) {
      const set = pod.owner;
      if (set.kind !== 'StatefulSet') continue;
      const name = (set.raw as any).spec?.serviceName;
      if (typeof name !== 'string' || name === '') {
        out.push(fail(set, 'spec.serviceName names no Service, so its replicas have no stable network names', 'spec.serviceName'));
        continue;
      }
      const svc = ctx.index.get('Service', set.namespace, name);
      const spec = (svc?.raw as any)?.spec;
      if (!svc || svc.group !== '') out.push(fail(set, `spec.serviceName names Service "${name}", which is not in namespace "${set.namespace}" of the manifest set`, 'spec.serviceName'));
      else if (spec?.clusterIP !== 'None') out.push(fail(set, `Service "${name}" is not headless (clusterIP: None), so it gives the replicas no names of their own`, 'spec.serviceName'));
      else if (!selectorMatches({ matchLabels: stringMap(spec?.selector) }, pod.labels) || Object.keys(stringMap(spec?.selector)).length === 0) {
        out.push(fail(set, `Service "${name}" does not select the StatefulSet's pods`, 'spec.serviceName'));
      } else out.push(pass(set, `named by ${svc.ref}`));
    }
    return out;
  },
});
