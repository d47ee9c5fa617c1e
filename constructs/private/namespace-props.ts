import { ipv4MappedPrefix } from '../../src/compliance/common/ipv4-mapped';
import { isPositiveQuantity } from '../../src/compliance/common/quantity';
import { isCidr } from '../cidr';
import { PropProblem } from '../errors';
import type { ApiServerEndpoint, NamespaceAccess, NamespaceQuota, SensitiveNamespaceProps } from '../sensitive-namespace-props';
import { cpuInByteUnit, foreignByteUnitFix } from './byte-units';
import { hostBitsProblem, ipv4MappedProblem, metadataProblem, notCidrFix } from './cidr';
import { checkPort, KeyShape, settingsOf } from './validate';

/** Every prop of SensitiveNamespaceProps, and of its object props, each flagged required or not. */
export const NAMESPACE_PROPS = {
  name: false, dataClassification: true, owner: true, access: false, quota: false, podSecurityVersion: false, meshRootNamespace: false, apiServer: false,
} as const satisfies KeyShape<SensitiveNamespaceProps>;
const ACCESS_PROPS = { editors: false, viewers: false } as const satisfies KeyShape<NamespaceAccess>;
const QUOTA_PROPS = { cpu: false, memory: false, ephemeralStorage: false, pods: false, storage: false } as const satisfies KeyShape<NamespaceQuota>;
const API_SERVER_PROPS = { cidr: true, port: false } as const satisfies KeyShape<ApiServerEndpoint>;

/** The object props of a namespace as they apply: absent ones empty. */
export interface NormalisedNamespaceProps {
  readonly quota: NamespaceQuota;
  readonly editors: readonly string[];
  readonly viewers: readonly string[];
  readonly apiServer?: ApiServerEndpoint;
}

/** `quota` validated: an object of known settings (never dropped), positive amounts, no ephemeral storage. */
export function quotaOf(value: NamespaceQuota | undefined, found: PropProblem[]): NamespaceQuota {
  // Unknown settings are reported after the amounts' problems, in the order the props are written.
  const unknown: PropProblem[] = [];
  const quota = settingsOf('quota', value, QUOTA_PROPS, '{ cpu: "8", memory: "16Gi" }', unknown);
  if (quota === undefined) {
    found.push(...unknown);
    return {};
  }
  for (const [k, v] of [['cpu', quota.cpu], ['memory', quota.memory], ['storage', quota.storage]] as const) {
    const bytes = k === 'cpu' ? cpuInByteUnit(v) : undefined;
    if (v !== undefined && (!isPositiveQuantity(v) || (typeof v === 'string' && v !== v.trim()))) {
      found.push({ prop: `quota.${k}`, value: v, problem: 'must be a positive Kubernetes quantity, without spaces', fix: k === 'cpu' ? 'e.g. "8" CPUs' : foreignByteUnitFix(v) ?? 'e.g. "16Gi"' });
    } else if (bytes) {
      found.push({ prop: 'quota.cpu', value: v, ...bytes });
    }
  }
  if (quota.pods !== undefined && (!Number.isInteger(quota.pods) || quota.pods < 1)) {
    found.push({ prop: 'quota.pods', value: quota.pods, problem: 'must be a positive integer', fix: 'e.g. 100' });
  }
  if (quota.ephemeralStorage !== undefined) {
    found.push({ prop: 'quota.ephemeralStorage', value: quota.ephemeralStorage,
      problem: 'cannot be enforced in a mesh namespace: the containers Istio injects declare no ephemeral storage, so the quota would refuse every pod',
      fix: 'remove it; every CompliantWorkload container already has ephemeral-storage requests and limits' });
  }
  found.push(...unknown);
  return { ...quota };
}

