/**
 * The RBAC graph of a manifest set: roles (with the built-in ClusterRoles they may reference),
 * the rules each role holds after ClusterRole aggregation, and the bindings that grant each role.
 * Built once per run and shared by the RBAC controls, in time linear in the number of objects.
 */

import { ManifestIndex } from '../../../manifest-index';
import { LabelSelector, SelectorIndex } from '../../../selectors';
import { IndexedObject } from '../../../types';
import { BUILTIN_CLUSTER_ROLES, BUILTIN_ROLES } from './builtin-roles';
import { readRules, Rule, RuleOrigin } from './policy-rule';

/** The RBAC API group. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A Role or ClusterRole: from the manifests, or a built-in one. */
export interface RoleNode extends RuleOrigin {
  readonly namespace?: string;
  /** The role's labels; for a ClusterRole of the manifests named like a built-in one, with the built-in's labels the API server restores. */
  readonly labels: Readonly<Record<string, string>>;
  /** The manifest object; absent for a built-in role. */
  readonly object?: IndexedObject;
  /** The rules the role declares itself. */
  readonly rules: readonly Rule[];
  /**
   * For a ClusterRole of the manifests named like a built-in one (`cluster-admin`, `admin`, `edit`,
   * `view`), the built-in's rules, which the API server restores at every start; otherwise none.
   */
  readonly restored: readonly Rule[];
}

/** What a binding's roleRef names. */
export interface RoleRef {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup: string;
}

/** The roleRef of a binding (empty strings for missing fields). */
export function roleRefOf(binding: IndexedObject): RoleRef {
  const r = (binding.raw as any).roleRef;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { kind: str(r?.kind), name: str(r?.name), apiGroup: str(r?.apiGroup) };
}

/** The key of a role: `Role/<namespace>/<name>` or `ClusterRole/<name>`. */
export function roleKey(kind: string, name: string, namespace?: string): string {
  return kind === 'Role' ? `Role/${namespace ?? 'default'}/${name}` : `ClusterRole/${name}`;
}

/** `in namespace "team"` for a RoleBinding, `in every namespace` for a ClusterRoleBinding. */
export function bindingScope(binding: IndexedObject): string {
  return binding.kind === 'RoleBinding' ? `in namespace "${binding.namespace}"` : 'in every namespace';
}

/** The RBAC graph; obtain it with {@link rbacModel}. */
export class RbacModel {
  /** Roles and ClusterRoles of the manifests, in input order. */
  public readonly roles: readonly RoleNode[];
  /** RoleBindings and ClusterRoleBindings of the manifests, in input order. */
  public readonly bindings: readonly IndexedObject[];

  private readonly nodes = new Map<string, RoleNode>();
  private readonly direct = new Map<string, IndexedObject[]>();
  /** ClusterRoles each aggregating ClusterRole takes rules from. */
  private readonly selected = new Map<string, RoleNode[]>();
  /** Aggregating ClusterRoles each ClusterRole contributes to. */
  private readonly aggregators = new Map<string, RoleNode[]>();
  private readonly effective = new Map<RoleNode, readonly Rule[]>();
  private readonly granting = new Map<RoleNode, readonly IndexedObject[]>();

  public constructor(index: ManifestIndex) {
    const roles: RoleNode[] = [];
    for (const kind of ['Role', 'ClusterRole'] as const) {
      for (const o of index.ofKind(kind, RBAC_GROUP)) {
        // Every copy of a role the input repeats is evaluated; a binding resolves to the last one,
        // the copy `kubectl apply` leaves in the cluster.
        const key = roleKey(kind, o.name, o.namespace);
        const node: Mutable<RoleNode> = { key, kind, name: o.name, builtin: false, namespace: o.namespace, labels: o.labels, object: o, rules: [], restored: [] };
        node.rules = readRules(o.raw, node);
        this.nodes.set(key, node);
        roles.push(node);
      }
    }
    this.roles = roles.sort((a, b) => a.object!.source.document - b.object!.source.document);
    for (const b of BUILTIN_CLUSTER_ROLES.values()) {
      const key = roleKey('ClusterRole', b.name);
      const defined = this.nodes.get(key) as Mutable<RoleNode> | undefined;
      if (defined) {
        if (restoresDefaults(defined)) {
          defined.restored = readRules(b, { key, kind: 'ClusterRole', name: b.name, builtin: true });
          // The API server also merges the default labels back (the manifest's values win), so a
          // redefined `edit` stays aggregated into `admin`.
          defined.labels = { ...b.labels, ...defined.labels };
        }
        continue;
      }
      const node: Mutable<RoleNode> = { key, kind: 'ClusterRole', name: b.name, builtin: true, labels: b.labels, rules: [], restored: [] };
      node.rules = readRules(b, node);
      this.nodes.set(key, node);
    }
    for (const b of BUILTIN_ROLES) {
      const key = roleKey('Role', b.name, b.namespace);
      if (this.nodes.has(key)) continue;
      const node: Mutable<RoleNode> = { key, kind: 'Role', name: b.name, builtin: true, namespace: b.namespace, labels: b.labels, rules: [], restored: [] };
      node.rules = readRules(b, node);
      this.nodes.set(key, node);
    }
    this.bindings = [...index.ofKind('RoleBinding', RBAC_GROUP), ...index.ofKind('ClusterRoleBinding', RBAC_GROUP)]
      .sort((a, b) => a.source.document - b.source.document);
    for (const binding of this.bindings) {
      const ref = roleRefOf(binding);
      const key = roleKey(ref.kind, ref.name, binding.namespace);
      const list = this.direct.get(key);
      if (list) list.push(binding); else this.direct.set(key, [binding]);
    }
    this.linkAggregation();
  }

