import { didYouMean } from './suggest';

/** One problem with an option of a function of the engine's API. */
export interface OptionProblem {
  /** The option as a caller writes it: `runCompliance(options.skp)`. */
  readonly option: string;
  readonly value: unknown;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * The problems of the options object of `fn` (its parameter `param`): none when it is absent
 * (`undefined`, or `null` from JavaScript); one when it is not an object; otherwise one for each
 * key outside `known` (a misspelt option would otherwise be dropped and its default apply), with
 * the closest known one.
 */
export function optionProblems(fn: string, options: unknown, known: readonly string[], param = 'options'): OptionProblem[] {
  if (options === undefined || options === null) return [];
  if (typeof options !== 'object' || Array.isArray(options)) {
    return [{ option: `${fn}(${param})`, value: options, problem: 'must be an object of options', fix: `omit it, or pass an object of ${known.join(', ')}` }];
  }
  return Object.entries(options).filter(([key]) => !known.includes(key)).map(([key, value]) => ({
    option: `${fn}(${param}.${key})`, value, problem: `is not an option of ${fn}`,
    fix: `remove it${didYouMean(key, known).replace(/^; did you mean/, ', or did you mean')}`,
  }));
}

/**
 * Throws a TypeError naming `fn` and every problem, one per line, laid out as the constructs'
 * errors are (`- <option> = <value>: <problem>. Fix: <fix>`); does nothing when there are none.
 */
export function throwOptionProblems(fn: string, problems: readonly OptionProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map(p => `  - ${p.option} = ${show(p.value)}: ${p.problem}. Fix: ${p.fix}`);
  throw new TypeError(`${fn}: ${problems.length === 1 ? 'invalid option' : `${problems.length} invalid options`}\n${lines.join('\n')}`);
}

/** Refuses the options of `fn` that are not an object or hold a key outside `known` ({@link optionProblems}). */
export function checkOptions(fn: string, options: unknown, known: readonly string[], param = 'options'): void {
  throwOptionProblems(fn, optionProblems(fn, options, known, param));
}

/** A value as an error names it: JSON, shortened. */
function show(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
