import { IConstruct } from 'constructs';

/**
 * Marks the stand-in scope of a factory function (`Issuer.acmeDns01`), whose Soc2Error names its
 * arguments rather than a construct's props.
 */
export const FUNCTION_CALL = Symbol.for('cdk8s-soc2.function-call');

/** Stands for a function in a Soc2Error, where an error of a construct names the construct path. */
export function functionScope(fn: string): IConstruct {
  return { node: { path: fn }, [FUNCTION_CALL]: true } as unknown as IConstruct;
}

/** Whether `scope` stands for a function ({@link functionScope}) rather than a construct. */
export function isFunctionScope(scope: IConstruct): boolean {
  return (scope as { [FUNCTION_CALL]?: boolean })[FUNCTION_CALL] === true;
}
