import { IndexedObject } from '../../../types';
import { refs, specOf } from './istio';

/** A PeerAuthentication mTLS mode; anything unrecognised reads as `UNSET` (inherit). */
export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

const MODES = new Set<MtlsMode>(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);

/** Normalises a mode value (`mtls.mode` or `portLevelMtls[port].mode`). */
export function mtlsMode(value: unknown): MtlsMode {
  const mode = typeof value === 'string' ? value.toUpperCase() : 'UNSET';
  return MODES.has(mode as MtlsMode) ? mode as MtlsMode : 'UNSET';
}

/** One place in a PeerAuthentication where a mode is set. */
export interface ModeLocation {
  /** JSON path of the mode field. */
  readonly path: string;
  /** How a message names it: `mtls.mode` or `port 8080`. */
  readonly label: string;
  readonly mode: MtlsMode;
}

const locations = new WeakMap<IndexedObject, readonly ModeLocation[]>();

/** Every mode a PeerAuthentication sets: the top-level mode, then each port-level mode. Computed once per object. */
export function modeLocations(pa: IndexedObject): readonly ModeLocation[] {
  let found = locations.get(pa);
  if (!found) locations.set(pa, found = readModeLocations(pa));
  return found;
}

function readModeLocations(pa: IndexedObject): ModeLocation[] {
  const spec = specOf(pa);
  const out: ModeLocation[] = [{ path: 'spec.mtls.mode', label: 'mtls.mode', mode: mtlsMode(spec.mtls?.mode) }];
  const ports = spec.portLevelMtls;
  if (ports && typeof ports === 'object' && !Array.isArray(ports)) {
    for (const port of Object.keys(ports)) {
      out.push({ path: `spec.portLevelMtls["${port}"].mode`, label: `port ${port}`, mode: mtlsMode(ports[port]?.mode) });
    }
  }
  return out;
}

/** The PeerAuthentications that apply to one pod, by level of precedence. */
export interface PeerAuthenticationLayers {
  /** Namespace-wide policies in the mesh root namespace. */
  readonly mesh: readonly IndexedObject[];
  /** Namespace-wide policies in the pod's namespace (empty when that is the root namespace). */
  readonly namespace: readonly IndexedObject[];
  /** Policies in the pod's namespace whose selector matches the pod (never in the root namespace). */
  readonly workload: readonly IndexedObject[];
}

/**
 * Why a pod is not under STRICT mTLS on every port, or an empty list when it is. Resolves Istio's
 * precedence: a workload policy overrides the namespace policy, which overrides the mesh-wide
 * policy; `UNSET` inherits; with no policy at all Istio runs PERMISSIVE. Port-level modes (only
 * honoured on workload policies) override the workload's mode per port. Two policies at the same
 * level make the outcome depend on creation time, so that is a problem in itself.
 */
export function whyNotStrict(layers: PeerAuthenticationLayers): string[] {
  const problems: string[] = [];
  let mode: MtlsMode = 'PERMISSIVE';
  let source = 'no PeerAuthentication applies and Istio defaults to PERMISSIVE';
  for (const [level, policies] of [['mesh-wide', layers.mesh], ['namespace-wide', layers.namespace], ['workload', layers.workload]] as const) {
    if (policies.length === 0) continue;
    if (policies.length > 1) {
      problems.push(`${policies.length} ${level} PeerAuthentications apply (${refs(policies)}); Istio uses only the oldest, so keep one`);
    }
    for (const pa of weakestFirst(policies)) {
      const own = modeLocations(pa)[0].mode;
      if (own === 'UNSET') continue;
      mode = own;
      source = `set by ${pa.ref}`;
      break;
    }
  }
  if (mode !== 'STRICT') problems.push(`mTLS is ${mode} (${source})`);
  for (const pa of layers.workload) {
    for (const loc of modeLocations(pa).slice(1)) {
      if (loc.mode !== 'UNSET' && loc.mode !== 'STRICT') problems.push(`${loc.label} is ${loc.mode} (portLevelMtls of ${pa.ref})`);
    }
  }
  return problems;
}

const STRENGTH: Readonly<Record<MtlsMode, number>> = { DISABLE: 0, PERMISSIVE: 1, STRICT: 2, UNSET: 3 };

/** Policies ordered from the weakest top-level mode, so ambiguity is resolved pessimistically. */
function weakestFirst(policies: readonly IndexedObject[]): IndexedObject[] {
  if (policies.length < 2) return policies as IndexedObject[];
  return [...policies].sort((a, b) => STRENGTH[modeLocations(a)[0].mode] - STRENGTH[modeLocations(b)[0].mode]);
}
