/** Builders for the autoscalers and Argo Rollouts of availability test manifests. */

/** A KEDA ScaledObject in `team` with the given spec (scaleTargetRef included). */
export function scaledObject(name: string, spec: any, namespace = 'team'): any {
  return { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name, namespace }, spec: { triggers: [{ type: 'cpu', metadata: { value: '60' } }], ...spec } };
}

/** A KEDA ScaledObject in `team` with the given spec and annotations (KEDA's pause annotations, for one). */
export function annotatedScaledObject(name: string, spec: any, annotations: Record<string, string>): any {
  const so = scaledObject(name, spec);
  return { ...so, metadata: { ...so.metadata, annotations } };
}

/** An Argo Rollout in `team` that runs the pods of Deployment `deployment` through spec.workloadRef. */
export function workloadRefRollout(name: string, deployment: string, spec: any = {}): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace: 'team' },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': deployment } },
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment, scaleDown: 'onsuccess' },
      strategy: { canary: { steps: [{ setWeight: 20 }] } },
      ...spec,
    },
  };
}
