import { App, Chart } from 'cdk8s';
import { CompliantWorkload, ExternalHost, MeshMtls, Peer, SensitiveNamespace } from '../../constructs';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { IMAGE, namespace, newChart, synthApp } from '../support/synth';

/**
 * An external host named both mesh-wide (MeshMtls externalHosts) and by a workload
 * (allowEgressTo with a host). Istio keeps one service per host for a proxy and, when the host is
 * imported from several namespaces, takes the one of the proxy's own namespace: a namespace-local
 * ServiceEntry for the host would replace the mesh-wide one for every workload of that namespace.
 */
const HOST = 'api.processor.example.com';
const REASON = 'card authorisations through the processor (PAY-17)';
const CIDR = '203.0.113.0/24';

interface Fixture {
  readonly app: App;
  readonly team: Chart;
  readonly platform: Chart;
  readonly pay: SensitiveNamespace;
  readonly api: CompliantWorkload;
}

/** A team chart with namespace `pay` and workload `api`, and an empty platform chart. */
function fixture(): Fixture {
  const { app, chart: team } = newChart('team');
  const pay = namespace(team, 'pay');
  const api = new CompliantWorkload(team, 'api', { namespace: pay, image: IMAGE, port: 8080 });
  return { app, team, platform: new Chart(app, 'platform'), pay, api };
}

function meshWith(f: Fixture, hosts: readonly ExternalHost[]): MeshMtls {
  return new MeshMtls(f.platform, 'mesh', { externalHosts: hosts });
}

/** Every ServiceEntry of the app, as `namespace/name hosts ports`. */
function serviceEntries(objects: readonly any[]): string[] {
  return objects.filter(o => o.kind === 'ServiceEntry')
    .map(o => `${o.metadata.namespace}/${o.metadata.name} ${o.spec.hosts.join(',')} ${o.spec.ports.map((p: any) => p.number).join(',')}`).sort();
}

describe('an external host served mesh-wide is not shadowed by a namespace\'s own ServiceEntry', () => {
  test.each([
    ['the mesh first', true],
    ['the workloads first', false],
  ])('with %s, the namespace leaves the host to the mesh-wide ServiceEntry; its NetworkPolicy still admits only the range and port', (_, meshFirst) => {
    const f = fixture();
    if (meshFirst) meshWith(f, [{ host: HOST, reason: REASON }]);
    f.api.allowEgressTo(Peer.cidr(CIDR, 443, { host: HOST }), { reason: REASON });
    if (!meshFirst) meshWith(f, [{ host: HOST, reason: REASON }]);
    const objects = synthApp(f.app);
    expect(serviceEntries(objects)).toEqual([`istio-system/external-api-processor-example-com ${HOST} 443`]);
    const np = objects.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'api' && o.metadata.namespace === 'pay');
    expect(np.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: CIDR } }], ports: [{ port: 443, protocol: 'TCP' }] });
    expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe(`${CIDR} TCP/443 (${HOST}): ${REASON}`);
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(objects)).findings).toEqual([]);
  });
});

describe('several workloads and namespaces, the mesh created between them', () => {
  test('every namespace leaves a host served mesh-wide on its ports to the mesh; a host the mesh does not serve keeps its own ServiceEntry', () => {
    const f = fixture();
    const shop = namespace(f.team, 'shop');
    const refunds = new CompliantWorkload(f.team, 'refunds', { namespace: f.pay, image: IMAGE, port: 8080 });
    const web = new CompliantWorkload(f.team, 'web', { namespace: shop, image: IMAGE, port: 8080 });
    f.api.allowEgressTo(Peer.cidr(CIDR, 443, { host: HOST }), { reason: REASON });
    refunds.allowEgressTo(Peer.cidr('198.51.100.0/24', 8443, { host: HOST }), { reason: 'refund status (PAY-18)' });
    refunds.allowEgressTo(Peer.cidr('192.0.2.0/24', 443, { host: 'api.partner.example.net' }), { reason: 'partner order feed (ORD-9)' });
    meshWith(f, [{ host: HOST, reason: REASON }, { host: HOST, port: 8443, reason: 'refund status (PAY-18)' }]);
    // After the mesh: a new namespace, and a namespace whose own entry the mesh removed, reaching the host again.
    web.allowEgressTo(Peer.cidr(CIDR, 8443, { host: HOST }), { reason: 'refund status for the shop pages' });
    refunds.allowEgressTo(Peer.cidr(CIDR, 443, { host: HOST }), { reason: 'refunds through the processor' });
    // A range without a host is matched by address under a name of its own, which shadows nothing.
    web.allowEgressTo(Peer.cidr(CIDR, 443), { reason: 'the processor by address' });
    const objects = synthApp(f.app);
    expect(serviceEntries(objects)).toEqual([
      `istio-system/external-api-processor-example-com ${HOST} 443,8443`,
      'pay/egress-api-partner-example-net api.partner.example.net 443',
      'shop/egress-203-0-113-0-24-tcp-443 203-0-113-0-24-tcp-443.shop.external 443',
    ]);
    const egress = (name: string, ns: string) => objects.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === name && o.metadata.namespace === ns)
      .spec.egress.filter((r: any) => r.to?.[0]?.ipBlock).map((r: any) => `${r.to[0].ipBlock.cidr}:${r.ports[0].port}`).sort();
    expect(egress('api', 'pay')).toEqual([`${CIDR}:443`]);
    expect(egress('refunds', 'pay')).toEqual(['192.0.2.0/24:443', '198.51.100.0/24:8443', `${CIDR}:443`]);
    expect(egress('web', 'shop')).toEqual([`${CIDR}:443`, `${CIDR}:8443`]);
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(objects)).findings).toEqual([]);
  });
});

