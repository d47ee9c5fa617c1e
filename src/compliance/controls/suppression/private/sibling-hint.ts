import { suppressionsOf } from '../../../suppressions';
import { IndexedObject } from '../../../types';

/**
 * Where a suppression of `controlId` on `object` belongs instead, when it silences nothing there:
 * the objects the control fails on, without a suppression of their own, that another construct
 * emitted under the suppressed object's construct-path parent (a CompliantWorkload's Service
 * next to its Deployment; not a whole chart, for an object placed in the chart itself). Compared
 * by the construct path cdk8s records, so it says nothing about objects read from files. The
 * example names the kind to pass to `Compliance.suppress` only when it picks one object under the
 * parent (as that option requires); else it says to pass the object itself. `undefined` when
 * there are none.
 * @param objects every object of the set, to count the objects of a kind under the parent
 */
export function siblingHint(object: IndexedObject, controlId: string, failing: ReadonlySet<IndexedObject>, objects: readonly IndexedObject[]): string | undefined {
  const parent = parentPath(object.source.constructPath);
  // Under the chart itself (`shop/svc`) every object of the chart would be a "sibling".
  if (parent === undefined || !parent.includes('/')) return undefined;
  const under = (o: IndexedObject) => o.source.constructPath?.startsWith(`${parent}/`) === true;
  const siblings = [...failing]
    .filter(o => o !== object && under(o) && !suppressionsOf(o).has(controlId))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  if (siblings.length === 0) return undefined;
  const first = siblings[0];
  const name = parent.slice(parent.lastIndexOf('/') + 1);
  const unique = objects.filter(o => o.kind === first.kind && under(o)).length === 1;
  const example = unique ? `Compliance.suppress(${name}, '${controlId}', reason, { kind: '${first.kind}' })`
    : `Compliance.suppress(<the ApiObject at ${first.source.constructPath}>, '${controlId}', reason)`;
  return `the finding is on ${siblings.map(o => o.ref).join(', ')}: suppress it there, e.g. ${example}`;
}

/** The construct path above an object's own, `undefined` when it has none. */
function parentPath(path: string | undefined): string | undefined {
  const cut = path?.lastIndexOf('/') ?? -1;
  return path === undefined || cut <= 0 ? undefined : path.slice(0, cut);
}
