import { describeEndpoint } from '../../../src/compliance/network/flows';
import { hasChanges, newlyAllowed } from '../../../src/compliance/posture/diff';
import { afterObjects, beforeObjects, diffOf } from './fixtures';

describe('diffPosture', () => {
  const diff = diffOf(beforeObjects(), afterObjects());

  test('lists new and fixed findings by control, object and path', () => {
    expect(diff.findings.added.map(f => `${f.controlId} ${f.object} ${f.path}`)).toEqual([
      'demo-non-root Deployment/team/batch spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'demo-non-root Deployment/team/jobs spec.template.spec.containers[0].securityContext.runAsNonRoot',
    ]);
    expect(diff.findings.fixed.map(f => `${f.controlId} ${f.object}`)).toEqual(['demo-non-root Deployment/team/api']);
    expect(diff.findings.added[1]).toEqual({
      controlId: 'demo-non-root', title: 'Containers run as a non-root user', severity: 'high', object: 'Deployment/team/jobs',
      path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot', message: 'container "app": runAsNonRoot is not true',
    });
  });

  test('lists allowed flows added and removed, a change of ports being both', () => {
    const show = (fs: typeof diff.flows.added) => fs.map(f => `${describeEndpoint(f.from)} -> ${describeEndpoint(f.to)} [${f.ports.join(', ')}]`);
    expect(show(diff.flows.added)).toEqual([
      'namespace ingress-nginx -> team/api [TCP/8080, TCP/8443]',
      'team/jobs -> internet [TCP/443]',
      // Its block of every address reaches the pods it resolves names with on 443 too.
      'team/jobs -> namespace kube-system (k8s-app=kube-dns) [TCP/53, TCP/443, UDP/53]',
    ]);
    expect(show(diff.flows.removed)).toEqual(['namespace ingress-nginx -> team/api [TCP/8080]']);
  });

  test('tells which flows are newly allowed, and on which ports', () => {
    expect(newlyAllowed(diff).map(f => `${describeEndpoint(f.from)} -> ${describeEndpoint(f.to)} [${f.ports.join(', ')}]`)).toEqual([
      'namespace ingress-nginx -> team/api [TCP/8443]',
      'team/jobs -> internet [TCP/443]',
      'team/jobs -> namespace kube-system (k8s-app=kube-dns) [TCP/53, TCP/443, UDP/53]',
    ]);
  });

  test('lists RBAC rights added, by subject and verb', () => {
    expect(diff.rights.added.map(r => `${r.subject} ${r.verb} ${r.resource}`)).toEqual([
      'Group:oidc:devs list configmaps',
      'User:alice@example.com get configmaps',
      'User:alice@example.com list configmaps',
    ]);
    expect(diff.rights.removed).toEqual([]);
  });

  test('lists suppressions removed, changed and newly expired', () => {
    expect(diff.suppressions.added).toEqual([]);
    expect(diff.suppressions.removed).toEqual([{ object: 'Deployment/team/legacy', controlId: 'demo-non-root', reason: 'kept for the migration of the billing data', status: 'active' }]);
    expect(diff.suppressions.changed).toEqual([{
      before: { object: 'Deployment/team/web', controlId: 'demo-non-root', reason: 'vendor image needs root until SEC-142 lands', expires: '2026-12-31', status: 'active' },
      after: { object: 'Deployment/team/web', controlId: 'demo-non-root', reason: 'vendor image needs root until SEC-142 lands', expires: '2027-03-31', status: 'active' },
    }]);
    expect(diff.suppressions.expired).toEqual([{ object: 'Deployment/team/batch', controlId: 'demo-non-root', reason: 'legacy batch job is being rewritten in SEC-150', expires: '2026-11-30', status: 'expired' }]);
  });

  test('lists objects added, removed and changed by ref, with the fields that changed', () => {
    expect(diff.objects.added).toEqual(['Deployment/team/jobs', 'NetworkPolicy/team/jobs-egress']);
    expect(diff.objects.removed).toEqual(['Deployment/team/legacy']);
    expect(diff.objects.changed).toEqual(['Deployment/team/api', 'Deployment/team/web', 'NetworkPolicy/team/api-from-ingress', 'Role/team/reader', 'RoleBinding/team/reader']);
    expect(diff.objects.fields?.map(o => o.ref)).toEqual(diff.objects.changed);
    expect(Object.fromEntries(diff.objects.fields?.map(o => [o.ref, o.fields]) ?? [])).toEqual({
      'Deployment/team/api': [{ path: 'spec.template.spec.securityContext', change: 'added', after: { runAsNonRoot: true } }],
      'Deployment/team/web': [{
        path: 'metadata.annotations["soc2.cdk8s.io/suppress.demo-non-root"]', change: 'changed',
        before: 'until 2026-12-31: vendor image needs root until SEC-142 lands', after: 'until 2027-03-31: vendor image needs root until SEC-142 lands',
      }],
      'NetworkPolicy/team/api-from-ingress': [{ path: 'spec.ingress[0].ports[1]', change: 'added', after: { port: 8443 } }],
      'Role/team/reader': [{ path: 'rules[0].verbs', change: 'changed', before: ['get'], after: ['get', 'list'] }],
      'RoleBinding/team/reader': [{ path: 'subjects[1] (alice@example.com)', change: 'added', after: { kind: 'User', name: 'alice@example.com' } }],
    });
    expect(diff.objects.fields?.every(o => o.omitted === 0)).toBe(true);
  });

  test('names an object the input repeats with different contents, without listing fields', () => {
    const api = beforeObjects().find((o: any) => o.metadata.name === 'api') as { spec: object };
    const variant = { ...api, spec: { ...api.spec, replicas: 7 } };
    const d = diffOf(beforeObjects(), [...beforeObjects(), variant], '2026-11-27');
    expect(d.objects.changed).toEqual(['Deployment/team/api']);
    expect(d.objects.fields).toEqual([]);
  });

  test('does not count a change of key order, or an object repeated unchanged, as a change of contents; a changed image is a change of any kind', () => {
    const reordered = beforeObjects().map((o: any) => Object.fromEntries(Object.entries(o).reverse()));
    const same = diffOf(beforeObjects(), reordered, '2026-11-27');
    expect(same.objects.changed).toEqual([]);
    expect(hasChanges(same, 'any')).toBe(false);
    expect(diffOf(beforeObjects(), [...reordered, ...beforeObjects()], '2026-11-27').objects.changed).toEqual([]);
    const swapped = beforeObjects().map((o: any) => (o.kind === 'Deployment' && o.metadata.name === 'api'
      ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, containers: [{ ...o.spec.template.spec.containers[0], image: 'evil.example.org/api:6.6.6' }] } } } } : o));
    const changed = diffOf(beforeObjects(), swapped, '2026-11-27');
    expect(changed.objects.changed).toEqual(['Deployment/team/api']);
    expect(hasChanges(changed, 'any')).toBe(true);
    expect(hasChanges(changed, 'new-findings')).toBe(false);
  });

  test('adds a suppression, marking one that is already invalid', () => {
    const after = beforeObjects().map((o: any) => (o.metadata.name === 'api'
      ? { ...o, metadata: { ...o.metadata, annotations: { 'soc2.cdk8s.io/suppress.demo-non-root': 'TODO' } } } : o));
    expect(diffOf(beforeObjects(), after, '2026-11-27').suppressions.added).toEqual([{ object: 'Deployment/team/api', controlId: 'demo-non-root', reason: 'TODO', status: 'invalid' }]);
  });

  test('marks invalid the suppressions the engine would not honour: an unknown control, or one that cannot be suppressed', () => {
    const reason = 'needs raw device access for the card reader';
    const after = beforeObjects().map((o: any) => (o.metadata.name === 'api'
      ? { ...o, metadata: { ...o.metadata, annotations: { 'soc2.cdk8s.io/suppress.no-such-control': reason, 'soc2.cdk8s.io/suppress.pod-no-privileged': reason } } } : o));
    expect(diffOf(beforeObjects(), after, '2026-11-27').suppressions.added.map(s => `${s.controlId} ${s.status}`))
      .toEqual(['no-such-control invalid', 'pod-no-privileged invalid']);
  });

  test('marks invalid a suppression beyond the maxSuppressionDays setting, as the engine would not honour it', () => {
    const annotated = (value: string) => beforeObjects().map((o: any) => (o.metadata.name === 'api'
      ? { ...o, metadata: { ...o.metadata, annotations: { 'soc2.cdk8s.io/suppress.demo-non-root': value } } } : o));
    const status = (value: string, settings = {}) => diffOf(beforeObjects(), annotated(value), '2026-11-27', settings).suppressions.added.map(s => s.status);
    const reason = 'legacy image runs as root until SEC-150 lands';
    expect(status(reason)).toEqual(['active']);
    expect(status(reason, { maxSuppressionDays: 30 })).toEqual(['invalid']);
    expect(status(`until 2026-12-27: ${reason}`, { maxSuppressionDays: 30 })).toEqual(['active']);
    expect(status(`until 2026-12-28: ${reason}`, { maxSuppressionDays: 30 })).toEqual(['invalid']);
  });

  test('tells which kinds of change it holds', () => {
    expect(['new-findings', 'new-flows', 'new-rights', 'new-suppressions', 'any'].map(k => hasChanges(diff, k as any))).toEqual([true, true, true, true, true]);
    const none = diffOf(beforeObjects(), beforeObjects(), '2026-11-27');
    expect(['new-findings', 'new-flows', 'new-rights', 'new-suppressions', 'any'].map(k => hasChanges(none, k as any))).toEqual([false, false, false, false, false]);
    const reverse = diffOf(afterObjects(), beforeObjects(), '2026-11-27');
    expect(reverse.flows.added).toHaveLength(1);
    expect(hasChanges(reverse, 'new-flows')).toBe(false);
    expect(hasChanges(reverse, 'any')).toBe(true);
  });

  test('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});
