import { controlIdHint, suggestControlId } from '../../common/suggest-control-id';
import { defineControl, fail, pass } from '../../control';
import { getPath, ManifestIndex } from '../../manifest-index';
import { hasSuppressionAnnotation, SUPPRESSION_PREFIX, suppressionKey, suppressionsOf } from '../../suppressions';
import { CheckContext, CheckResult, Control, IndexedObject } from '../../types';
import { annotationPath } from './private/annotation-path';
import { objectsWithSuppressions } from './private/suppressed-objects';

interface Problem {
  readonly message: string;
  readonly path: string;
}

/**
 * The templates around a pod template's spec, outermost first, each with its metadata path and
 * what it is called: a CronJob's job template (`spec.jobTemplate`) and the pod template inside it.
 */
function templatesAround(specPath: string): Array<{ readonly metadata: string; readonly what: string }> {
  const segments = specPath.split('.');
  const out: Array<{ metadata: string; what: string }> = [];
  for (let i = 1; i < segments.length; i++) {
    if (segments[i] !== 'spec') continue;
    const what = segments[i - 1] === 'jobTemplate' ? 'job template' : 'pod template';
    out.push({ metadata: `${segments.slice(0, i).join('.')}.metadata`, what });
  }
  return out;
}

/** The annotations of the metadata at a dotted path of an object, when they are a mapping. */
function annotationsAt(raw: unknown, metadataPath: string): Record<string, unknown> | undefined {
  const v = getPath(raw, `${metadataPath}.annotations`);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
}

/** Suppression annotations written on pod templates (and a CronJob's job template), by owner: the engine never reads them there. */
function templateSuppressions(index: ManifestIndex): ReadonlyMap<IndexedObject, Problem[]> {
  return index.cached('suppression:on-templates', () => {
    const m = new Map<IndexedObject, Problem[]>();
    for (const pod of index.podTemplates) {
      if (pod.owner.kind === 'Pod') continue;
      const around = templatesAround(pod.specPath);
      // Most templates carry no suppression, and only a CronJob's pod template has a template around it.
      if (around.length === 1 && !hasSuppressionAnnotation(pod.annotations)) continue;
      for (const t of around) {
        const annotations = annotationsAt(pod.owner.raw, t.metadata);
        if (!annotations) continue;
        for (const key of Object.keys(annotations)) {
          if (!key.startsWith(SUPPRESSION_PREFIX)) continue;
          const list = m.get(pod.owner) ?? [];
          list.push({
            message: `${key} is on the ${t.what}, where it has no effect: move it to the ${pod.owner.kind}'s metadata.annotations`,
            path: annotationPath(key, t.metadata),
          });
          m.set(pod.owner, list);
        }
      }
    }
    return m;
  });
}

const guesses = new WeakMap<ReadonlyMap<string, Control>, Map<string, string | undefined>>();

/** ` (did you mean "x"?)` for the control an unknown id was probably meant to be, if any; computed once per catalogue and id. */
function guessFor(catalogue: ReadonlyMap<string, Control>, id: string): string | undefined {
  let known = guesses.get(catalogue);
  if (!known) guesses.set(catalogue, known = new Map());
  if (!known.has(id)) {
    const s = suggestControlId(id, catalogue.values());
    known.set(id, s && ` (${controlIdHint(s)})`);
  }
  return known.get(id);
}

function problemsOf(ctx: CheckContext, o: IndexedObject): Problem[] {
  const out: Problem[] = [];
  for (const id of suppressionsOf(o).keys()) {
    const path = annotationPath(suppressionKey(id));
    const control = ctx.catalogue.get(id);
    if (!control) {
      const guess = guessFor(ctx.catalogue, id);
      out.push({ message: `suppression names unknown control "${id}"${guess ?? ''}`, path });
    } else if (control.suppressible === false) {
      out.push({ message: `control ${id} cannot be suppressed; fix the finding instead`, path });
    }
  }
  return out;
}

/** Every suppression silences a control that exists and may be silenced. */
export const suppressionKnownControl = defineControl({
  id: 'suppression-known-control',
  title: 'Suppressions name suppressible controls',
  condition: 'Every suppression annotation names a control of the catalogue that is suppressible, and sits on the object\'s own '
    + 'metadata (not on a pod template, nor on a CronJob\'s job template).',
  severity: 'medium',
  criteria: ['CC8.1', 'CC7.1'],
  references: {},
  remediation: 'Correct the control id to one of the catalogue, fix findings of controls that cannot be suppressed, and put '
    + 'suppressions in the workload\'s metadata.annotations.',
  suppressible: false,
  check: ctx => {
    const onTemplates = templateSuppressions(ctx.index);
    const out: CheckResult[] = [];
    // Without misplaced suppressions, only the objects that declare suppressions can fail or pass.
    for (const o of onTemplates.size === 0 ? objectsWithSuppressions(ctx.index) : ctx.index.objects) {
      const misplaced = onTemplates.get(o) ?? [];
      if (suppressionsOf(o).size === 0 && misplaced.length === 0) continue;
      const problems = [...problemsOf(ctx, o), ...misplaced];
      out.push(problems.length === 0 ? pass(o) : fail(o, problems.map(p => p.message).join('; '), problems[0].path));
    }
    return out;
  },
});
