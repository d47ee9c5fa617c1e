import { ApiObject, ApiObjectProps, App, Chart, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
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
 * Creates an ApiObject of plain data ({@link PlainApiObject}) with explicit metadata.
 * Cluster-scoped objects never inherit a chart-level namespace.
 */
export function emit(scope: Construct, id: string, apiVersion: string, kind: string, metadata: EmitMetadata, body: Record<string, unknown>): ApiObject {
  const obj = new PlainApiObject(scope, id, {
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

/** What {@link plainCopy} returns for a value that is not plain JSON data. */
const NOT_PLAIN = Symbol('not plain data');

/**
 * An ApiObject built from plain JSON data and Lazy values, as every object this library emits.
 * Its `toJson` gives exactly what cdk8s's `ApiObject.toJson` gives — metadata through cdk8s
 * (labels and annotations added through escape hatches included), Lazy values produced, keys
 * sorted, null and undefined members dropped, the top-level keys ordered — without cdk8s's
 * resolution of every value through every resolver, which costs most of the synthesis of large
 * apps and does nothing to plain data. It hands over to cdk8s whenever the result could differ:
 * after a JSON patch, when the app has resolvers of its own, or when a value is neither plain data
 * nor a Lazy (a token, a class instance).
 */
export class PlainApiObject extends ApiObject {
  private patched = false;

  public constructor(scope: Construct, id: string, private readonly plainProps: ApiObjectProps) {
    super(scope, id, plainProps);
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  public toJson(): any {
    if (this.patched || !builtInResolversOnly(App.of(this))) return super.toJson();
    const sortKeys = process.env.CDK8S_DISABLE_SORT ? false : true;
    const metadata = plainMetadata(this.metadata);
    if (metadata === NOT_PLAIN) return super.toJson();
    const props = this.plainProps as Record<string, unknown>;
    const data: Record<string, unknown> = {};
    for (const k of Object.keys(props)) {
      if (k === 'metadata') continue;
      const copy = plainCopy(props[k], sortKeys, false);
      if (copy === NOT_PLAIN) return super.toJson();
      if (copy !== undefined) data[k] = copy;
    }
    if (metadata !== undefined) data.metadata = metadata;
    const result: Record<string, unknown> = {};
    const keys = Object.keys(data);
    if (sortKeys) sortInPlace(keys);
    for (const k of ['apiVersion', 'kind', 'metadata', ...keys]) if (k in data && !(k in result)) result[k] = data[k];
    return result;
  }
}

/** The fields of {@link MetadataFields} that `toJson` writes over the additional attributes, in sorted order. */
const METADATA_FIELDS = ['annotations', 'finalizers', 'labels', 'name', 'namespace', 'ownerReferences'] as const;
const METADATA_FIELD_SET: ReadonlySet<string> = new Set(METADATA_FIELDS);

/** The fields of cdk8s's ApiObjectMetadataDefinition that its `toJson` reads. */
interface MetadataFields {
  readonly _additionalAttributes?: Record<string, unknown>;
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly annotations?: unknown;
  readonly finalizers?: unknown;
  readonly ownerReferences?: unknown;
  readonly labels?: unknown;
}

/**
 * What cdk8s's `ApiObjectMetadataDefinition.toJson` gives — the additional attributes, name,
 * namespace, annotations, finalizers, owner references and labels, resolved, keys sorted, empty
 * lists and mappings dropped — read from the same fields, or {@link NOT_PLAIN} when a value is not
 * plain data or a Lazy, or when the fields are not where this cdk8s version keeps them.
 */
function plainMetadata(metadata: object): unknown {
  const f = metadata as MetadataFields;
  const additional = f._additionalAttributes;
  if (additional === null || typeof additional !== 'object') return NOT_PLAIN;
  // Usually the additional attributes are the object's first metadata, which holds none but the
  // fields read after them, which replace them: the fields alone then make the metadata, written
  // in their sorted order without building and sorting the merged mapping.
  if (Object.keys(additional).every(k => METADATA_FIELD_SET.has(k))) {
    const out: Record<string, unknown> = {};
    let empty = true;
    for (const k of METADATA_FIELDS) {
      const copy = plainCopy(f[k], true, true);
      if (copy === NOT_PLAIN) return NOT_PLAIN;
      if (copy !== undefined) {
        out[k] = copy;
        empty = false;
      }
    }
    return empty ? undefined : out;
  }
  return plainCopy({
    ...f._additionalAttributes,
    name: f.name,
    namespace: f.namespace,
    annotations: f.annotations,
    finalizers: f.finalizers,
    ownerReferences: f.ownerReferences,
    labels: f.labels,
  }, true, true);
}

/** Whether keys are in the order `Array.prototype.sort` gives them (UTF-16 code units), as the library mostly writes them. */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** The longest list {@link sortInPlace} orders by insertion, which beats `Array.prototype.sort` on the few keys of a mapping. */
const INSERTION_SORT_MAX = 16;

/** Sorts keys in the order `Array.prototype.sort` gives (UTF-16 code units); most are in order already. */
function sortInPlace(keys: string[]): void {
  if (isSorted(keys)) return;
  if (keys.length > INSERTION_SORT_MAX) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
}

/** Whether an app resolves values with cdk8s's built-in resolvers only (which leave plain data as it is). */
function builtInResolversOnly(root: App): boolean {
  const r: unknown[] | undefined = root.resolvers;
  return Array.isArray(r) && r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver && r[2] instanceof NumberStringUnionResolver;
}

/**
 * A copy of plain JSON data as cdk8s resolves and sanitizes it (Lazy values produced, members that
 * are null or undefined dropped, null array elements made undefined, keys sorted unless
 * `sortKeys` is false, and with `filterEmpty` empty lists and mappings dropped as the metadata's
 * sanitizer drops them), or {@link NOT_PLAIN} when the value holds anything else.
 */
function plainCopy(value: unknown, sortKeys: boolean, filterEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) return undefined;
    const out: unknown[] = [];
    for (const item of value) {
      const copy = plainCopy(item, sortKeys, filterEmpty);
      if (copy === NOT_PLAIN) return NOT_PLAIN;
      out.push(copy);
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    // What cdk8s's LazyResolver does: the produced value, itself resolved.
    return value instanceof Lazy ? plainCopy(value.produce(), sortKeys, filterEmpty) : NOT_PLAIN;
  }
  const keys = Object.keys(value);
  if (sortKeys) sortInPlace(keys);
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const k of keys) {
    const copy = plainCopy((value as Record<string, unknown>)[k], sortKeys, filterEmpty);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    if (copy !== undefined) {
      out[k] = copy;
      empty = false;
    }
  }
  return filterEmpty && empty ? undefined : out;
}
