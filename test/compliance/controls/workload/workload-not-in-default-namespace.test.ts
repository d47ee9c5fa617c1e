import { workloadNotInDefaultNamespace } from '../../../../src/compliance/controls/workload/workload-not-in-default-namespace';
import { runCompliance } from '../../../../src/compliance/engine';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

const inDefault = (kind: string, name: string, apiVersion = 'v1') => ({ apiVersion, kind, metadata: { name } });

describe('workload-not-in-default-namespace', () => {
  test('passes for workloads and ConfigMaps in their own namespace', () => {
    expect(outcome(workloadNotInDefaultNamespace, [hardenedDeployment(), CONFIG_MAP])).toEqual({ 'Deployment/team/api': 'pass', 'ConfigMap/team/settings': 'pass' });
  });

  test('fails for objects without a namespace, which land in default', () => {
    const objects = [hardenedDeployment({}, { namespace: 'default' }), inDefault('Secret', 'db'), inDefault('Role', 'reader', 'rbac.authorization.k8s.io/v1')];
    expect(messages(workloadNotInDefaultNamespace, objects)).toEqual([
      'is in the "default" namespace', 'is in the "default" namespace', 'is in the "default" namespace',
    ]);
  });

  test('in a cluster export, the Pods and ReplicaSets of a Deployment in default repeat its finding, which is reported once, on it', () => {
    const labels = { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' };
    const deploy = hardenedDeployment({}, { namespace: 'default' });
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: deploy.metadata.name, uid: 'u', controller: true };
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${deploy.metadata.name}-5d9c8f7b6`, namespace: 'default', labels, ownerReferences: [owner] }, spec: { template: deploy.spec.template } };
    const pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `${rs.metadata.name}-x1`, namespace: 'default', labels, ownerReferences: [{ ...owner, kind: 'ReplicaSet', name: rs.metadata.name }] },
      spec: deploy.spec.template.spec,
    };
    expect(runCompliance(ManifestIndex.fromObjects([deploy, rs, pod]), { only: ['workload-not-in-default-namespace'] }).findings.map(f => f.object.ref)).toEqual([`Deployment/default/${deploy.metadata.name}`]);
  });

  test('fails the policies, bindings, claims and autoscalers Kubescape C-0212 lists', () => {
    const objects = [
      inDefault('NetworkPolicy', 'deny', 'networking.k8s.io/v1'), inDefault('Ingress', 'web', 'networking.k8s.io/v1'),
      inDefault('RoleBinding', 'read', 'rbac.authorization.k8s.io/v1'), inDefault('PersistentVolumeClaim', 'data'),
      inDefault('HorizontalPodAutoscaler', 'api', 'autoscaling/v2'), inDefault('PodDisruptionBudget', 'api', 'policy/v1'),
    ];
    expect(Object.values(outcome(workloadNotInDefaultNamespace, objects))).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
  });

  test('does not apply to the root certificate istiod writes into every namespace, default included', () => {
    expect(outcome(workloadNotInDefaultNamespace, [inDefault('ConfigMap', 'istio-ca-root-cert'), inDefault('ConfigMap', 'istio-ca-root-certs')]))
      .toEqual({ 'ConfigMap/default/istio-ca-root-certs': 'fail' });
  });

  test('does not apply to other kinds, cluster-scoped objects or what the control plane keeps in default', () => {
    const objects = [
      inDefault('Lease', 'leader', 'coordination.k8s.io/v1'), inDefault('Namespace', 'team'),
      inDefault('Service', 'kubernetes'), inDefault('Endpoints', 'kubernetes'), inDefault('ServiceAccount', 'default'), inDefault('ConfigMap', 'kube-root-ca.crt'),
    ];
    expect(outcome(workloadNotInDefaultNamespace, objects)).toEqual({});
  });
});
