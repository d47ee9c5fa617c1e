import { suppressionsOf } from '../../../suppressions';
import { IndexedObject } from '../../../types';

/**
 * Where a suppression of `controlId` on `object` belongs instead, when it silences nothing there:
 * the objects the control fails on, without a suppression of their own, that another construct
 * emitted under the suppressed object's construct-path parent (a CompliantWorkload's Service
 * next to its Deployment). Compared by the construct path cdk8s records, so it says nothing about
 * objects read from files. `undefined` when there are none.
 */
export function siblingHint(object: IndexedObject, controlId: string, failing: ReadonlySet<IndexedObject>): string | undefined {
  const path = object.source.constructPath;
  const cut = path?.lastIndexOf('/') ?? -1;
  if (path === undefined || cut <= 0) return undefined;
  const parent = path.slice(0, cut);
  const siblings = [...failing]
    .filter(o => o !== object && o.source.constructPath?.startsWith(`${parent}/`) && !suppressionsOf(o).has(controlId))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  if (siblings.length === 0) return undefined;
  const name = parent.slice(parent.lastIndexOf('/') + 1);
  return `the finding is on ${siblings.map(o => o.ref).join(', ')}: suppress it there, `
    + `e.g. Compliance.suppress(${name}, '${controlId}', reason, { kind: '${siblings[0].kind}' })`;
}
