import { IndexedObject } from '../../../types';
import { specOf } from './istio';

/** TLS modes that do not give mutual TLS: plaintext and one-way TLS. */
export const WEAK_TLS_MODES: ReadonlySet<string> = new Set(['DISABLE', 'SIMPLE']);

/** A `tls` block of a DestinationRule that sets a weak mode. */
export interface WeakTls {
  /** JSON path of the mode field. */
  readonly path: string;
  readonly mode: string;
}

function weakAt(policy: any, base: string, out: WeakTls[]): void {
  if (!policy || typeof policy !== 'object') return;
  const mode = policy.tls?.mode;
  if (typeof mode === 'string' && WEAK_TLS_MODES.has(mode.toUpperCase())) out.push({ path: `${base}.tls.mode`, mode: mode.toUpperCase() });
  if (Array.isArray(policy.portLevelSettings)) {
    policy.portLevelSettings.forEach((p: any, i: number) => {
      const m = p?.tls?.mode;
      if (typeof m === 'string' && WEAK_TLS_MODES.has(m.toUpperCase())) out.push({ path: `${base}.portLevelSettings[${i}].tls.mode`, mode: m.toUpperCase() });
    });
  }
}

/**
 * Every place a DestinationRule sets TLS to DISABLE or SIMPLE: the rule's traffic policy, its
 * port-level settings, and the same in each subset.
 */
export function weakTlsSettings(rule: IndexedObject): WeakTls[] {
  const spec = specOf(rule);
  const out: WeakTls[] = [];
  weakAt(spec.trafficPolicy, 'spec.trafficPolicy', out);
  if (Array.isArray(spec.subsets)) spec.subsets.forEach((s: any, i: number) => weakAt(s?.trafficPolicy, `spec.subsets[${i}].trafficPolicy`, out));
  return out;
}
