/**
 * Exit codes of `cdk8s-soc2`. They mean the same for every command, so CI can branch on them:
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | clean: no findings (or nothing to judge: `controls`, `explain`, `diagram`) |
 * | 1 | findings: unsuppressed control failures (`check`, `report`) or the `diff --fail-on` condition met |
 * | 2 | usage or input error: bad flags, unknown control ids, unreadable or malformed input, non-Kubernetes documents, an invalid config, an internal error |
 *
 * When input errors and findings occur together the exit code is 2.
 */
export const ExitCode = {
  OK: 0,
  FINDINGS: 1,
  ERROR: 2,
} as const;

/** One of {@link ExitCode}. */
export type ExitCode = typeof ExitCode[keyof typeof ExitCode];
