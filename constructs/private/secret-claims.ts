import { Construct } from 'constructs';
import { appRegistry } from './app-registry';

/**
 * The Secrets of each namespace the app's constructs write or read, by `secret:<namespace>/<name>`:
 * who holds each. A certificate's Secret (CertManagedIngress `secretName`) is written by
 * cert-manager, so it may be shared with nothing; issuers' and workloads' Secrets are only read,
 * and may be shared among their kind, never across: an issuer's credentials are cert-manager's alone.
 */
export function secretClaims(scope: Construct): Map<string, string> {
  return appRegistry(scope, 'ingress:reserved', () => new Map<string, string>());
}

/** How issuers' Secrets are held in {@link secretClaims}. */
export const ISSUER_SECRETS = 'the Secrets of Issuer ';

/** How workloads' `secretFiles` Secrets are held in {@link secretClaims}. */
export const WORKLOAD_SECRETS = 'the secretFiles of CompliantWorkload ';

/** The key of a Secret in {@link secretClaims}. */
export function secretKey(namespace: string, name: string): string {
  return `secret:${namespace}/${name}`;
}
