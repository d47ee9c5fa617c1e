import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PropProblem } from '../errors';

/**
 * The object a suppression on `scope` annotates: with no `kind`, the scope itself when it is an
 * ApiObject, else its default child (a CompliantWorkload's Deployment or StatefulSet); with a
 * `kind`, the one ApiObject of that kind in the scope's subtree. What stands in the way is added
 * to `found` and `undefined` returned.
 */
export function suppressionTarget(scope: IConstruct, kind: string | undefined, found: PropProblem[]): ApiObject | undefined {
  if (kind === undefined) {
    const target = primaryObject(scope);
    if (!target) found.push({ prop: 'scope', value: scope.node.path, problem: 'has no Kubernetes object to annotate', fix: 'pass an ApiObject or a construct with a Resource child' });
    return target;
  }
  if (typeof kind !== 'string' || kind.trim() === '') {
    found.push({ prop: 'options.kind', value: kind, problem: 'must be the kind of an object under the scope', fix: 'pass e.g. { kind: "Service" }, or omit it for the construct\'s own object' });
    return undefined;
  }
  const objects = scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  const matching = objects.filter(o => o.kind === kind);
  if (matching.length === 1) return matching[0];
  if (matching.length === 0) {
    const kinds = [...new Set(objects.map(o => o.kind))].sort();
    found.push({ prop: 'options.kind', value: kind, problem: `is the kind of no object under ${scope.node.path}, which holds ${kinds.length === 0 ? 'none' : kinds.join(', ')}`,
      fix: kinds.length === 0 ? 'pass a construct that holds the object, or the ApiObject itself' : 'pass one of those kinds (kinds are case-sensitive)' });
  } else {
    found.push({ prop: 'options.kind', value: kind, problem: `is the kind of ${matching.length} objects under ${scope.node.path} (${matching.map(o => o.node.path).join(', ')})`,
      fix: 'pass that ApiObject itself as the scope, e.g. ApiObject.of(<construct>.node.findChild(\'<id>\')), without options.kind' });
  }
  return undefined;
}

function primaryObject(scope: IConstruct): ApiObject | undefined {
  if (scope instanceof ApiObject) return scope;
  const child = scope.node.defaultChild;
  return child instanceof ApiObject ? child : undefined;
}
