import { compare } from '../../common/compare';
import { ManifestIndex } from '../../manifest-index';
import { EGRESS_REASONS_ANNOTATION, EgressReason, Flow, FlowExplanation, parseEgressReasons, portsAdded } from '../model';
import { ipBlockRange } from './network-policy';

/** Longest host shown; a DNS name is at most 253 characters, but a label this long is not read. */
const HOST_CHARS = 100;
/** Longest reason shown. */
const REASON_CHARS = 160;

/**
 * The flows with what the NetworkPolicies that allow them record about their ipBlock destination:
 * each line of a policy's {@link EGRESS_REASONS_ANNOTATION} whose range (and `except`) is the
 * destination's and whose port the flow allows. Only labels are added: no flow is added, removed
 * or changed otherwise.
 */
export function explainEgress(flows: readonly Flow[], index: ManifestIndex): Flow[] {
  const byPolicy = new Map<string, EgressReason[]>();
  for (const np of index.ofKind('NetworkPolicy', 'networking.k8s.io')) {
    const text = np.annotations[EGRESS_REASONS_ANNOTATION];
    if (typeof text === 'string' && !byPolicy.has(np.ref)) byPolicy.set(np.ref, parseEgressReasons(text));
  }
  if (byPolicy.size === 0) return [...flows];
  return flows.map(f => {
    const explained = explanationsOf(f, byPolicy);
    return explained.length > 0 ? { ...f, explained } : f;
  });
}

function explanationsOf(f: Flow, byPolicy: ReadonlyMap<string, readonly EgressReason[]>): FlowExplanation[] {
  if (f.from.type !== 'workload' || f.to.type !== 'external' || f.to.cidr === undefined) return [];
  const range = rangeText(f.to.cidr, f.to.except ?? []);
  const seen = new Map<string, FlowExplanation>();
  for (const ref of f.via) {
    for (const r of byPolicy.get(ref) ?? []) {
      const ports = portsOf(r.destination, range);
      if (ports === undefined || portsAdded(f.ports, [ports]).length > 0) continue;
      const e = label(r);
      if (e.reason === '' && e.host === undefined) continue;
      seen.set(`${e.host ?? ''}\n${e.reason}`, e);
    }
  }
  return [...seen.entries()].sort(([a], [b]) => compare(a, b)).map(([, e]) => e);
}

/**
 * The ports of a line's destination (`<cidr>[ except <cidr>, …] <protocol>/<port>` or `… any port`)
 * when it names `range` however its CIDRs are spelt (`TCP/443`, `any` for `any port`), else `undefined`.
 */
function portsOf(destination: string, range: string): string | undefined {
  const m = /^(\S+)(?: except (.+?))? (any port|[A-Za-z]+\/\S+)$/.exec(destination);
  if (m === null || rangeText(m[1], m[2] === undefined ? [] : m[2].split(',').map(e => e.trim())) !== range) return undefined;
  return m[3] === 'any port' ? 'any' : m[3];
}

/** A range as one text, in its one spelling ({@link ipBlockRange}): `<cidr>[ except <cidr>, …]`. */
function rangeText(cidr: string, except: readonly string[]): string {
  const r = ipBlockRange(cidr, except);
  return `${r.cidr}${r.except.length > 0 ? ` except ${r.except.join(', ')}` : ''}`;
}

/** The host and reason of a line as one-line text of bounded length. */
function label(r: EgressReason): FlowExplanation {
  const reason = oneLine(r.reason, REASON_CHARS);
  return r.host === undefined ? { reason } : { host: oneLine(r.host, HOST_CHARS), reason };
}

function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
