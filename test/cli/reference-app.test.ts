import { join } from 'node:path';
import { changedDistCopy } from '../support/changed-dist';
import { ROOT, runners } from './helpers';

const DIST = join(ROOT, 'dist');

/** Mermaid edges as `from -> to : ports`, from the diagram text. */
function edges(mermaid: string): string[] {
  return mermaid.split('\n')
    .map(l => /^\s*(\S+) -\.?->\|"([^"]+)"\| (\S+)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => `${m[1]} -> ${m[3]} : ${m[2]}`)
    .sort();
}

describe.each(runners())('the CLI on the reference app (%s)', (_runner, run) => {
  test('check exits 0 with no finding', async () => {
    const r = await run(['check', DIST]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0 findings/m);
  });

  test('the diagram shows every allowed flow of the reference platform, and nothing more', async () => {
    const r = await run(['diagram', DIST]);
    expect(r.code).toBe(0);
    expect(edges(r.stdout)).toEqual([
      'internet -> ns_ingress_nginx : TCP/80, TCP/443',
      // cert-manager's ACME HTTP-01 solver pods, created only while a challenge is open.
      'ns_ingress_nginx -> pods_storefront_acme_cert_manager_io_http01_solver_true : TCP/8089',
      'ns_ingress_nginx -> w_payments_payments_api : TCP/8443',
      'ns_ingress_nginx -> w_storefront_web : TCP/8080',
      'ns_monitoring -> w_payments_payments_api : TCP/9090',
      'ns_monitoring -> w_storefront_catalog : TCP/9090',
      'ns_monitoring -> w_storefront_web : TCP/9090',
      'ns_payments -> pods_istio_system_app_istiod : TCP/15012',
      'ns_payments -> pods_kube_system_k8s_app_kube_dns : TCP/53, UDP/53',
      'ns_storefront -> pods_istio_system_app_istiod : TCP/15012',
      'ns_storefront -> pods_kube_system_k8s_app_kube_dns : TCP/53, UDP/53',
      'w_payments_fraud_scoring -> ext_10_20_0_10_32 : TCP/443',
      'w_payments_ledger -> w_payments_ledger : TCP/5432',
      'w_payments_payments_api -> ext_203_0_113_0_24 : TCP/443',
      'w_payments_payments_api -> w_payments_fraud_scoring : TCP/50051',
      'w_payments_payments_api -> w_payments_ledger : TCP/5432',
      'w_storefront_cart -> w_payments_payments_api : TCP/8443',
      'w_storefront_web -> w_storefront_cart : TCP/8080',
      'w_storefront_web -> w_storefront_catalog : TCP/8080',
    ]);
  });

  test('the diagram names the external ranges by what their policies record: a host, or the Kubernetes API server of a grant', async () => {
    const r = await run(['diagram', DIST]);
    expect(r.stdout.split('\n').filter(l => l.startsWith('  ext_'))).toEqual([
      '  ext_10_20_0_10_32[/"10.20.0.10/32 (Kubernetes API server)"/]',
      '  ext_203_0_113_0_24[/"203.0.113.0/24 (api.cardprocessor.example.com)"/]',
    ]);
  });

  test('diff against a copy with an allow-all NetworkPolicy and a wildcard Role reports exactly those', async () => {
    const copy = changedDistCopy(DIST);
    const r = await run(['diff', DIST, copy, '--format', 'json', '--fail-on', 'new-findings']);
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout);
    expect(diff.objects).toEqual({
      added: ['NetworkPolicy/payments/allow-all', 'Role/payments/everything', 'RoleBinding/payments/everything'],
      removed: [],
      changed: [],
      fields: [],
      copies: [],
      templateCopies: [],
    });
    expect([...new Set(diff.findings.added.map((f: any) => `${f.controlId} ${f.object}`))].sort()).toEqual([
      'network-metrics-from-monitoring NetworkPolicy/payments/allow-all',
      'network-no-allow-all-ingress NetworkPolicy/payments/allow-all',
      'rbac-no-cluster-admin-binding RoleBinding/payments/everything',
      'rbac-no-escalation-verbs Role/payments/everything',
      'rbac-no-pod-exec Role/payments/everything',
      'rbac-no-privilege-paths Role/payments/everything',
      'rbac-no-secrets-read Role/payments/everything',
      'rbac-no-wildcards Role/payments/everything',
    ]);
    expect(diff.findings.fixed).toEqual([]);
    // the allow-all NetworkPolicy opens the network layer. Over TCP the namespace's allow-nothing
    // AuthorizationPolicy still admits only the named principals; the sidecar does not proxy UDP
    // or SCTP, so those open to every source into payments, and nothing else changes: each flow
    // of the base is still there, with UDP and SCTP added
    const key = (f: any) => `${JSON.stringify(f.from)} -> ${JSON.stringify(f.to)}`;
    const added = new Map<string, string[]>(diff.flows.added.map((f: any) => [key(f), f.ports]));
    expect(diff.flows.added.every((f: any) => f.to.id.startsWith('payments/') && f.ports.includes('SCTP/*') && f.ports.includes('UDP/*'))).toBe(true);
    expect(diff.flows.added.some((f: any) => f.from.type === 'any')).toBe(true);
    expect(diff.flows.removed.map((f: any) => [key(f), f.ports.every((p: string) => added.get(key(f))?.includes(p))]))
      .toEqual(diff.flows.removed.map((f: any) => [key(f), true]));
    expect(diff.rights.added.length).toBeGreaterThan(0);
    expect(diff.rights.added.every((x: any) => x.subject === 'Group:oidc:payments-devs' && x.namespace === 'payments')).toBe(true);
    expect(diff.rights.removed).toEqual([]);
    expect(diff.suppressions.added).toEqual([]);
  });
});
