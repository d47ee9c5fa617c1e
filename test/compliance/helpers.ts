import { resolveConfig, ComplianceConfig } from '../../src/compliance/config';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { CheckContext, CheckResult, Control } from '../../src/compliance/types';

/** Runs one control over plain objects and returns its raw results. */
export function check(control: Control, objects: unknown[], config: ComplianceConfig = {}): readonly CheckResult[] {
  const index = ManifestIndex.fromObjects(objects);
  const ctx: CheckContext = { index, config: resolveConfig({ today: '2026-11-27', ...config }), catalogue: new Map([[control.id, control]]) };
  return control.check(ctx);
}

/** `pass`, `fail` or `n/a` per object ref, for one control over the objects. */
export function outcome(control: Control, objects: unknown[], config: ComplianceConfig = {}): Record<string, 'pass' | 'fail'> {
  const out: Record<string, 'pass' | 'fail'> = {};
  for (const r of check(control, objects, config)) {
    out[r.object.ref] = !r.passed || out[r.object.ref] === 'fail' ? 'fail' : 'pass';
  }
  return out;
}

/** The failure messages of one control over the objects. */
export function messages(control: Control, objects: unknown[], config: ComplianceConfig = {}): string[] {
  return check(control, objects, config).filter(r => !r.passed).map(r => r.message ?? '');
}

/** Runs the whole engine over objects. */
export function run(objects: unknown[], config: ComplianceConfig = {}) {
  return runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27', ...config } });
}

/** A minimal Deployment around a pod spec, for fixtures. */
export function deployment(name: string, podSpec: any, extra: { namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; replicas?: number } = {}): any {
  const labels = extra.labels ?? { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: extra.namespace ?? 'team', labels, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { replicas: extra.replicas ?? 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
  };
}
