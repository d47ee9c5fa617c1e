/** A small, fully known compliance run for the report tests. */
import { checkContainers, defineControl, effectiveSecurityContext, fail, pass } from '../../../src/compliance/control';
import { ComplianceReport, runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { suppressionKey, suppressionValue } from '../../../src/compliance/suppressions';
import { SourceLocation } from '../../../src/compliance/types';
import { deployment } from '../helpers';

/** Containers run as non-root (a copy of the catalogue's control, so these tests do not follow its wording). */
export const demoNonRoot = defineControl({
  id: 'demo-non-root',
  title: 'Containers run as a non-root user',
  condition: 'Every container has runAsNonRoot: true.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: { pss: 'restricted: Running as Non-root', cis: '5.2.6', kubescape: ['C-0013'] },
  remediation: 'Set securityContext.runAsNonRoot: true on the pod.',
  example: 'securityContext:\n  runAsNonRoot: true',
  check: ctx => checkContainers(ctx, c => (effectiveSecurityContext(c, 'runAsNonRoot') === true ? undefined
    : { message: 'runAsNonRoot is not true', path: 'securityContext.runAsNonRoot' })),
});

/** Deployments run at least two replicas. */
export const demoReplicas = defineControl({
  id: 'demo-replicas',
  title: 'Workloads run at least two replicas',
  condition: 'Every Deployment runs two replicas or more.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: { polaris: ['deploymentMissingReplicas'] },
  remediation: 'Set spec.replicas to 2 or more.',
  example: 'spec:\n  replicas: 2',
  check: ctx => ctx.index.ofKind('Deployment').map(d => ((d.raw.spec?.replicas ?? 1) >= 2
    ? pass(d) : fail(d, `runs ${d.raw.spec?.replicas ?? 1} replica`, 'spec.replicas'))),
});

/** A control whose check throws: the engine turns it into a finding of its own. */
export const demoBroken = defineControl({
  id: 'demo-broken',
  title: 'A control that cannot be evaluated',
  condition: 'Never holds.',
  severity: 'critical',
  criteria: ['CC7.2'],
  references: {},
  remediation: 'Fix the control.',
  suppressible: false,
  check: () => {
    throw new Error('boom');
  },
});

const SECURE = { securityContext: { runAsNonRoot: true, runAsUser: 10001 }, containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }] };
const ROOT = { containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }] };

/** The documents of the sample run, with their sources. */
export function sampleDocuments(): { doc: unknown; source: SourceLocation }[] {
  const file = 'manifests/app.yaml';
  return [
    { doc: deployment('api', ROOT, { replicas: 3 }), source: { file, document: 1, line: 1, constructPath: 'app/api/Resource' } },
    {
      doc: deployment('web', ROOT, {
        replicas: 1,
        annotations: { [suppressionKey('demo-non-root')]: suppressionValue('vendor image needs root until SEC-142 lands', '2027-03-31') },
      }),
      source: { file, document: 2, line: 30 },
    },
    { doc: deployment('worker', SECURE), source: { file, document: 3, line: 61 } },
    { doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' } }, source: { file, document: 4, line: 90 } },
    { doc: 'release notes, not a manifest', source: { file: 'manifests/notes.yaml', document: 1, line: 1 } },
  ];
}

/** Runs the sample with the three demo controls. */
export function sampleReport(today = '2026-11-27', fromSettings = false): ComplianceReport {
  const report = runCompliance(ManifestIndex.fromDocuments(sampleDocuments()), { controls: [demoNonRoot, demoReplicas, demoBroken], config: { today } });
  // `today` stands for the clock's date of a run unless the test says it came from the settings.
  return fromSettings ? report : { ...report, config: { ...report.config, todayFromSettings: false } };
}

/** A run without any finding. */
export function cleanReport(): ComplianceReport {
  return runCompliance(ManifestIndex.fromObjects([deployment('worker', SECURE)]), { controls: [demoNonRoot, demoReplicas], config: { today: '2026-11-27' } });
}
