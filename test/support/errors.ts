import { ComplianceFailedError, Soc2Error } from '../../constructs';

/** What a Soc2Error must name. */
export interface ExpectedError {
  readonly code: string;
  readonly path: string;
  readonly prop: string;
  readonly value: string;
  readonly fix: RegExp;
  /** What the problem must say. @default - not checked */
  readonly problem?: RegExp;
}

/** Asserts that `fn` throws a Soc2Error naming the code, construct path, prop, value and fix. */
export function expectSoc2Error(fn: () => unknown, e: ExpectedError): void {
  let thrown: unknown;
  try {
    fn();
  } catch (x) {
    thrown = x;
  }
  expect(thrown).toBeInstanceOf(Soc2Error);
  const err = thrown as Soc2Error;
  expect(err.code).toBe(e.code);
  expect(err.constructPath).toBe(e.path);
  expect(err.message).toContain(`[${e.code}] ${e.path}:`);
  expect(err.message).toContain(`- ${e.prop} = ${e.value}:`);
  expect(err.message).toMatch(new RegExp(`Fix: .*${e.fix.source}`));
  if (e.problem) expect(err.message).toMatch(new RegExp(`- ${escape(e.prop)} = ${escape(e.value)}: .*${e.problem.source}`));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The message of what `fn` throws; fails when it throws nothing. */
export function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** The error a synth that must fail throws; fails the test when it throws no ComplianceFailedError. */
export function synthFailure(app: { synth(): void }): ComplianceFailedError {
  let thrown: unknown;
  try {
    app.synth();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ComplianceFailedError);
  return thrown as ComplianceFailedError;
}