  /** The role a binding's roleRef names: in the manifests, else a built-in role. */
  public resolve(binding: IndexedObject): RoleNode | undefined {
    const ref = roleRefOf(binding);
    if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') return undefined;
    if (ref.kind === 'Role' && binding.kind !== 'RoleBinding') return undefined;
    return this.nodes.get(roleKey(ref.kind, ref.name, binding.namespace));
  }

  /**
   * The rules a role holds: its own rules and those the API server restores to a default role,
   * plus, for an aggregating ClusterRole, the rules of every
   * ClusterRole its selectors match, transitively (the aggregation controller replaces the own
   * rules of such a role; they are kept so that nothing written in a manifest goes unchecked).
   */
  public effectiveRules(node: RoleNode): readonly Rule[] {
    const cached = this.effective.get(node);
    if (cached) return cached;
    const out: Rule[] = [];
    const seen = new Set<string>();
    const visit = (n: RoleNode) => {
      if (seen.has(n.key)) return;
      seen.add(n.key);
      out.push(...n.rules, ...n.restored);
      for (const s of this.selected.get(n.key) ?? []) visit(s);
    };
    visit(node);
    this.effective.set(node, out);
    return out;
  }

  /**
   * The bindings that grant a role's rules: those naming it, and those naming any ClusterRole it
   * is aggregated into, transitively.
   */
  public bindingsGranting(node: RoleNode): readonly IndexedObject[] {
    const cached = this.granting.get(node);
    if (cached) return cached;
    const out: IndexedObject[] = [];
    const seen = new Set<string>();
    const visit = (n: RoleNode) => {
      if (seen.has(n.key)) return;
      seen.add(n.key);
      out.push(...(this.direct.get(n.key) ?? []));
      for (const a of this.aggregators.get(n.key) ?? []) visit(a);
    };
    visit(node);
    this.granting.set(node, out);
    return out;
  }

  private linkAggregation(): void {
    // One entry per selector: an aggregating ClusterRole may list several.
    const byAggregator = new SelectorIndex<{ readonly node: RoleNode }>();
    for (const node of this.nodes.values()) {
      for (const selector of this.aggregationSelectors(node)) byAggregator.add(undefined, selector, { node });
    }
    // By key, so that aggregated rules are listed in the same order whatever the input order.
    for (const node of [...this.nodes.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      if (node.kind !== 'ClusterRole') continue;
      const into = new Set(byAggregator.match('', node.labels).map(e => e.node));
      into.delete(node);
      for (const aggregator of into) {
        push(this.aggregators, node.key, aggregator);
        push(this.selected, aggregator.key, node);
      }
    }
  }

  private aggregationSelectors(node: RoleNode): readonly LabelSelector[] {
    if (node.kind !== 'ClusterRole') return [];
    const own = node.object ? selectorsOf(node.object.raw) : [];
    const builtin = !node.object || restoresDefaults(node) ? selectorsOf(BUILTIN_CLUSTER_ROLES.get(node.name)) : [];
    return [...own, ...builtin];
  }
}

/** The annotation with which a default ClusterRole defined in the manifests opts out of the API server's reconciliation. */
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

/**
 * Whether a ClusterRole of the manifests named like a built-in one holds the built-in's rights as
 * well: the API server restores the default roles' missing rules and aggregation at every start,
 * unless the role is annotated `rbac.authorization.kubernetes.io/autoupdate: "false"`.
 */
function restoresDefaults(node: RoleNode): boolean {
  return node.kind === 'ClusterRole' && BUILTIN_CLUSTER_ROLES.has(node.name)
    && node.object?.annotations[AUTOUPDATE_ANNOTATION] !== 'false';
}

function selectorsOf(raw: any): LabelSelector[] {
  const selectors = raw?.aggregationRule?.clusterRoleSelectors;
  return Array.isArray(selectors) ? selectors.filter(s => s && typeof s === 'object') : [];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v); else m.set(k, [v]);
}

/** The RBAC graph of an index, built on first use and shared by every control. */
export function rbacModel(index: ManifestIndex): RbacModel {
  return index.cached('rbac:model', () => new RbacModel(index));
}
