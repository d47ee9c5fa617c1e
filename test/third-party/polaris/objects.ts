/** Polaris checks on single non-workload objects: PDB, HPA, Ingress and ConfigMap. */
import { Finding, K8sObject, ofKind } from '../shared';
import { isObject, polarisFinding } from './report';

const SENSITIVE_KEYS = [/^AWS_SECRET_ACCESS_KEY$/i, /^GOOGLE_APPLICATION_CREDENTIALS$/i, /^AZURE_.+KEY$/i, /^OCI_CLI_KEY_CONTENT$/i, /password/i, /token/i, /bearer/i, /secret/i];
const PRIVATE_KEY = /\s*-BEGIN\s+.*PRIVATE KEY-\s*/i;
const apiGroup = (obj: K8sObject) => String(obj.apiVersion ?? '').includes('/') ? String(obj.apiVersion).split('/')[0] : '';

/** Every Polaris PDB, HPA, Ingress and ConfigMap check failure in the manifest set. */
export function polarisObjectChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  // pdbDisruptionsIsZero.yaml
  for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
    const spec = pdb.spec;
    if (!isObject(spec) || spec.minAvailable === '100%' || spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') {
      out.push(polarisFinding('pdbDisruptionsIsZero', pdb, 'Voluntary evictions are not possible'));
    }
  }
  for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
    const { minReplicas, maxReplicas } = hpa.spec ?? {};
    // hpaMaxAvailability.yaml
    const maxOk = Number.isInteger(maxReplicas) && maxReplicas >= 1
      && (minReplicas === undefined || (Number.isInteger(minReplicas) && minReplicas >= 1 && maxReplicas > minReplicas));
    if (!maxOk) out.push(polarisFinding('hpaMaxAvailability', hpa, 'HPA maxReplicas and minReplicas should be different'));
    // hpaMinAvailability.yaml
    if (minReplicas !== undefined && !(Number.isInteger(minReplicas) && minReplicas >= 2)) {
      out.push(polarisFinding('hpaMinAvailability', hpa, 'HPA minReplicas should be 2 or more'));
    }
  }
  // tlsSettingsMissing.yaml (target networking.k8s.io/Ingress)
  for (const ing of ofKind(objects, 'Ingress').filter(i => apiGroup(i) === 'networking.k8s.io')) {
    if (!isObject(ing.spec) || !Array.isArray(ing.spec.tls)) out.push(polarisFinding('tlsSettingsMissing', ing, 'Ingress does not have TLS configured'));
  }
  // sensitiveConfigmapContent.yaml
  for (const cm of ofKind(objects, 'ConfigMap')) {
    const data = isObject(cm.data) ? cm.data : {};
    const bad = Object.entries(data).find(([k, v]) => SENSITIVE_KEYS.some(p => p.test(k)) || PRIVATE_KEY.test(String(v)));
    if (bad) out.push(polarisFinding('sensitiveConfigmapContent', cm, 'Potentially sensitive content is detected in the ConfigMap keys or values', `key ${bad[0]}`));
  }
  return out;
}
