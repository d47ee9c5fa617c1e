/** A NetworkPolicy peer that matches no pod: every namespace carries `kubernetes.io/metadata.name`. */
export const ADMITS_NOTHING = {
  namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] },
};

/** One admitted caller: NetworkPolicy peers plus the Istio source of the same callers. */
export interface IngressRule {
  readonly port: number;
  readonly from: Record<string, unknown>[];
  /** Istio `source` fields: `principals` or `namespaces`. */
  readonly source: Record<string, string[]>;
}

/** One allowed destination. */
export interface EgressRule {
  readonly to: Record<string, unknown>[];
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  /** Why it is allowed (external destinations only). @default - none */
  readonly reason?: string;
}

/**
 * The callers admitted to a workload, keyed by who they are so repeated wiring is idempotent,
 * rendered in key order so the YAML does not depend on call order.
 */
export class IngressRules {
  private readonly rules = new Map<string, IngressRule>();

  public has(key: string): boolean {
    return this.rules.has(key);
  }

  public add(key: string, rule: IngressRule): void {
    this.rules.set(key, rule);
  }

  /**
   * NetworkPolicy ingress rules: one per caller. With no caller, one rule that admits nothing
   * (its source is a namespace without the `kubernetes.io/metadata.name` label, which the API
   * server sets on every namespace), so the policy still states its ingress explicitly
   * (Polaris missingNetworkPolicy counts rules).
   */
  public networkPolicyRules(port: number | undefined): Record<string, unknown>[] {
    const rules = this.sorted().map(r => ({ from: r.from, ports: [{ port: r.port, protocol: 'TCP' }] }));
    if (rules.length > 0) return rules;
    return [port === undefined ? { from: [ADMITS_NOTHING] } : { from: [ADMITS_NOTHING], ports: [{ port, protocol: 'TCP' }] }];
  }

  /** Istio ALLOW rules naming each caller positively, grouped by port. */
  public authorizationRules(): Record<string, unknown>[] {
    const byPort = new Map<number, { principals: Set<string>; namespaces: Set<string> }>();
    for (const r of this.sorted()) {
      let entry = byPort.get(r.port);
      if (!entry) byPort.set(r.port, entry = { principals: new Set(), namespaces: new Set() });
      for (const p of r.source.principals ?? []) entry.principals.add(p);
      for (const n of r.source.namespaces ?? []) entry.namespaces.add(n);
    }
    const out: Record<string, unknown>[] = [];
    for (const port of [...byPort.keys()].sort((a, b) => a - b)) {
      const { principals, namespaces } = byPort.get(port)!;
      const to = [{ operation: { ports: [String(port)] } }];
      if (principals.size > 0) out.push({ from: [{ source: { principals: [...principals].sort() } }], to });
      if (namespaces.size > 0) out.push({ from: [{ source: { namespaces: [...namespaces].sort() } }], to });
    }
    return out;
  }

  private sorted(): IngressRule[] {
    return [...this.rules.keys()].sort().map(k => this.rules.get(k)!);
  }
}

/** The destinations a workload may reach, keyed and rendered like {@link IngressRules}. */
export class EgressRules {
  private readonly rules = new Map<string, EgressRule>();

  /** @param base rules rendered first, always (e.g. DNS) */
  public constructor(private readonly base: readonly Record<string, unknown>[] = []) {}

  public has(key: string): boolean {
    return this.rules.has(key);
  }

  public add(key: string, rule: EgressRule): void {
    this.rules.set(key, rule);
  }

  /** NetworkPolicy egress rules: the base rules, then one per destination. */
  public networkPolicyRules(): Record<string, unknown>[] {
    return [...this.base, ...[...this.rules.keys()].sort().map(k => {
      const r = this.rules.get(k)!;
      return { to: r.to, ports: [{ port: r.port, protocol: r.protocol }] };
    })];
  }

  /** The reasons of the external destinations, one per line, for the policy's annotation. */
  public reasons(): string {
    return [...this.rules.keys()].sort().map(k => this.rules.get(k)!.reason).filter(Boolean).join('\n');
  }
}
