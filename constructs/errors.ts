import { Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { Finding } from '../src/compliance/types';
import { isFunctionScope } from './private/function-scope';

/** Stable codes of the errors constructs raise; part of the public API. */
export type Soc2ErrorCode =
  | 'INVALID_NAME'
  | 'DUPLICATE_NAME'
  | 'INVALID_PORT'
  | 'INVALID_IMAGE'
  | 'INVALID_REPLICAS'
  | 'INVALID_RESOURCES'
  | 'INVALID_REASON'
  | 'INVALID_DATE'
  | 'INVALID_SUBJECT'
  | 'INVALID_RULE'
  | 'INVALID_PEER'
  | 'INVALID_ENV'
  | 'INVALID_PATH'
  | 'INVALID_PROBE'
  | 'INVALID_HOST'
  | 'INVALID_CERTIFICATE'
  | 'INVALID_ISSUER'
  | 'INVALID_BACKEND'
  | 'INVALID_MTLS'
  | 'INVALID_SUPPRESSION'
  | 'INVALID_PROP'
  | 'COMPLIANCE_FAILED';

/** One problem with a prop value. */
export interface PropProblem {
  /** The prop, as a user writes it (`resources.limits.cpu`). */
  readonly prop: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Whether a value is a cdk8s `Lazy` (by its shape too, so that a second copy of cdk8s in a user's
 * node_modules counts): it resolves only at synth, while props are checked at construction.
 */
function isLazy(value: unknown): boolean {
  if (value instanceof Lazy) return true;
  return typeof value === 'object' && value !== null && value.constructor?.name === 'Lazy' && typeof (value as { produce?: unknown }).produce === 'function';
}

/** How a Lazy value is shown: what the user wrote, not its internals (`{"producer":{}}`). */
const LAZY = 'Lazy(…)';

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (isLazy(value)) return LAZY;
  try {
    const s = JSON.stringify(value, (_key, v) => (isLazy(v) ? LAZY : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return s === undefined ? String(value) : s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(value);
  }
}

/**
 * Defines `key` on `error` as a property code reads but that is not enumerable, so that Node's print
 * of an uncaught error shows its message (which says everything) without the data repeated after it.
 */
function hide<T>(error: Error, key: string, value: T): void {
  Object.defineProperty(error, key, { value, enumerable: false, writable: false, configurable: true });
}

/**
 * The one error type of the constructs: a stable code, the construct path, and for every
 * problem the prop, the value, what is wrong and how to fix it.
 */
export class Soc2Error extends Error {
  /** Throws one error for all problems found with a construct's props (no-op when empty). */
  public static throwIf(scope: IConstruct, code: Soc2ErrorCode, problems: readonly PropProblem[]): void {
    if (problems.length > 0) throw new Soc2Error(scope, code, problems);
  }

  public readonly code: Soc2ErrorCode;
  /**
   * The path of the construct whose props or method call were refused (`<app>` for the app), or
   * the factory function whose call was (`Issuer.acmeDns01`, `Rule.read`), which has no construct.
   */
  public readonly constructPath: string;
  /** Each problem; the message lists them all (not enumerable, so an uncaught error prints the message only). */
  declare public readonly problems: readonly PropProblem[];

  public constructor(scope: IConstruct, code: Soc2ErrorCode, problems: readonly PropProblem[]) {
    const path = scope.node.path || '<app>';
    const lines = problems.map(p => `  - ${p.prop} = ${show(p.value)}: ${lazyProblem(p)}. Fix: ${lazyFix(p)}`);
    const noun = isFunctionScope(scope) ? 'argument' : 'prop';
    super(`[${code}] ${path}: ${problems.length === 1 ? `invalid ${noun}` : `${problems.length} invalid ${noun}s`}\n${lines.join('\n')}`);
    this.name = 'Soc2Error';
    this.code = code;
    this.constructPath = path;
    hide(this, 'problems', problems);
  }
}

/** The problem, said first of a Lazy value: it is not wrong in itself, only not known yet. */
function lazyProblem(p: PropProblem): string {
  return isLazy(p.value) ? `is a cdk8s Lazy value, resolved only at synth, while ${p.prop} is checked when the construct is made (${p.problem})` : p.problem;
}

/** The fix, for a Lazy value, starting with passing the value itself. */
function lazyFix(p: PropProblem): string {
  return isLazy(p.value) ? `pass the value itself, computed before the construct is made; ${p.fix}` : p.fix;
}

/** Shorthand for a single-problem error. */
export function propError(scope: IConstruct, code: Soc2ErrorCode, prop: string, value: unknown, problem: string, fix: string): Soc2Error {
  return new Soc2Error(scope, code, [{ prop, value, problem, fix }]);
}

/**
 * Thrown by `CompliantApp.synth` when the compliance check finds unsuppressed violations: code
 * `COMPLIANCE_FAILED`, the findings, and a message naming each control, object, construct path and fix.
 */
export class ComplianceFailedError extends Error {
  public readonly code: Soc2ErrorCode = 'COMPLIANCE_FAILED';
  /**
   * The unsuppressed findings, each with the object it is about; the message names them all (not
   * enumerable, so an uncaught error does not print every finding's object after the message).
   */
  declare public readonly findings: readonly Finding[];

  public constructor(message: string, findings: readonly Finding[]) {
    super(message);
    this.name = 'ComplianceFailedError';
    hide(this, 'findings', findings);
  }
}
