import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { computeFlows, NetworkModel } from '../../../src/compliance/network/flows';
import { toMermaid } from '../../../src/compliance/network/mermaid';
import { paymentsPlatform, workload } from './fixtures';

function diagram(objects: unknown[]): string {
  return toMermaid(computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({ today: '2026-11-27' })));
}

describe('toMermaid', () => {
  const text = diagram([...paymentsPlatform(), workload('batch', 'worker')]);
  const lines = text.trimEnd().split('\n');

  test('reads as the snapshot', () => {
    expect(text).toMatchSnapshot();
  });

  test('is a left-to-right flowchart', () => {
    expect(lines[0]).toBe('flowchart LR');
  });

  test('draws one subgraph per namespace with its workloads', () => {
    expect(lines.filter(l => l.trim().startsWith('subgraph '))).toEqual([
      '  subgraph ns_batch["namespace batch"]',
      '  subgraph ns_kube_system["namespace kube-system"]',
      '  subgraph ns_payments["namespace payments"]',
    ]);
    const payments = lines.slice(lines.indexOf('  subgraph ns_payments["namespace payments"]'));
    expect(payments.slice(1, 4)).toEqual(['    w_payments_api["api"]', '    w_payments_ledger["ledger"]', '  end']);
  });

  test('draws the internet, outside namespaces, external addresses and any', () => {
    expect(lines).toEqual(expect.arrayContaining([
      '  internet(("internet"))', '  ns_ingress_nginx(["namespace ingress-nginx"])', '  ext_203_0_113_0_24[/"203.0.113.0/24"/]', '  any{{"any"}}',
    ]));
  });

  test('labels edges with ports, dashes those from the internet or any, and starts a namespace-wide edge at its subgraph', () => {
    expect(lines.filter(l => l.includes('->'))).toEqual([
      '  any -.->|"any"| w_batch_worker',
      '  internet -.->|"TCP/80, TCP/443"| ns_ingress_nginx',
      '  ns_ingress_nginx -->|"TCP/8080"| w_payments_api',
      '  ns_payments -->|"TCP/53, UDP/53"| pods_kube_system_k8s_app_kube_dns',
      '  w_batch_worker -.->|"any"| any',
      '  w_payments_api -->|"TCP/443"| ext_203_0_113_0_24',
      '  w_payments_api -->|"TCP/5432"| w_payments_ledger',
    ]);
  });

  test('gives distinct ids to names that sanitize alike, and escapes labels', () => {
    const model: NetworkModel = {
      workloads: [
        { id: 'a/b-c', namespace: 'a', name: 'b-c', kind: 'Deployment' },
        { id: 'a/b.c', namespace: 'a', name: 'b.c', kind: 'Deployment' },
      ],
      flows: [{ from: { type: 'external', host: 'say "hi" <there>' }, to: { type: 'workload', id: 'a/b.c' }, ports: ['TCP/1'], via: [] }],
    };
    expect(toMermaid(model)).toBe([
      'flowchart LR',
      '  ext_say_hi_there[/"say #quot;hi#quot; #lt;there#gt;"/]',
      '  subgraph ns_a["namespace a"]',
      '    w_a_b_c["b-c"]',
      '    w_a_b_c_2["b.c"]',
      '  end',
      '  ext_say_hi_there -->|"TCP/1"| w_a_b_c_2',
      '',
    ].join('\n'));
  });

  test('is deterministic whatever the input order', () => {
    expect(diagram([workload('batch', 'worker'), ...paymentsPlatform().reverse()])).toBe(text);
  });
});
