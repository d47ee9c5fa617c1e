/**
 * The CLI over hand-written vendor-style YAML: a Helm-rendered ingress controller, an operator
 * with ClusterRoles, a CronJob. Each finding names the object, its file and line, the control and
 * a fix; no credential written in the YAML is repeated in any report format.
 */
import { cli } from './helpers';

const VENDOR = 'test/probe/vendor';

/** The text report's block for one object: its header line and the findings under it. */
function block(stdout: string, header: string): string {
  const start = stdout.indexOf(`${header}\n`);
  if (start < 0) throw new Error(`no block for ${header} in:\n${stdout}`);
  const end = stdout.indexOf('\n\n', start);
  return stdout.slice(start, end < 0 ? undefined : end);
}

describe('the CLI over vendor-style YAML', () => {
  test('a Helm-ish ingress controller: a LoadBalancer, a ClusterRole that lists Secrets, an unhardened single replica', async () => {
    const run = await cli(['check', `${VENDOR}/ingress-controller.yaml`]);
    expect([run.code, run.stderr]).toEqual([1, '']);
    const service = block(run.stdout, `Service/edge-system/edge-ingress-controller  ${VENDOR}/ingress-controller.yaml:36 (document 4)`);
    expect(service).toMatch(/HIGH +service-no-external-exposure +type LoadBalancer provisions a load balancer outside the cluster\n +at spec\.type\n +fix: Use type ClusterIP/);
    const role = block(run.stdout, `ClusterRole/edge-ingress-controller  ${VENDOR}/ingress-controller.yaml:8 (document 2)`);
    expect(role).toMatch(/rbac-no-secrets-read +rules\[0\] grants list and watch on secrets/);
    const deployment = block(run.stdout, `Deployment/edge-system/edge-ingress-controller  ${VENDOR}/ingress-controller.yaml:54 (document 5)`);
    for (const control of ['pod-no-privilege-escalation', 'pod-run-as-non-root', 'container-probes', 'workload-min-replicas', 'network-ingress-default-deny']) {
      expect(deployment).toMatch(new RegExp(`\\b${control}\\b[^\\n]*\\n(?: {10,}at [^\\n]*\\n)? {10,}fix: `));
    }
    // Adding NET_BIND_SERVICE after dropping ALL is within the restricted profile: no capability finding.
    expect(deployment).not.toMatch(/pod-drop-all-capabilities|pod-no-dangerous-capabilities/);
    expect(run.stdout).toMatch(/^28 findings \(0 critical, 10 high, 12 medium, 6 low\) in 3 of 5 objects and 1 not in the input; \d+ passed, 0 suppressed$/m);
  });

  test('an operator: a wildcard ClusterRole bound cluster-wide, exec and escalation granted to every authenticated identity, a licence key in env', async () => {
    const run = await cli(['check', `${VENDOR}/operator.yaml`]);
    expect([run.code, run.stderr]).toEqual([1, '']);
    expect(block(run.stdout, `ClusterRoleBinding/db-operator  ${VENDOR}/operator.yaml:34 (document 5)`))
      .toMatch(/CRITICAL rbac-no-cluster-admin-binding +binds ClusterRole "db-operator" in every namespace, whose rules\[0\] grants every verb on every resource like cluster-admin/);
    expect(block(run.stdout, `ClusterRoleBinding/db-operator-pods  ${VENDOR}/operator.yaml:47 (document 6)`))
      .toMatch(/rbac-legitimate-subjects +binds Group "system:authenticated"/);
    const pods = block(run.stdout, `ClusterRole/db-operator-pods  ${VENDOR}/operator.yaml:22 (document 4)`);
    expect(pods).toMatch(/rbac-no-escalation-verbs +rules\[1\] grants escalate and bind on roles/);
    expect(pods).toMatch(/rbac-no-pod-exec +rules\[0\] grants create and get on pods\/exec/);
    const deployment = block(run.stdout, `Deployment/db-operator/db-operator  ${VENDOR}/operator.yaml:60 (document 7)`);
    expect(deployment).toMatch(/env-no-secret-literals +container "manager": sets credentials as literal env values: LICENSE_KEY/);
    expect(deployment).toMatch(/image-pinned +container "manager": image "quay\.io\/vendor\/db-operator:latest" uses the mutable "latest" tag/);
  });

  test('a CronJob: a writable host path, a password in its command line, Secrets through envFrom; no probes asked of a job', async () => {
    const run = await cli(['check', `${VENDOR}/cronjob.yaml`]);
    expect([run.code, run.stderr]).toEqual([1, '']);
    const job = block(run.stdout, `CronJob/reports/nightly-report  ${VENDOR}/cronjob.yaml:2 (document 1)`);
    expect(job).toMatch(/CRITICAL pod-no-host-path +volume "host-logs" mounts host path "\/var\/log", writable by container "report"/);
    expect(job).toMatch(/command-no-credentials +container "report": passes credentials on its command line: command\[1\] \(values not shown\)/);
    expect(job).toMatch(/env-no-secret-refs +container "report": takes Secrets through its environment: every key of Secret "report-db"/);
    expect(job).not.toMatch(/container-probes/);
  });

  test.each(['text', 'json', 'sarif', 'markdown'])('no report format repeats a credential the YAML holds (%s)', async format => {
    const run = await cli(['check', `${VENDOR}/operator.yaml`, `${VENDOR}/cronjob.yaml`, '--format', format]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/LICENSE_KEY/);
    expect(run.stdout).not.toMatch(/lk_live_0123456789abcdef|hunter2hunter2/);
  });

  test('the JSON report counts the same findings as the text, each with its file, document and line', async () => {
    const run = await cli(['check', `${VENDOR}/ingress-controller.yaml`, `${VENDOR}/operator.yaml`, `${VENDOR}/cronjob.yaml`, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.summary.findings).toBe(report.findings.length);
    expect(report.summary.findings).toBe(28 + 39 + 30);
    const [located, elsewhere] = [report.findings.filter((f: any) => f.object.source.file !== undefined), report.findings.filter((f: any) => f.object.source.file === undefined)];
    for (const f of located) expect(f.object.source).toEqual({ file: expect.stringMatching(/^test\/probe\/vendor\/[a-z-]+\.yaml$/), document: expect.any(Number), line: expect.any(Number) });
    // The findings about namespaces the input never declares name no file: there is no object to point at.
    expect([...new Set(elsewhere.map((f: any) => `${f.object.ref} ${JSON.stringify(f.object.source)}`))].sort())
      .toEqual(['Namespace/edge-system {"document":0}', 'Namespace/reports {"document":0}']);
  });
});
