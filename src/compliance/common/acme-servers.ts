import { parseUrl } from './url';

/**
 * ACME directory URLs, as the constructs and the controls read them: which public CA a directory
 * belongs to, and the credentials a URL may carry before its host, which are never repeated.
 */

/**
 * Public ACME CAs by the host of their directory. Like every publicly trusted CA, they issue only
 * for names in the public DNS (CA/Browser Forum Baseline Requirements), never for internal ones.
 */
const PUBLIC_ACME_CAS: Readonly<Record<string, string>> = {
  'acme-v02.api.letsencrypt.org': 'Let\'s Encrypt',
  'acme-staging-v02.api.letsencrypt.org': 'Let\'s Encrypt (staging)',
  'acme.zerossl.com': 'ZeroSSL',
  'dv.acme-v02.api.pki.goog': 'Google Trust Services',
  'dv.acme-v02.test-api.pki.goog': 'Google Trust Services (staging)',
  'api.buypass.com': 'Buypass',
  'api.test4.buypass.no': 'Buypass (staging)',
  'acme.ssl.com': 'SSL.com',
};

/** The lifetime of Let's Encrypt's certificates of its default profile, in days, whatever a Certificate asks. */
export const LETS_ENCRYPT_DAYS = 90;

/** The hosts of Let's Encrypt's directories, production and staging. */
const LETS_ENCRYPT_HOSTS: ReadonlySet<string> = new Set(['acme-v02.api.letsencrypt.org', 'acme-staging-v02.api.letsencrypt.org']);

/** The host of a directory URL, lower case, without a final dot. */
function hostOf(server: unknown): string | undefined {
  return parseUrl(server)?.hostname.toLowerCase().replace(/\.$/, '');
}

/** The public CA an ACME directory URL belongs to (`Let's Encrypt`, `ZeroSSL`, …), if it is a known one. */
export function publicAcmeCa(server: unknown): string | undefined {
  const host = hostOf(server);
  return host !== undefined && Object.hasOwn(PUBLIC_ACME_CAS, host) ? PUBLIC_ACME_CAS[host] : undefined;
}

/** Whether a directory URL is Let's Encrypt's (production or staging). */
export function isLetsEncrypt(server: unknown): boolean {
  const host = hostOf(server);
  return host !== undefined && LETS_ENCRYPT_HOSTS.has(host);
}

/** The authority of a URL written with or without its scheme (`https://user:pass@host/…`, `user:pass@host/…`). */
const AUTHORITY = /^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)([^/?#\s]*)/i;

/** Whether a URL names a user (and maybe a password) before its host, with or without a scheme. */
export function hasUserinfo(url: string): boolean {
  return AUTHORITY.exec(url)![2].includes('@');
}

/** `url` with the userinfo of its authority replaced by `mask` (`***@`, or `''` to drop it), with or without a scheme. */
export function maskUserinfo(url: string, mask = '***@'): string {
  return url.replace(AUTHORITY, (_all, scheme: string, authority: string) => `${scheme}${authority.includes('@') ? mask + authority.slice(authority.lastIndexOf('@') + 1) : authority}`);
}
