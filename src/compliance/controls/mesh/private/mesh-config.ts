/**
 * The mesh configuration (MeshConfig) istiod reads, where the manifests hold it: the `mesh` key of
 * ConfigMap `istio` in istiod's namespace (the mesh root namespace), which Istio's Helm charts and
 * `istioctl manifest generate` write, or else the `spec.meshConfig` of an IstioOperator in that
 * namespace, from which `istioctl install` writes it.
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/
 */
import { parse } from 'yaml';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

/** The mesh configuration and where it was read. */
export interface MeshConfigSource {
  /** The ConfigMap or IstioOperator that holds it. */
  readonly object: IndexedObject;
  /** Its fields, a mapping (empty when the source sets none). */
  readonly config: Readonly<Record<string, any>>;
  /** Where in the object: `data.mesh` or `spec.meshConfig`. */
  readonly path: string;
}

/** The ConfigMap istiod of the default revision reads its mesh configuration from. */
const MESH_CONFIG_MAP = 'istio';

/**
 * The mesh configuration of the manifests for istiod in `namespace`, read once per run;
 * `undefined` when they hold none, or when its text is no YAML mapping (istiod would not start on it).
 */
export function meshConfig(index: ManifestIndex, namespace: string): MeshConfigSource | undefined {
  return index.cached(`mesh-config:${namespace}`, () => fromConfigMap(index, namespace) ?? fromOperator(index, namespace));
}

function fromConfigMap(index: ManifestIndex, namespace: string): MeshConfigSource | undefined {
  const map = index.get('ConfigMap', namespace, MESH_CONFIG_MAP);
  const text = map?.group === '' ? (map.raw as any).data?.mesh : undefined;
  if (map === undefined || typeof text !== 'string') return undefined;
  let config: unknown;
  try {
    // Errors make the text unreadable; warnings (an unknown tag) are not the run's to print.
    config = parse(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (config === null || config === undefined) return { object: map, config: {}, path: 'data.mesh' };
  return isMapping(config) ? { object: map, config, path: 'data.mesh' } : undefined;
}

function fromOperator(index: ManifestIndex, namespace: string): MeshConfigSource | undefined {
  const operator = index.ofKind('IstioOperator', 'install.istio.io').find(o => o.namespace === namespace);
  if (operator === undefined) return undefined;
  const config = (operator.raw as any).spec?.meshConfig;
  if (config === undefined || config === null) return { object: operator, config: {}, path: 'spec.meshConfig' };
  return isMapping(config) ? { object: operator, config, path: 'spec.meshConfig' } : undefined;
}

function isMapping(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The outbound traffic policy mode of the mesh configuration: ALLOW_ANY, Istio's default, when it sets none. */
export function meshOutboundMode(source: MeshConfigSource | undefined): string {
  const mode = source?.config.outboundTrafficPolicy?.mode;
  return typeof mode === 'string' && mode !== '' ? mode : 'ALLOW_ANY';
}

/** How a message names the mesh configuration: `the mesh config (ConfigMap/istio-system/istio data.mesh)`, or Istio's default. */
export function describeMeshConfig(source: MeshConfigSource | undefined): string {
  return source === undefined ? 'the mesh default (ALLOW_ANY unless changed at install)' : `the mesh config (${source.object.ref} ${source.path})`;
}
