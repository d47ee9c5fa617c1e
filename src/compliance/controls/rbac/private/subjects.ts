/** Subjects of RoleBindings and ClusterRoleBindings: reading them and telling people from workloads. */

/** A binding subject as written in a manifest. */
export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Index in the binding's `subjects`. */
  readonly index: number;
}

/**
 * The subjects of a binding; entries that are not mappings are skipped. A ServiceAccount subject
 * without namespace takes `defaultNamespace`: the RBAC authorizer resolves it in the namespace of
 * the RoleBinding (pass `undefined` for a ClusterRoleBinding, where the namespace is required).
 */
export function subjectsOf(raw: any, defaultNamespace?: string): Subject[] {
  const list = Array.isArray(raw?.subjects) ? raw.subjects : [];
  const out: Subject[] = [];
  list.forEach((s: any, index: number) => {
    if (!s || typeof s !== 'object') return;
    out.push({
      kind: typeof s.kind === 'string' ? s.kind : '',
      name: typeof s.name === 'string' ? s.name : '',
      namespace: typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : (s.kind === 'ServiceAccount' ? defaultNamespace : undefined),
      index,
    });
  });
  return out;
}

/**
 * Whether a subject stands for people rather than workloads: every `User`, except the
 * `system:serviceaccount:<ns>:<name>` user names of ServiceAccounts, and every `Group`, except the
 * ServiceAccount groups (`system:serviceaccounts`, `system:serviceaccounts:<ns>`) and the node
 * group `system:nodes`.
 */
export function isHuman(s: Subject): boolean {
  if (s.kind === 'User') return !s.name.startsWith('system:serviceaccount:') && !s.name.startsWith('system:node:');
  if (s.kind === 'Group') return s.name !== 'system:serviceaccounts' && !s.name.startsWith('system:serviceaccounts:') && s.name !== 'system:nodes';
  return false;
}

/** `User "alice"`, `ServiceAccount "team/api"`. */
export function describeSubject(s: Subject): string {
  const name = s.kind === 'ServiceAccount' && s.namespace ? `${s.namespace}/${s.name}` : s.name;
  return `${s.kind || 'subject'} "${name}"`;
}

/** Built-in groups with a specific reason to refuse them. */
const SYSTEM_GROUPS: ReadonlyMap<string, string> = new Map([
  ['system:unauthenticated', 'every request that carries no credentials'],
  ['system:authenticated', 'every identity the cluster can authenticate, including every ServiceAccount'],
  ['system:masters', 'the superuser group that bypasses every authorization check (CIS 5.1.7)'],
]);

/** Why a subject is not a legitimate grantee, or `undefined` when it is one. */
export function whySubjectIllegitimate(s: Subject): string | undefined {
  switch (s.kind) {
    case 'User':
      if (s.name === 'system:anonymous') return 'binds User "system:anonymous", which is every unauthenticated request';
      if (s.name.startsWith('system:serviceaccount:')) return `binds ${describeSubject(s)}; reference the ServiceAccount with kind ServiceAccount`;
      return `binds ${describeSubject(s)}; bind a Group from the identity provider so access is granted and revoked through group membership`;
    case 'Group':
      if (SYSTEM_GROUPS.has(s.name)) return `binds Group "${s.name}", ${SYSTEM_GROUPS.get(s.name)}`;
      if (s.name.startsWith('system:')) return `binds the built-in Group "${s.name}", which has members nobody reviews; bind named ServiceAccounts or an identity-provider group`;
      if (s.name === '') return 'binds a Group without a name';
      return undefined;
    case 'ServiceAccount':
      if (s.name === '') return 'binds a ServiceAccount without a name';
      if (!s.namespace) return `binds ServiceAccount "${s.name}" without a namespace`;
      if (s.name === 'default') return `binds the "default" ServiceAccount of namespace "${s.namespace}", which every pod there uses unless told otherwise (CIS 5.1.5)`;
      return undefined;
    default:
      return `binds a subject of unknown kind "${s.kind}"`;
  }
}
