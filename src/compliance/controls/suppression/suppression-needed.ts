import { defineControl, fail, pass } from '../../control';
import { suppressionKey, suppressionsOf } from '../../suppressions';
import { CheckContext, CheckResult, Control, IndexedObject } from '../../types';
import { annotationPath } from './private/annotation-path';
import { siblingHint } from './private/sibling-hint';
import { objectsWithSuppressions } from './private/suppressed-objects';

/**
 * The objects a control fails on: what the engine recorded when the control ran earlier in this
 * run, else computed here once per control, index and configuration (a run that skips it).
 */
function failingObjects(ctx: CheckContext, control: Control): ReadonlySet<IndexedObject> | undefined {
  const recorded = ctx.failedBy?.(control.id);
  if (recorded) return recorded;
  const byConfig = ctx.index.cached('suppression:failing', () => new WeakMap<object, Map<string, ReadonlySet<IndexedObject> | undefined>>());
  let byControl = byConfig.get(ctx.config);
  if (!byControl) byConfig.set(ctx.config, byControl = new Map());
  if (!byControl.has(control.id)) byControl.set(control.id, failing(ctx, control));
  return byControl.get(control.id);
}

function failing(ctx: CheckContext, control: Control): ReadonlySet<IndexedObject> | undefined {
  try {
    const out = new Set<IndexedObject>();
    for (const r of control.check(ctx)) if (!r.passed) out.add(r.object);
    return out;
  } catch {
    // A control that cannot run says nothing about what its suppressions silence.
    return undefined;
  }
}

/**
 * Every suppression silences a finding. One whose control passes on the object, or does not
 * apply to it, silences nothing today and would silence a regression tomorrow without a new line
 * in the diff: it is removed instead. Suppressions of unknown or unsuppressible controls are
 * left to suppression-known-control.
 */
export const suppressionNeeded = defineControl({
  id: 'suppression-needed',
  title: 'Suppressions silence a finding',
  condition: 'Every suppression annotation names a control that fails on the object it is written on.',
  severity: 'low',
  criteria: ['CC8.1', 'CC7.1'],
  references: {},
  remediation: 'Remove the suppression (the annotation, or the Compliance.suppress call): the control passes on this object or does '
    + 'not apply to it, so the suppression would only hide a future regression.',
  suppressible: false,
  check: ctx => {
    const out: CheckResult[] = [];
    for (const o of objectsWithSuppressions(ctx.index)) {
      const unneeded: string[] = [];
      const hints: string[] = [];
      for (const id of suppressionsOf(o).keys()) {
        const control = ctx.catalogue.get(id);
        if (!control || control.suppressible === false) continue;
        const failing = failingObjects(ctx, control);
        if (failing === undefined || failing.has(o)) continue;
        unneeded.push(id);
        const hint = siblingHint(o, id, failing, ctx.index.objects);
        if (hint) hints.push(hint);
      }
      out.push(unneeded.length === 0 ? pass(o) : fail(o,
        `suppresses ${unneeded.join(', ')}, which ${unneeded.length === 1 ? 'has' : 'have'} nothing to report on this object`
          + hints.map(h => `; ${h}`).join(''),
        annotationPath(suppressionKey(unneeded[0]))));
    }
    return out;
  },
});
