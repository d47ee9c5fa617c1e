import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';

/** The label every object emitted by the library carries. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'cdk8s-soc2' };

/** What {@link emit} writes into `metadata`. */
export interface EmitMetadata {
  readonly name: string;
  /** @default - cluster-scoped object */
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * Creates a plain ApiObject (the fastest path through cdk8s synthesis) with explicit metadata.
 * Cluster-scoped objects never inherit a chart-level namespace.
 */
export function emit(scope: Construct, id: string, apiVersion: string, kind: string, metadata: EmitMetadata, body: Record<string, unknown>): ApiObject {
  const obj = new ApiObject(scope, id, {
    apiVersion,
    kind,
    metadata: {
      name: metadata.name,
      ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
      labels: { ...MANAGED_BY, ...metadata.labels },
      ...(metadata.annotations && Object.keys(metadata.annotations).length > 0 ? { annotations: metadata.annotations } : {}),
    },
    ...body,
  });
  if (metadata.namespace === undefined && Chart.of(scope).namespace !== undefined) {
    obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return obj;
}

/** Sorted copy of a string map, so emitted YAML is stable whatever the insertion order. */
export function sortedMap<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}
