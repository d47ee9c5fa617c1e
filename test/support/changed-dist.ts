import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A copy of `dist` (the reference app's output) in a new temporary folder named `changed`, with
 * an allow-all NetworkPolicy and a wildcard Role bound to a group added in `payments`: the
 * `changed/` of the README's diff example, and what the CLI's diff tests compare dist/ with.
 */
export function changedDistCopy(dist: string): string {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-diff-')), 'changed');
  fs.cpSync(dist, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'added.k8s.yaml'), [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: { name: allow-all, namespace: payments }',
    'spec: { podSelector: {}, policyTypes: [Ingress], ingress: [{}] }',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata: { name: everything, namespace: payments }',
    'rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: RoleBinding',
    'metadata: { name: everything, namespace: payments }',
    'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: everything }',
    'subjects: [{ kind: Group, apiGroup: rbac.authorization.k8s.io, name: oidc:payments-devs }]',
    '',
  ].join('\n'));
  return copy;
}
