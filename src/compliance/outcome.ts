import { Control, Evaluation, IndexedObject } from './types';

/**
 * The evaluations of one control, stored compactly: most results of a run are passes with
 * nothing to remark, and those are kept as the objects alone instead of one evaluation each.
 */
export interface ControlOutcome {
  readonly control: Control;
  /** Objects the control passed with no message, path or suppression, in the control's order. */
  readonly passed: readonly IndexedObject[];
  /** Every other evaluation (failed, suppressed, or passed with a message or path), in the control's order. */
  readonly remarked: readonly Evaluation[];
}

/** Collects the outcome of one control and rebuilds its evaluations in the order the control returned them. */
export class OutcomeCollector implements ControlOutcome {
  public readonly passed: IndexedObject[] = [];
  public readonly remarked: Evaluation[] = [];
  /** How many results came before each remarked evaluation: where it goes back in the full list. */
  private readonly remarkedAt: number[] = [];

  public constructor(public readonly control: Control) {}

  /** Records a pass with nothing to remark. */
  public addPassed(object: IndexedObject): void {
    this.passed.push(object);
  }

  /** Records any other evaluation. */
  public addRemarked(evaluation: Evaluation): void {
    this.remarkedAt.push(this.passed.length + this.remarked.length);
    this.remarked.push(evaluation);
  }

  /** Every evaluation of the control, plain passes included, in the control's order, appended to `out`. */
  public appendEvaluations(out: Evaluation[]): void {
    const control = this.control;
    let p = 0;
    let r = 0;
    const total = this.passed.length + this.remarked.length;
    for (let i = 0; i < total; i++) {
      if (r < this.remarked.length && this.remarkedAt[r] === i) out.push(this.remarked[r++]);
      else out.push({ control, object: this.passed[p++], status: 'passed' });
    }
  }
}
