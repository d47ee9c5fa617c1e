/** Two versions of a small platform, for the posture-diff tests. */
import { ComplianceConfig } from '../../../src/compliance/config';
import { runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { computeFlows } from '../../../src/compliance/network/flows';
import { diffPosture, PostureDiff } from '../../../src/compliance/posture/diff';
import { suppressionKey, suppressionValue } from '../../../src/compliance/suppressions';
import { deployment } from '../helpers';
import { ALLOW_DNS, DEFAULT_DENY, networkPolicy } from '../network/fixtures';
import { demoNonRoot, demoReplicas } from '../reports/fixtures';

const RBAC = 'rbac.authorization.k8s.io/v1';
const SECURE = { securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'registry.example.com/app:1' }] };
const ROOT = { containers: [{ name: 'app', image: 'registry.example.com/app:1' }] };
const suppress = (reason: string, until?: string) => ({ [suppressionKey('demo-non-root')]: suppressionValue(reason, until) });

function reader(verbs: string[], subjects: any[]): unknown[] {
  return [
    { apiVersion: RBAC, kind: 'Role', metadata: { name: 'reader', namespace: 'team' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs }] },
    { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'reader', namespace: 'team' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects },
  ];
}

/** The platform before the change. */
export function beforeObjects(): unknown[] {
  return [
    deployment('api', ROOT),
    deployment('web', ROOT, { annotations: suppress('vendor image needs root until SEC-142 lands', '2026-12-31') }),
    deployment('batch', ROOT, { annotations: suppress('legacy batch job is being rewritten in SEC-150', '2026-11-30') }),
    deployment('legacy', SECURE, { annotations: suppress('kept for the migration of the billing data') }),
    DEFAULT_DENY('team'),
    ALLOW_DNS('team'),
    networkPolicy('team', 'api-from-ingress', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }],
    }),
    ...reader(['get'], [{ kind: 'Group', name: 'oidc:devs' }]),
  ];
}

/**
 * The platform after the change: api fixed, a new root workload `jobs` with egress to the
 * internet, the web suppression extended, the legacy workload and its suppression removed,
 * configmap `list` granted to a new user, and the api ingress widened to port 8443.
 */
export function afterObjects(): unknown[] {
  return [
    deployment('api', SECURE),
    deployment('web', ROOT, { annotations: suppress('vendor image needs root until SEC-142 lands', '2027-03-31') }),
    deployment('batch', ROOT, { annotations: suppress('legacy batch job is being rewritten in SEC-150', '2026-11-30') }),
    deployment('jobs', ROOT),
    DEFAULT_DENY('team'),
    ALLOW_DNS('team'),
    networkPolicy('team', 'api-from-ingress', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }, { port: 8443 }] }],
    }),
    networkPolicy('team', 'jobs-egress', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'jobs' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }],
    }),
    ...reader(['get', 'list'], [{ kind: 'Group', name: 'oidc:devs' }, { kind: 'User', name: 'alice@example.com' }]),
  ];
}

/** Runs both versions (before on 2026-11-27, after on 2026-12-01) and diffs them. */
export function diffOf(before: unknown[], after: unknown[], todayAfter = '2026-12-01', settings: ComplianceConfig = {}): PostureDiff {
  const run = (objs: unknown[], today: string) => {
    const report = runCompliance(ManifestIndex.fromObjects(objs), { controls: [demoNonRoot, demoReplicas], config: { ...settings, today } });
    return { report, model: computeFlows(report.index, report.config) };
  };
  const b = run(before, '2026-11-27');
  const a = run(after, todayAfter);
  return diffPosture(b.report, a.report, b.model, a.model);
}