describe('a port the mesh-wide ServiceEntry does not serve is refused, whichever is created first', () => {
  test('allowEgressTo after the mesh: the workload names the mesh, the port and both fixes, and records nothing', () => {
    const f = fixture();
    meshWith(f, [{ host: HOST, reason: REASON }]);
    expectSoc2Error(() => f.api.allowEgressTo(Peer.cidr(CIDR, 8443, { host: HOST }), { reason: REASON }), {
      code: 'INVALID_PEER', path: 'team/api', prop: 'allowEgressTo(peer.host)', value: `"${HOST}"`,
      problem: /served mesh-wide by the MeshMtls platform\/mesh \(externalHosts, port 443\) but not on port 8443: a ServiceEntry of namespace "pay" for the host would shadow the mesh-wide one for every workload of that namespace .*no route to it on 443/,
      fix: /add \{ host: 'api\.processor\.example\.com', port: 8443, reason: '…' \} to the externalHosts of platform\/mesh.*or omit host \(Peer\.cidr\('203\.0\.113\.0\/24', 8443\)\)/,
    });
    // The refused call left no rule behind, and the same range by address is accepted.
    f.api.allowEgressTo(Peer.cidr(CIDR, 8443), { reason: REASON });
    const objects = synthApp(f.app);
    expect(serviceEntries(objects)).toEqual([
      `istio-system/external-api-processor-example-com ${HOST} 443`,
      'pay/egress-203-0-113-0-24-tcp-8443 203-0-113-0-24-tcp-8443.pay.external 8443',
    ]);
    const np = objects.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'api');
    expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe(`${CIDR} TCP/8443: ${REASON}`);
    expect(runCompliance(ManifestIndex.fromObjects(objects)).findings).toEqual([]);
  });

  test('a host the mesh serves on 8443 only is refused on 443', () => {
    const f = fixture();
    meshWith(f, [{ host: HOST, port: 8443, reason: REASON }]);
    expectSoc2Error(() => f.api.allowEgressTo(Peer.cidr(CIDR, 443, { host: HOST }), { reason: REASON }), {
      code: 'INVALID_PEER', path: 'team/api', prop: 'allowEgressTo(peer.host)', value: `"${HOST}"`,
      problem: /\(externalHosts, port 8443\) but not on port 443/, fix: /port: 443/,
    });
  });

  test('the mesh after the workloads: one error names every namespace, workload and port, and the mesh is not recorded', () => {
    const f = fixture();
    const shop = namespace(f.team, 'shop');
    const refunds = new CompliantWorkload(f.team, 'refunds', { namespace: f.pay, image: IMAGE, port: 8080 });
    const web = new CompliantWorkload(f.team, 'web', { namespace: shop, image: IMAGE, port: 8080 });
    f.api.allowEgressTo(Peer.cidr(CIDR, 443, { host: HOST }), { reason: REASON });
    f.api.allowEgressTo(Peer.cidr(CIDR, 8443, { host: HOST }), { reason: REASON });
    refunds.allowEgressTo(Peer.cidr('198.51.100.0/24', 8443, { host: HOST }), { reason: REASON });
    web.allowEgressTo(Peer.cidr(CIDR, 9443, { host: HOST }), { reason: REASON });
    let thrown: unknown;
    try {
      meshWith(f, [{ host: 'api.partner.example.net', reason: REASON }, { host: HOST, reason: REASON }]);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toContain('[INVALID_HOST] platform/mesh: 2 invalid props');
    expectSoc2Error(() => { throw thrown; }, {
      code: 'INVALID_HOST', path: 'platform/mesh', prop: 'externalHosts[1].host', value: `"${HOST}"`,
      problem: /also reached by name from namespace "pay" \(allowEgressTo\(peer.host\) of team\/api, team\/refunds on port 8443\), on a port the mesh-wide ServiceEntry does not serve: a ServiceEntry of namespace "pay" for the host would shadow the mesh-wide one/,
      fix: /add \{ host: 'api\.processor\.example\.com', port: 8443, reason: '…' \} to externalHosts.*or omit host in those allowEgressTo\(Peer\.cidr\(\.\.\.\)\) calls/,
    });
    expect((thrown as Error).message).toMatch(/from namespace "shop" \(allowEgressTo\(peer.host\) of team\/web on port 9443\)/);
    // Nothing changed: the namespaces keep their entries and a MeshMtls can still be created without the host.
    new MeshMtls(f.platform, 'mesh2', { externalHosts: [{ host: 'api.partner.example.net', reason: REASON }] });
    expect(serviceEntries(synthApp(f.app))).toEqual([
      'istio-system/external-api-partner-example-net api.partner.example.net 443',
      `pay/egress-api-processor-example-com ${HOST} 443,8443`,
      `shop/egress-api-processor-example-com ${HOST} 9443`,
    ]);
  });
});

