/** Kubescape network controls: C-0030, C-0054/C-0206, C-0260 and C-0263. */
import { Finding, K8sObject, labelsOf, namespaceOf, ofKind } from '../shared';
import { ksFinding, ksSameNamespace, ksWorkloads } from './report';

/** Rego `count(podSelector) > 0` and every matchLabels pair equal; `count(podSelector) == 0` selects all. */
function selectsByMatchLabels(np: K8sObject, labels: Record<string, string>): 'all' | 'match' | 'no' {
  const sel = np.spec?.podSelector;
  if (sel === undefined || sel === null || typeof sel !== 'object') return 'no';
  if (Object.keys(sel).length === 0) return 'all';
  const ml = sel.matchLabels;
  if (!ml || typeof ml !== 'object') return 'no';
  return Object.entries(ml).every(([k, v]) => labels[k] === v) ? 'match' : 'no';
}

/**
 * rules/ingress-and-egress-blocked (C-0030): some connected policy must list both Ingress and
 * Egress in policyTypes. For controllers the matchLabels clause compares the workload's namespace
 * with itself (as written in the rule), so a policy in ANY namespace whose matchLabels match
 * connects; an empty podSelector connects within the namespace.
 */
function connectedForC0030(owner: K8sObject, labels: Record<string, string>, np: K8sObject): boolean {
  const kind = selectsByMatchLabels(np, labels);
  const bothNs = namespaceOf(owner) !== undefined && namespaceOf(owner) === namespaceOf(np);
  if (owner.kind === 'Pod') return bothNs && kind !== 'no';
  if (owner.kind === 'CronJob') return bothNs && kind !== 'no';
  return (kind === 'all' && bothNs) || (kind === 'match' && namespaceOf(owner) !== undefined);
}

/** Every Kubescape network-control failure in the manifest set. */
export function ksNetworkChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  const nps = ofKind(objects, 'NetworkPolicy');
  for (const w of ksWorkloads(objects)) {
    const labels = labelsOf(w.pod.metadata);
    const connected = nps.filter(np => connectedForC0030(w.owner, labels, np));
    const both = (np: K8sObject) => Array.isArray(np.spec?.policyTypes) && np.spec.policyTypes.includes('Ingress') && np.spec.policyTypes.includes('Egress');
    if (!connected.some(both)) out.push(ksFinding('C-0030', w.owner, 'has Pods which don\'t have ingress/egress defined'));
    // rules/ensure_network_policy_configured_in_labels (C-0260)
    if (!nps.some(np => ksSameNamespace(np, w.owner) && selectsByMatchLabels(np, labels) !== 'no')) {
      out.push(ksFinding('C-0260', w.owner, 'no networkpolicy configured in labels'));
    }
  }
  // rules/internal-networking (C-0054, C-0206): every Namespace object holds a NetworkPolicy
  for (const ns of ofKind(objects, 'Namespace')) {
    if (!nps.some(np => np.metadata?.namespace === ns.metadata?.name)) {
      out.push(ksFinding('C-0054', ns, `no policy is defined for namespace ${ns.metadata?.name}`), ksFinding('C-0206', ns, `no policy is defined for namespace ${ns.metadata?.name}`));
    }
  }
  // rules/ingress-no-tls (C-0263)
  for (const ing of ofKind(objects, 'Ingress')) {
    if (ing.spec?.tls === undefined || ing.spec?.tls === false) out.push(ksFinding('C-0263', ing, `Ingress '${ing.metadata?.name}' has not TLS definition`));
  }
  return out;
}
