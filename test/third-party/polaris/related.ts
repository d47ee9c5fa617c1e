/**
 * Polaris checks that pass only when a related object exists (`additionalSchemaStrings`): Polaris
 * looks for ANY object of the named kind in the workload's namespace that validates against a
 * schema templated from the workload.
 */
import { Finding, K8sObject, labelsOf, namespaceOf, ofKind, podTemplates } from '../shared';
import { containsMatch, isObject, polarisFinding, survivesAsYamlString } from './report';

const sameNamespace = (a: K8sObject, b: K8sObject) => (namespaceOf(a) ?? '') === (namespaceOf(b) ?? '');

/** How many pod labels a `matchLabels` map repeats, as Polaris' templated `anyOf`/`oneOf` count them. */
function matchingLabelCount(matchLabels: K8sObject, podLabels: Record<string, string>): number {
  return Object.entries(podLabels)
    .filter(([key, value]) => survivesAsYamlString(String(value)) && typeof matchLabels[key] === 'string' && matchLabels[key] === String(value))
    .length;
}

/**
 * missingNetworkPolicy.yaml: a NetworkPolicy whose `podSelector.matchLabels` repeats EXACTLY ONE pod
 * label (`oneOf`), with non-empty `ingress` and `egress` rule lists and, when `policyTypes` is set,
 * both Ingress and Egress in it. Selectors without `matchLabels` (e.g. `{}`) never count.
 */
function isPolarisNetworkPolicyFor(np: K8sObject, podLabels: Record<string, string>): boolean {
  const spec = np.spec;
  if (!isObject(spec) || !('podSelector' in spec) || !('egress' in spec) || !('ingress' in spec)) return false;
  const matchLabels = spec.podSelector?.matchLabels;
  if (!isObject(spec.podSelector) || !isObject(matchLabels)) return false;
  if (matchingLabelCount(matchLabels, podLabels) !== 1) return false;
  if (!Array.isArray(spec.egress) || spec.egress.length < 1 || !Array.isArray(spec.ingress) || spec.ingress.length < 1) return false;
  if (spec.policyTypes !== undefined) {
    if (!Array.isArray(spec.policyTypes)) return false;
    if (!containsMatch(spec.policyTypes, /^Egress$/i) || !containsMatch(spec.policyTypes, /^Ingress$/i)) return false;
  }
  return true;
}

/** missingPodDisruptionBudget.yaml: a PDB whose `selector.matchLabels` repeats at least one pod label. */
function isPolarisPdbFor(pdb: K8sObject, podLabels: Record<string, string>): boolean {
  const matchLabels = pdb.spec?.selector?.matchLabels;
  return isObject(pdb.spec?.selector) && isObject(matchLabels) && matchingLabelCount(matchLabels, podLabels) >= 1;
}

/**
 * automountServiceAccountToken.yaml: the pod must not set the token to true; unless it sets it to
 * false, a ServiceAccount named by `serviceAccountName` (the literal `<no value>` when unset, which
 * never matches) must exist in the namespace with `automountServiceAccountToken: false`.
 */
function automountFinding(spec: K8sObject, owner: K8sObject, objects: K8sObject[]): string | undefined {
  const podValue = spec.automountServiceAccountToken;
  if (podValue !== undefined && typeof podValue !== 'boolean') return 'The ServiceAccount will be automounted';
  if (podValue === true) return 'The ServiceAccount will be automounted';
  if (podValue === false) return undefined;
  const saName = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '<no value>';
  const ok = ofKind(objects, 'ServiceAccount').some(sa => sameNamespace(sa, owner) && isObject(sa.metadata)
    && sa.metadata.name === saName && sa.automountServiceAccountToken === false);
  return ok ? undefined : 'The ServiceAccount will be automounted';
}

/** An IntOrString PDB value as [number, isPercent], or undefined when Polaris cannot parse it. */
function intOrPercent(value: unknown): [number, boolean] | undefined {
  if (typeof value === 'number') return [value, false];
  if (typeof value === 'string' && /^[0-9]+%$/.test(value)) return [Number(value.slice(0, -1)), true];
  return undefined;
}

/** pdb_hpa_validator.go: a PDB's minAvailable must stay below the HPA's minReplicas. */
function pdbHpaFinding(deployment: K8sObject, objects: K8sObject[]): string | undefined {
  const labels = labelsOf(deployment.spec?.template?.metadata);
  const pdb = ofKind(objects, 'PodDisruptionBudget').find(p => Object.entries(p.spec?.selector?.matchLabels ?? {}).some(([k, v]) => labels[k] === v));
  const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find(h => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec?.scaleTargetRef?.name === deployment.metadata?.name);
  if (!pdb || !hpa || pdb.spec?.minAvailable === undefined) return undefined;
  const parsed = intOrPercent(pdb.spec.minAvailable);
  const minReplicas = hpa.spec?.minReplicas;
  if (!parsed || typeof minReplicas !== 'number') return undefined;
  const minAvailable = parsed[1] ? Math.ceil((parsed[0] * minReplicas) / 100) : parsed[0];
  return minAvailable >= minReplicas ? 'PDB minAvailable is greater than HPA minReplicas' : undefined;
}

/** Every Polaris related-object check failure in the manifest set. */
export function polarisRelatedChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  const nps = ofKind(objects, 'NetworkPolicy');
  const pdbs = ofKind(objects, 'PodDisruptionBudget');
  for (const t of podTemplates(objects)) {
    const podLabels = labelsOf(t.meta);
    const hasLabels = Object.keys(podLabels).length >= 1;
    // missingNetworkPolicy.yaml
    if (!hasLabels || !nps.some(np => sameNamespace(np, t.owner) && isPolarisNetworkPolicyFor(np, podLabels))) {
      out.push(polarisFinding('missingNetworkPolicy', t.owner, 'A NetworkPolicy should match pod labels and contain applied egress and ingress rules'));
    }
    // automountServiceAccountToken.yaml
    const automount = automountFinding(t.spec, t.owner, objects);
    if (automount) out.push(polarisFinding('automountServiceAccountToken', t.owner, automount));
    if (t.owner.kind !== 'Deployment') continue;
    // missingPodDisruptionBudget.yaml
    if (!hasLabels || !pdbs.some(p => sameNamespace(p, t.owner) && isPolarisPdbFor(p, podLabels))) {
      out.push(polarisFinding('missingPodDisruptionBudget', t.owner, 'Should have a PodDisruptionBudget'));
    }
    const pdbHpa = pdbHpaFinding(t.owner, objects);
    if (pdbHpa) out.push(polarisFinding('pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas', t.owner, pdbHpa));
  }
  return out;
}
