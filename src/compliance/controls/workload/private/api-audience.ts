import { parseUrl } from '../../../common/url';

/** Audiences that older clusters (kubeadm, kind, kops) give the API server by name. */
const API_SERVER_NAMES: ReadonlySet<string> = new Set(['api', 'apiserver', 'kube-apiserver']);

/**
 * Issuers of managed clusters, whose API server accepts tokens for its issuer URL: EKS
 * (`oidc.eks.<region>.amazonaws.com`), GKE (`container.googleapis.com`) and AKS
 * (`<region>.oic.prod-aks.azure.com`).
 */
const MANAGED_ISSUER_HOSTS: readonly RegExp[] = [
  /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/,
  /^container\.googleapis\.com$/,
  /\.oic\.prod-aks\.azure\.(com|cn|us)$/,
];

/** No audiences beyond the built-in rule: the `apiServerAudiences` setting left unset. */
const NO_AUDIENCES: ReadonlySet<string> = new Set();

/**
 * Whether a projected token for this `audience` may be a credential for the Kubernetes API.
 * The API server accepts a token only for its own audiences (`--api-audiences`, by default its
 * issuer), which a manifest set does not show: the `apiServerAudiences` setting names those the
 * built-in rule misses (`accepted`, trimmed), and the rule errs on the side of an API token:
 *
 * | audience | API token |
 * |---|---|
 * | one of `accepted`, after trimming; compared exactly, as the API server compares them | yes |
 * | unset, empty or not a string (the API server's own, by default) | yes |
 * | naming Kubernetes: `kubernetes.default.svc`, `https://kubernetes.default.svc.cluster.local`, any `k8s` | yes |
 * | `api`, `apiserver`, `kube-apiserver` | yes |
 * | a URL or host on port 6443 or named `api.…`, or an EKS, GKE or AKS issuer | yes |
 * | anything else (`istio-ca`, `vault`, `sts.amazonaws.com`, `api://AzureADTokenExchange`) | no |
 *
 * @see https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken
 */
export function isApiServerAudience(audience: unknown, accepted: ReadonlySet<string> = NO_AUDIENCES): boolean {
  if (typeof audience !== 'string') return true;
  const trimmed = audience.trim();
  if (accepted.has(trimmed)) return true;
  const value = trimmed.toLowerCase();
  if (value === '' || API_SERVER_NAMES.has(value) || /kubernetes|k8s/.test(value)) return true;
  const url = httpUrlOrHost(value);
  if (url === undefined) return false;
  return url.port === '6443' || url.hostname.startsWith('api.') || MANAGED_ISSUER_HOSTS.some(host => host.test(url.hostname));
}

/**
 * An `http(s)` URL, or a bare `host[:port]` read as an https one; else undefined. Unlike
 * {@link parseUrl} alone, other schemes (`api://…`) are no URL here: an audience in them names no
 * API server.
 */
function httpUrlOrHost(value: string): URL | undefined {
  if (/^https?:\/\//.test(value)) return parseUrl(value);
  return /^[a-z0-9.-]+(:\d+)?$/.test(value) ? parseUrl(`https://${value}`) : undefined;
}
