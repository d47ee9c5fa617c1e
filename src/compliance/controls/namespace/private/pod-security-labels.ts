import { labelPath } from './label-path';

/** The Pod Security Admission label prefix. */
export const PSA_PREFIX = 'pod-security.kubernetes.io/';

/** A Pod Security label that is missing or wrong. */
export interface LabelProblem {
  readonly message: string;
  readonly path: string;
}

/**
 * The first Kubernetes minor version whose restricted Pod Security profile holds all of today's
 * container checks: dropping every capability joined it in v1.22, refusing runAsUser 0 in v1.23.
 */
export const MIN_RESTRICTED_MINOR = 23;

/** A version Pod Security admission reads: `v1.` and a minor version without leading zeros; it refuses a Namespace labelled with any other but `latest`. */
const PSA_VERSION = /^v1\.(0|[1-9]\d*)$/;

/**
 * What is wrong with a namespace's Pod Security Admission labels, or an empty list when it
 * enforces, audits and warns at `restricted` with the enforced version pinned to a Kubernetes
 * minor version (`v1.27`, no older than v1.23), so an upgrade cannot silently change the rules,
 * and with audit and warn versions, when set, that Pod Security admission accepts.
 */
export function podSecurityProblems(labels: Readonly<Record<string, string>>): LabelProblem[] {
  const out: LabelProblem[] = [];
  for (const mode of ['enforce', 'audit', 'warn']) {
    const key = `${PSA_PREFIX}${mode}`;
    const value = labels[key];
    if (value !== 'restricted') {
      out.push({ message: value === undefined ? `${key} is not set` : `${key} is "${value}", not "restricted"`, path: labelPath(key) });
    }
  }
  const versionKey = `${PSA_PREFIX}enforce-version`;
  const version = labels[versionKey];
  if (version === undefined) out.push({ message: `${versionKey} is not set (it defaults to latest)`, path: labelPath(versionKey) });
  else if (!PSA_VERSION.test(version)) out.push({ message: `${versionKey} is "${version}", not a pinned version such as v1.27`, path: labelPath(versionKey) });
  else if (Number(version.slice(3)) < MIN_RESTRICTED_MINOR) {
    out.push({ message: `${versionKey} is "${version}", whose restricted profile predates v1.${MIN_RESTRICTED_MINOR} and leaves out checks it gained since (dropping every capability, refusing runAsUser 0)`, path: labelPath(versionKey) });
  }
  for (const mode of ['audit', 'warn']) {
    const key = `${PSA_PREFIX}${mode}-version`;
    const value = labels[key];
    if (value !== undefined && value !== 'latest' && !PSA_VERSION.test(value)) {
      out.push({ message: `${key} is "${value}", neither latest nor a version such as v1.27, so Pod Security admission refuses the Namespace`, path: labelPath(key) });
    }
  }
  return out;
}
