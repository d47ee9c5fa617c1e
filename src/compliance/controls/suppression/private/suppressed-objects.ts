import { ManifestIndex } from '../../../manifest-index';
import { suppressionsOf } from '../../../suppressions';
import { IndexedObject } from '../../../types';

/** The objects that declare at least one suppression, in input order; computed once per index. */
export function objectsWithSuppressions(index: ManifestIndex): readonly IndexedObject[] {
  return index.cached('suppression:objects', () => index.objects.filter(o => suppressionsOf(o).size > 0));
}
