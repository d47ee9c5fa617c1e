import { selectorMatches } from '../../../selectors';
import { PodTemplate } from '../../../types';

/** The node label a spread over hosts uses. */
export const HOSTNAME_KEY = 'kubernetes.io/hostname';
/** The node label a spread over zones uses. */
export const ZONE_KEY = 'topology.kubernetes.io/zone';

const SPREAD_KEYS = new Set([HOSTNAME_KEY, ZONE_KEY]);

/** What the spread of a pod template achieves, or why it does not. */
export interface SpreadVerdict {
  /** How the pods are spread, when they are. */
  readonly spreadBy?: string;
  /** Problems; empty when the pods are spread. */
  readonly problems: readonly { readonly message: string; readonly path: string }[];
}

/**
 * Whether the replicas of a pod template are spread across failure domains. Accepted:
 * `topologySpreadConstraints` whose every topologyKey is kubernetes.io/hostname or
 * topology.kubernetes.io/zone (as Polaris requires) and at least one of which selects the pod's
 * own labels; or a podAntiAffinity term, required or preferred, on kubernetes.io/hostname or
 * topology.kubernetes.io/zone whose labelSelector selects the pod's own labels (kube-score also
 * accepts regions).
 */
export function spreadVerdict(pod: PodTemplate): SpreadVerdict {
  const spec = pod.spec;
  const problems: { message: string; path: string }[] = [];
  const constraints: any[] = Array.isArray(spec.topologySpreadConstraints) ? spec.topologySpreadConstraints : [];
  for (let i = 0; i < constraints.length; i++) {
    const key = constraints[i]?.topologyKey;
    if (!SPREAD_KEYS.has(key)) {
      problems.push({
        message: `topologySpreadConstraints[${i}] spreads over ${JSON.stringify(key)}, not ${HOSTNAME_KEY} or ${ZONE_KEY}`,
        path: `${pod.specPath}.topologySpreadConstraints[${i}].topologyKey`,
      });
    }
  }
  if (problems.length > 0) return { problems };
  const selecting = constraints.filter(c => selectorMatches(c?.labelSelector, pod.labels));
  if (selecting.length > 0) {
    // Say how firm the spread is: ScheduleAnyway is a preference the scheduler may break.
    const keys = [...new Set(selecting.map(c => String(c.topologyKey)))].join(' and ');
    const firm = selecting.some(c => c?.whenUnsatisfiable !== 'ScheduleAnyway');
    return { spreadBy: `topologySpreadConstraints over ${keys} (${firm ? 'enforced: DoNotSchedule' : 'best effort: ScheduleAnyway'})`, problems };
  }
  if (constraints.length > 0) {
    problems.push({ message: 'no topologySpreadConstraint\'s labelSelector selects the pod\'s own labels', path: `${pod.specPath}.topologySpreadConstraints` });
    return { problems };
  }
  const antiAffinityKey = spreadingAntiAffinityKey(pod);
  if (antiAffinityKey !== undefined) return { spreadBy: `podAntiAffinity on ${antiAffinityKey}`, problems };
  problems.push({
    message: `neither topologySpreadConstraints nor a podAntiAffinity over ${HOSTNAME_KEY} or ${ZONE_KEY} that selects the pod's own labels`,
    path: pod.specPath,
  });
  return { problems };
}

/** The topology key of the first podAntiAffinity term, required then preferred, that keeps the pod's own replicas apart over hosts or zones. */
function spreadingAntiAffinityKey(pod: PodTemplate): string | undefined {
  const anti = pod.spec.affinity?.podAntiAffinity;
  if (!anti || typeof anti !== 'object') return undefined;
  const spreads = (t: any) => SPREAD_KEYS.has(t?.topologyKey) && selectorMatches(t.labelSelector, pod.labels);
  const required = anti.requiredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(required)) for (const t of required) if (spreads(t)) return t.topologyKey;
  const preferred = anti.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred)) for (const p of preferred) if (spreads(p?.podAffinityTerm)) return p.podAffinityTerm.topologyKey;
  return undefined;
}
