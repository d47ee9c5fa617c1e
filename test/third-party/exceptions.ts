/**
 * Default checks of the real scanners that the library's output deliberately does not meet, each
 * with its reason. The mirrors implement these checks as the scanners run them (`checkAll`), and
 * their `check` leaves out exactly the findings listed here, so every other test can require zero
 * findings while the exception stays visible, reasoned and tested (dist.test.ts requires that each
 * one still fires on the synthesized output, so a stale entry fails the build).
 */
import { Finding } from './shared';

/** One deliberate exception: a scanner check the output fails by design. */
export interface DeliberateException {
  /** `<scanner>/<check id>`, e.g. `kubescape/C-0209`. */
  readonly check: string;
  /** Why the output cannot or should not pass it. */
  readonly reason: string;
  /** The rule source the mirror follows. */
  readonly source: string;
}

/** Every deliberate exception, by check. */
export const DELIBERATE_EXCEPTIONS: readonly DeliberateException[] = [
  {
    check: 'kubescape/C-0209',
    reason: 'CIS 5.7.1 (cloud scope) lists every Namespace for manual review, whatever it holds: a SensitiveNamespace '
      + 'is the administrative boundary the control asks for, and still draws it.',
    source: 'kubescape/regolibrary rules/list-all-namespaces/raw.rego',
  },
  {
    check: 'kubescape/C-0211',
    reason: 'CIS 5.7.3 (cloud scope) fails every workload through its rule set-systctls-params, which requires '
      + '`securityContext.systctls`, a misspelled field the Pod API does not have (the API server drops or refuses it), '
      + 'so no valid workload can pass the control; its other rules are mirrored and reported for information.',
    source: 'kubescape/regolibrary controls/C-0211-applysecuritycontexttoyourpodsandcontainers.json',
  },
];

const EXCEPTED = new Set(DELIBERATE_EXCEPTIONS.map(e => e.check));

/** Whether a finding belongs to a deliberate exception. */
export function isDeliberateException(f: Finding): boolean {
  return EXCEPTED.has(f.check);
}

/** The findings that are not deliberate exceptions. */
export function withoutDeliberateExceptions(findings: Finding[]): Finding[] {
  return findings.filter(f => !isDeliberateException(f));
}
