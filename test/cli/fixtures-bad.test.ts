import { CATALOGUE } from '../../src/compliance/catalogue';
import { runners } from './helpers';

/** The control each file of test/fixtures/bad exists to trigger (see its README). */
const EXPECTED: Record<string, string> = {
  'privileged-pod.yaml': 'pod-no-privileged',
  'host-path.yaml': 'pod-no-host-path',
  'no-limits.yaml': 'container-resource-limits',
  'latest-tag.yaml': 'image-pinned',
  'wildcard-role.yaml': 'rbac-no-wildcards',
  'cluster-admin-binding.yaml': 'rbac-no-cluster-admin-binding',
  'permissive-mtls.yaml': 'mesh-no-permissive-mtls',
  'ingress-no-tls.yaml': 'ingress-tls-all-hosts',
  'nodeport-service.yaml': 'service-no-external-exposure',
};

describe('test/fixtures/bad', () => {
  test.each(Object.values(EXPECTED))('%s is a control of the catalogue', id => {
    expect(CATALOGUE.map(c => c.id)).toContain(id);
  });
});

describe.each(runners())('check test/fixtures/bad (%s)', (_runner, run) => {
  test('exits 1 and reports each misconfiguration under the control made for it, in the file that holds it', async () => {
    const r = await run(['check', 'test/fixtures/bad', '--format', 'sarif']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const results: any[] = JSON.parse(r.stdout).runs[0].results;
    for (const [file, id] of Object.entries(EXPECTED)) {
      const hits = results.filter(x => x.ruleId === id
        && JSON.stringify(x.locations ?? []).includes(`test/fixtures/bad/${file}`));
      expect({ file, id, hits: hits.length > 0 }).toEqual({ file, id, hits: true });
    }
  });

  test('the text report names every expected control', async () => {
    const r = await run(['check', 'test/fixtures/bad']);
    expect(r.code).toBe(1);
    for (const id of Object.values(EXPECTED)) expect(r.stdout).toContain(id);
  });
});