describe('hosts are compared as written, which both sides require in one spelling', () => {
  test.each([
    ['upper case', 'API.processor.example.com', /must be lower case/],
    ['a trailing dot', `${HOST}.`, /not a fully qualified DNS name/],
  ])('a host with %s is refused by allowEgressTo and by MeshMtls, so it cannot pass for another host', (_, host, problem) => {
    const f = fixture();
    expectSoc2Error(() => f.api.allowEgressTo(Peer.cidr(CIDR, 443, { host }), { reason: REASON }),
      { code: 'INVALID_PEER', path: 'team/api', prop: 'allowEgressTo(peer.host)', value: JSON.stringify(host), problem, fix: /lower-case DNS name|use "/ });
    expectSoc2Error(() => meshWith(f, [{ host, reason: REASON }]),
      { code: 'INVALID_HOST', path: 'platform/mesh', prop: 'externalHosts[0].host', value: JSON.stringify(host), problem, fix: /lower-case DNS name|use "/ });
  });
});

describe('a namespace\'s own ServiceEntries', () => {
  /** Every object the app writes, in order, with two workloads that call three hosts in the order given. */
  function objectsWhenCalled(order: readonly number[], meshLast: boolean): any[] {
    const f = fixture();
    const worker = new CompliantWorkload(f.team, 'worker', { namespace: f.pay, image: IMAGE, port: 8081 });
    const calls = [
      () => f.api.allowEgressTo(Peer.cidr('198.51.100.0/28', 443, { host: 'b.partner.example.com' }), { reason: 'partner B (PAY-2)' }),
      () => worker.allowEgressTo(Peer.cidr('192.0.2.0/28', 443, { host: 'a.partner.example.com' }), { reason: 'partner A (PAY-1)' }),
      () => f.api.allowEgressTo(Peer.cidr('192.0.2.64/28', 5432), { reason: 'the ledger database (PAY-3)' }),
      () => worker.allowEgressTo(Peer.cidr(CIDR, 443, { host: HOST }), { reason: REASON }),
    ];
    if (!meshLast) meshWith(f, [{ host: 'c.partner.example.com', reason: 'partner C (PAY-4)' }]);
    for (const i of order) calls[i]();
    if (meshLast) meshWith(f, [{ host: 'c.partner.example.com', reason: 'partner C (PAY-4)' }]);
    return synthApp(f.app);
  }

  test('are written in name order, whatever the order of the allowEgressTo calls', () => {
    const first = objectsWhenCalled([0, 1, 2, 3], false);
    const names = first.filter(o => o.kind === 'ServiceEntry' && o.metadata.namespace === 'pay').map(o => o.metadata.name);
    expect(names).toStrictEqual([...names].sort());
    expect(names).toHaveLength(4);
    for (const order of [[3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]]) {
      for (const meshLast of [false, true]) expect(JSON.stringify(objectsWhenCalled(order, meshLast))).toBe(JSON.stringify(first));
    }
  });
});