/** The groups of `access`, validated: an object of known settings (a string or a misspelt key is refused, never dropped), lists of OIDC groups. */
export function accessOf(value: NamespaceAccess | undefined, found: PropProblem[]): { editors: string[]; viewers: string[] } {
  const access: NamespaceAccess = settingsOf('access', value, ACCESS_PROPS, '{ editors: ["oidc:team-devs"] }', found) ?? {};
  const groups = { editors: [] as string[], viewers: [] as string[] };
  for (const prop of Object.keys(ACCESS_PROPS) as (keyof typeof ACCESS_PROPS)[]) {
    const v = access[prop];
    if (v !== undefined && !Array.isArray(v)) found.push({ prop: `access.${prop}`, value: v, problem: 'must be an array of group names', fix: `e.g. access: { ${prop}: ["oidc:team-devs"] }` });
    if (Array.isArray(v)) groups[prop] = [...v];
    groups[prop].forEach((g, i) => { const p = checkGroup(`access.${prop}[${i}]`, g); if (p) found.push(p); });
  }
  return groups;
}

/** `apiServer` validated: an object of known settings, a narrow CIDR of endpoint addresses clear of the metadata service, a port. */
export function apiServerOf(value: ApiServerEndpoint | undefined, found: PropProblem[]): ApiServerEndpoint | undefined {
  const apiServer = settingsOf('apiServer', value, API_SERVER_PROPS, '{ cidr: "172.18.0.2/32", port: 6443 }', found);
  if (apiServer === undefined) return undefined;
  const { cidr, port } = apiServer;
  const fix = 'name the addresses of the API server\'s endpoints (kubectl get endpoints kubernetes -n default), e.g. "172.18.0.2/32"';
  if (!isCidr(cidr)) {
    const single = notCidrFix(cidr, '');
    found.push({ prop: 'apiServer.cidr', value: cidr, problem: 'must be an IPv4 or IPv6 CIDR', fix: single === '' ? fix : `${single}; ${fix}` });
  } else if (ipv4MappedPrefix(cidr) !== undefined) found.push(ipv4MappedProblem('apiServer.cidr', cidr));
  else if (Number(cidr.split('/')[1]) < (cidr.includes(':') ? 112 : 24)) {
    // The widest range accepted, and an example, in the family of the value given.
    const [widest, example] = cidr.includes(':') ? ['/112', '"fd00:10:96::1/128"'] : ['/24', '"172.18.0.2/32"'];
    found.push({ prop: 'apiServer.cidr', value: cidr, problem: `is far wider than the API server endpoints (at most a ${widest} is accepted), so granted workloads could reach much more`,
      fix: `name the addresses of the API server's endpoints (kubectl get endpoints kubernetes -n default), e.g. ${example}` });
  } else {
    const p = hostBitsProblem('apiServer.cidr', cidr) ?? metadataProblem('apiServer.cidr', cidr, 'TCP', port ?? 443,
      'name the addresses of the API server\'s endpoints (kubectl get endpoints kubernetes -n default), which the metadata service is not');
    if (p) found.push(p);
  }
  const portProblem = port === undefined ? undefined : checkPort('apiServer.port', port);
  if (portProblem) found.push({ ...portProblem, fix: 'pass the port of the API server\'s endpoints (kubectl get endpoints kubernetes -n default): 443 on EKS, GKE and AKS, 6443 on kubeadm, k3s and kind' });
  return apiServer;
}

function checkGroup(prop: string, group: unknown): PropProblem | undefined {
  const fix = 'bind an OIDC group from your identity provider, e.g. "oidc:payments-devs"; access is never granted to individual users or built-in system groups';
  if (typeof group !== 'string' || group.trim() === '' || group !== group.trim()) return { prop, value: group, problem: 'must be a non-empty group name', fix };
  if (group.includes('*')) return { prop, value: group, problem: 'wildcards are not group names', fix };
  if (/^system:/i.test(group)) return { prop, value: group, problem: 'is a built-in Kubernetes group (system:*), which would grant access far beyond the team', fix };
  if (/^(user|users|serviceaccount):/i.test(group)) return { prop, value: group, problem: 'names a user or service account, not a group', fix };
  return undefined;
}
