import { canonicalJson } from '../../common/canonical-json';
import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject, SourceLocation } from '../../types';

/** Where an object was declared, for a message: its construct path, else its file and document. */
function describeSource(s: SourceLocation): string {
  if (s.constructPath) return `construct ${s.constructPath}`;
  return s.file ? `${s.file} document ${s.document}` : `document ${s.document}`;
}

/**
 * No two objects of the manifest set are the same API object (API group, kind, namespace and
 * name) with different contents: applied together, the later one silently replaces the earlier,
 * so what the cluster runs is not what the rest of the check evaluated. An object repeated
 * unchanged is harmless and passes.
 */
export const objectsUnique = defineControl({
  id: 'objects-unique',
  title: 'Each object is declared once',
  condition: 'No two objects of the manifest set share API group, kind, namespace and name with different contents. Only objects declared more than once are evaluated (objects named by generateName never are).',
  severity: 'high',
  criteria: ['CC8.1'],
  references: {},
  // A copy with other contents has no legitimate use: one of the two never reaches the cluster.
  suppressible: false,
  remediation: 'Rename one of the objects (or the construct that emits it), or remove the copy: when both are applied, the later one replaces the earlier.',
  // Only objects the set declares more than once are evaluated: the first copy passes (it is the
  // one the others repeat or replace), each later one passes unchanged or fails. The evidence of a
  // set without repeats is then "not applicable" throughout, and costs nothing per object.
  check: ctx => {
    // Most sets repeat nothing: the index finds that once, before any key of group and ref is built.
    if (!ctx.index.repeatsARef) return [];
    const first = new Map<string, IndexedObject>();
    const repeated = new Set<string>();
    const keys: (string | undefined)[] = [];
    const objects = ctx.index.objects;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      // An object named by generateName gets a fresh name from the API server: it repeats nothing.
      const key = typeof (o.raw.metadata as { name?: unknown } | undefined)?.name === 'string' ? `${o.group}/${o.ref}` : undefined;
      keys.push(key);
      if (key === undefined) continue;
      if (first.has(key)) repeated.add(key);
      else first.set(key, o);
    }
    const out: CheckResult[] = [];
    if (repeated.size === 0) return out;
    // The first copy's canonical text, computed once however often it is repeated.
    const firstText = new Map<IndexedObject, string>();
    for (let i = 0; i < objects.length; i++) {
      const key = keys[i];
      if (key === undefined || !repeated.has(key)) continue;
      const o = objects[i];
      const earlier = first.get(key)!;
      if (earlier === o) {
        out.push(pass(o, 'declared again later in the set'));
        continue;
      }
      let text = firstText.get(earlier);
      if (text === undefined) firstText.set(earlier, text = canonicalJson(earlier.raw));
      if (text === canonicalJson(o.raw)) {
        out.push(pass(o, `repeats ${describeSource(earlier.source)} unchanged`));
      } else {
        out.push(fail(o, `is also declared, with other contents, by ${describeSource(earlier.source)}: applied after it, this one replaces it`, 'metadata.name'));
      }
    }
    return out;
  },
});
