import { parseLabelKey } from '../../src/compliance/common/label-syntax';
import { PropProblem } from '../errors';
import { PodField } from '../pod-field';
import { envNameProblem, namedForCredential } from './env';

/** The names of PodField's fields, for messages. */
const POD_FIELD_NAMES: readonly string[] = Object.keys(PodField).filter(k => (PodField as unknown as Record<string, unknown>)[k] instanceof PodField);

/**
 * Validates `podInfoEnv` (variable names to pod fields) beside `env`, whose names it shares: a
 * valid name, declared in one of them only, not named for a credential, and a field Kubernetes
 * gives an environment variable. Returns each valid variable's field path, in declaration order.
 */
export function checkPodInfoEnv(podInfoEnv: Readonly<Record<string, unknown>>, env: Readonly<Record<string, unknown>>,
  found: PropProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(podInfoEnv)) {
    const prop = `podInfoEnv.${name}`;
    const before = found.length;
    const nameProblem = envNameProblem(prop, name);
    if (nameProblem) found.push(nameProblem);
    if (Object.hasOwn(env, name)) {
      found.push({ prop, value: name, problem: 'is also a variable of env: a container has one variable of a name',
        fix: `keep it in one of them: podInfoEnv for the pod's ${describe(field)}, env for a value of your own` });
    }
    if (namedForCredential(name)) {
      found.push({ prop, value: name, problem: 'is named for a credential, which scanners and readers would take it for, while a pod field holds none',
        fix: 'name the variable for the field it holds, e.g. POD_NAME or NODE_NAME' });
    }
    const why = whyPodFieldInvalid(field);
    if (why) {
      found.push({ prop, value: field instanceof PodField ? field.fieldPath : field, problem: why,
        fix: `use one of ${POD_FIELD_NAMES.map(f => `PodField.${f}`).join(', ')}, or PodField.label("<key>") or PodField.annotation("<key>")` });
    }
    if (found.length === before) out[name] = (field as PodField).fieldPath;
  }
  return out;
}

/** The env entries of the pod-info variables: a `fieldRef` each, of API version v1, in declaration order. */
export function podInfoEnvVars(podInfoEnv: Readonly<Record<string, string>>): Record<string, unknown>[] {
  return Object.entries(podInfoEnv).map(([name, fieldPath]) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } }));
}

function describe(field: unknown): string {
  return field instanceof PodField ? field.fieldPath : 'field';
}

/** The fields Kubernetes gives an environment variable, but labels and annotations (`validEnvDownwardAPIFieldPathExpressions`). */
const ENV_FIELDS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.*)'\]$/s;

/** Why a value is not a pod field Kubernetes gives an environment variable, or `undefined`. */
function whyPodFieldInvalid(field: unknown): string | undefined {
  if (!(field instanceof PodField)) return 'must be a PodField (PodField.POD_NAME, PodField.label(key), …)';
  if (ENV_FIELDS.has(field.fieldPath)) return undefined;
  const m = SUBSCRIPTED.exec(field.fieldPath);
  if (m === null) return `reads ${field.fieldPath}, which Kubernetes does not give an environment variable`;
  // The API server checks an annotation's key in lower case, a label's as it is (ValidateQualifiedName).
  const key = m[1] === 'annotations' ? m[2].toLowerCase() : m[2];
  if (parseLabelKey(key) === undefined) {
    return `reads the ${m[1] === 'labels' ? 'label' : 'annotation'} "${m[2]}", which is not a key Kubernetes accepts (an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)`;
  }
  return undefined;
}
