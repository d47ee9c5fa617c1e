import { NANO } from '../../../common/quantity';
import { CountedKey, Share, Usage } from './quota-usage';

const COUNTS: ReadonlySet<CountedKey> = new Set(['pods', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const CPU: ReadonlySet<CountedKey> = new Set(['requests.cpu', 'limits.cpu']);
const KI = 1024n;
/** How many shares a message names; the rest are summed. */
const NAMED_SHARES = 5;

/** An amount of a key (nano-units) as a quota writes it, rounded up: `13`, `8500m`, `18Gi`, `1536Mi`. */
export function formatAmount(key: CountedKey, nano: bigint): string {
  if (COUNTS.has(key)) return String(ceilDiv(nano, NANO));
  if (CPU.has(key)) {
    const milli = ceilDiv(nano, 1_000_000n);
    return milli % 1000n === 0n ? String(milli / 1000n) : `${milli}m`;
  }
  const bytes = ceilDiv(nano, NANO);
  for (const [suffix, size] of [['Ti', KI ** 4n], ['Gi', KI ** 3n], ['Mi', KI ** 2n], ['Ki', KI]] as const) {
    if (bytes >= size && bytes % size === 0n) return `${bytes / size}${suffix}`;
  }
  return bytes >= KI * KI ? `${ceilDiv(bytes, KI * KI)}Mi` : String(bytes);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** One share: `Deployment/shop/api 3 pods × 500m`, or `Service/shop/web 2 ports` for what is counted. */
function formatShare(key: CountedKey, s: Share, of = ''): string {
  const each = COUNTS.has(key) ? '' : ` × ${formatAmount(key, s.each)}`;
  const counted = `${s.count} ${s.count === 1 ? s.unit.replace(/s$/, '') : s.unit}${each}`;
  return of === '' ? `${s.object.ref} ${counted}` : `${counted} of ${s.object.ref}${of}`;
}

/** How to use less of a key. */
export function lessOf(key: CountedKey): string {
  if (key === 'pods') return 'run fewer replicas';
  if (key === 'services.nodeports' || key === 'services.loadbalancers') return 'make those Services ClusterIP';
  if (key === 'requests.storage' || key === 'persistentvolumeclaims') return 'claim less';
  return `lower the replicas or the ${key} of those workloads`;
}

/**
 * What uses a key, largest first: the objects' shares (the first few named, the rest summed), and
 * the surge of the one rollout that needs the most.
 */
export function describeUse(key: CountedKey, usage: Usage): string {
  const shares = [...usage.shares.get(key) ?? []].sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1));
  const named = shares.slice(0, NAMED_SHARES).map(s => formatShare(key, s));
  const rest = shares.slice(NAMED_SHARES);
  if (rest.length > 0) named.push(`${rest.length} more using ${formatAmount(key, rest.reduce((sum, s) => sum + s.amount, 0n))}`);
  const surge = usage.surge.get(key);
  if (surge) named.push(formatShare(key, surge, '\'s rollout (maxSurge)'));
  return named.join(', ');
}
