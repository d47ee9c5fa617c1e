import { credentialInValue, isCredentialName } from '../../src/compliance/common/credentials';
import { didYouMean } from '../../src/compliance/common/suggest';
import { PropProblem } from '../errors';
import { checkFileRef, MountedObject } from './mounted-files';

/**
 * Names of variables that look like credentials. Scanners flag any such name with a literal
 * value (Kubescape C-0012 matches substrings, Polaris sensitiveContainerEnvVar), so the workload
 * refuses them: secrets are read from files (`secretFiles`).
 */
const CREDENTIAL_NAME = /(secret|key|passw|pwd|token|jwt|bearer|credential)/i;

/** Whether an environment variable is named for a credential, by the scanners' pattern or by the check's names. */
export function namedForCredential(name: string): boolean {
  return CREDENTIAL_NAME.test(name) || isCredentialName(name);
}

/**
 * Text that scanners read as a credential in any variable's value (Kubescape C-0012 matches these
 * substrings in any case), so the workload refuses it in `env` even where it is no secret (an
 * auth scheme `Bearer`).
 */
const CREDENTIAL_VALUE = /(jwt|bearer|_key_|_secret_|PRIVATE KEY|eyJhbGciO)/i;

/** Text Polaris reads as a private key in any variable, a path included (`-BEGIN … PRIVATE KEY-`). */
const PRIVATE_KEY_TEXT = /-BEGIN\s+.*PRIVATE KEY-/i;

/**
 * Names Polaris' sensitiveContainerEnvVar flags with any literal value, a path to a mounted file
 * included; other credential-like names may hold a path (`TLS_KEY_FILE=/var/run/secrets/app/tls.key`),
 * which no scanner reads as a credential.
 */
const SENSITIVE_WITH_ANY_VALUE = /^AWS_SECRET_ACCESS_KEY$|^GOOGLE_APPLICATION_CREDENTIALS$|^AZURE_.+KEY$|^OCI_CLI_KEY_CONTENT$|password|token|bearer|secret/i;
/**
 * An environment variable name as the API server accepts it (apimachinery `IsEnvVarName`): letters,
 * digits, `_`, `-` and `.`, not starting with a digit, and neither `.`, `..` nor starting with `..`.
 * Kubernetes 1.32 and later also accept other printable characters (`RelaxedEnvironmentVariableValidation`),
 * which older API servers refuse.
 */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Whether a name is an environment variable name the API server accepts ({@link ENV_NAME}). */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name) && !name.startsWith('..') && name !== '.';
}

/** A problem with an environment variable name (`prop` is `env.<name>`), `undefined` when Kubernetes accepts it. */
export function envNameProblem(prop: string, name: string): PropProblem | undefined {
  if (isEnvName(name)) return undefined;
  return { prop, value: name, problem: 'is not a valid environment variable name: Kubernetes takes letters, digits, "_", "-" and ".", not a digit first, and not ".", ".." or a name starting with ".."',
    fix: 'rename it, e.g. "LOG_LEVEL" or "log.level"' };
}

/**
 * The variables Kubernetes gives every container whatever `enableServiceLinks` says, and to which
 * a `$(NAME)` reference expands: those of the API server's `kubernetes` Service in `default`
 * (`KUBERNETES_SERVICE_HOST`, `KUBERNETES_SERVICE_PORT_HTTPS`, `KUBERNETES_PORT_443_TCP_ADDR`, …).
 * The workload turns the other Services' variables off and adds none of its own.
 */
const KUBERNETES_VARIABLE = /^KUBERNETES_(SERVICE_HOST|SERVICE_PORT(_HTTPS)?|PORT(_\d+_TCP(_PROTO|_PORT|_ADDR)?)?)$/;
/** The usual names of {@link KUBERNETES_VARIABLE}, for suggestions. */
const KUBERNETES_VARIABLES = ['KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'KUBERNETES_SERVICE_PORT_HTTPS', 'KUBERNETES_PORT',
  'KUBERNETES_PORT_443_TCP', 'KUBERNETES_PORT_443_TCP_PROTO', 'KUBERNETES_PORT_443_TCP_PORT', 'KUBERNETES_PORT_443_TCP_ADDR'];

/**
 * Validates `env`: variable names, string values, no credentials by name or by value, and
 * `$(NAME)` references to variables that are defined (in `env`, in `podInfoEnv`, whose names are
 * `podInfoNames`, or by Kubernetes itself) and that an order of the list satisfies (Kubernetes
 * expands a reference only to the variables before it). Returns the variable names in the order
 * the container lists them ({@link placeEnv}), read from the same references.
 */
export function checkEnv(env: Readonly<Record<string, unknown>>, podInfoNames: readonly string[], found: PropProblem[]): string[] {
  for (const [k, v] of Object.entries(env)) {
    const name = envNameProblem(`env.${k}`, k);
    if (name) found.push(name);
    if (typeof v !== 'string') found.push(notAString(k, v));
    const problem = credentialProblem(k, v);
    if (problem) found.push(problem);
    if (typeof v === 'string') found.push(...undefinedReferences(k, v, env, podInfoNames));
  }
  const refs = referencesOf(env);
  const { placed, rest } = placeEnv(env, refs);
  checkEnvReferences(rest, refs, found);
  return [...placed, ...rest];
}

/** The problem of a variable whose value is not a string: a number or boolean to quote, or none at all (`null` from JSON). */
function notAString(k: string, v: unknown): PropProblem {
  if (v === null || v === undefined) {
    return { prop: `env.${k}`, value: v, problem: 'has no value: a variable needs a string', fix: 'give it a value ("" for an empty one), or leave the variable out' };
  }
  if (typeof v === 'object') return { prop: `env.${k}`, value: v, problem: 'must be a string: env holds literal values only', fix: referenceFix(k, v) };
  return { prop: `env.${k}`, value: v, problem: 'must be a string', fix: `quote the value: "${String(v)}"` };
}

/**
 * Where a value that refers to something else (a Kubernetes `valueFrom`, or a `{ secret, key }`
 * written in `env`) goes instead: a Secret or a ConfigMap key is mounted as a file, a pod field
 * is `podInfoEnv`, a container's resource amount is written as it is set.
 */
function referenceFix(k: string, v: object): string {
  // The keys at any depth (`"secretKeyRef":`), not a value that happens to read "secret".
  const keys = JSON.stringify(v);
  const file = k.toLowerCase().replace(/_/g, '-');
  if (/"(secret|secretKeyRef|secretRef)":/.test(keys)) {
    return `mount the Secret as a file with secretFiles: { '${file}': { secret: '<name>', key: '<key>' } } (secrets are never passed in environment variables)`;
  }
  if (/"(configMap|configMapKeyRef|configMapRef)":/.test(keys)) {
    return `mount the ConfigMap key as a file with configFiles: { '${file}': { configMap: '<name>', key: '<key>' } }`;
  }
  // PodField has no container resources: a resourceFieldRef has no podInfoEnv to go to.
  if (/"resourceFieldRef":/.test(keys)) return 'write the amount as a string: the workload sets it in resources (e.g. resources.limits.memory), and podInfoEnv reads pod fields only';
  if (/"(fieldRef|fieldPath)":/.test(keys)) return `read pod fields with podInfoEnv: { ${k}: PodField.POD_NAME } (or another PodField)`;
  return 'give the value as a string, or read it from a file with configFiles or secretFiles';
}

/** A problem with a variable that holds, or that scanners read as holding, a credential. */
function credentialProblem(k: string, v: unknown): PropProblem | undefined {
  const secretFile = `secretFiles: { '${k.toLowerCase().replace(/_/g, '-')}': { secret: '<name>', key: '<key>' } }`;
  const path = typeof v === 'string' && v.startsWith('/');
  const credentialName = isCredentialName(k);
  if (path && (SENSITIVE_WITH_ANY_VALUE.test(k) || credentialName)) {
    return { prop: `env.${k}`, value: v, problem: 'names a credential, which scanners (Polaris sensitiveContainerEnvVar) and the check read as one with any literal value, a file path included',
      fix: 'pass the path to the program in args (e.g. --password-file=/var/run/secrets/app/<file>), or name the variable for the file (e.g. API_KEY_FILE)' };
  }
  const valueIsCredential = typeof v === 'string' && credentialInValue(v) !== undefined;
  if (!path && (credentialName || valueIsCredential)) {
    return { prop: `env.${k}`, value: '<redacted>', problem: 'looks like a credential passed as a plain value, which ends up in the YAML, in Git and in every scanner report',
      fix: `store it in a Secret and read it from a file: ${secretFile}, or rename the variable if it holds no secret` };
  }
  // Only the pattern names it a credential: scanners read it as one all the same.
  if (!path && CREDENTIAL_NAME.test(k)) {
    return { prop: `env.${k}`, value: '<redacted>',
      problem: `has "${CREDENTIAL_NAME.exec(k)![1]}" in its name, which scanners (Kubescape C-0012) read as a credential with any value`,
      fix: `rename the variable without "secret", "key", "passw", "pwd", "token", "jwt", "bearer" or "credential" if it holds no secret, else read it from a file: ${secretFile}` };
  }
  if (typeof v === 'string' && ((!path && CREDENTIAL_VALUE.test(v)) || PRIVATE_KEY_TEXT.test(v))) {
    // Kubescape C-0012 reads no path (a value starting with "/") as a credential; Polaris reads a private key anywhere.
    return { prop: `env.${k}`, value: '<redacted>',
      problem: `holds "${CREDENTIAL_VALUE.exec(v)![1]}", which scanners (Kubescape C-0012) read as a credential in any environment variable, whatever its name`,
      fix: `let the program default it, or read it from a file: ${secretFile}` };
  }
  return undefined;
}

/**
 * The `$(NAME)` references of variable `k` to a name defined nowhere, which Kubernetes leaves as
 * literal text (a typo such as `$(POD_NAM)` would go unnoticed): not in `env`, not in
 * `podInfoEnv`, not a variable Kubernetes sets ({@link KUBERNETES_VARIABLE}). Text no variable can
 * be named (`$(date +%s)`, for a shell) is no reference to judge, and `$$(NAME)` is the literal
 * text itself.
 */
function undefinedReferences(k: string, value: string, env: Readonly<Record<string, unknown>>, podInfoNames: readonly string[]): PropProblem[] {
  const defined = (ref: string) => Object.hasOwn(env, ref) || podInfoNames.includes(ref) || KUBERNETES_VARIABLE.test(ref);
  const missing = [...new Set(envReferences(value))].filter(ref => isEnvName(ref) && !defined(ref));
  if (missing.length === 0) return [];
  const candidates = [...Object.keys(env).filter(n => n !== k), ...podInfoNames, ...KUBERNETES_VARIABLES];
  return missing.map(ref => ({
    prop: `env.${k}`, value: `$(${ref})`,
    problem: `refers to ${ref}, which is not defined: not a variable of env or podInfoEnv, nor one Kubernetes sets, so Kubernetes would leave the literal text "$(${ref})"`,
    // Names of one or two characters are all near each other: no suggestion for them.
    fix: `define ${ref} in env or podInfoEnv, or write $$(${ref}) for the literal text${ref.length < 3 ? '' : didYouMean(ref, candidates)}`,
  }));
}

/** The variables of `env` each value refers to (declared ones only), read once. */
function referencesOf(env: Readonly<Record<string, unknown>>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const n of Object.keys(env)) {
    const value = env[n];
    out.set(n, typeof value === 'string' ? [...new Set(envReferences(value))].filter(r => Object.hasOwn(env, r)) : []);
  }
  return out;
}

/**
 * The variable names of `env` in the order the container lists them (`placed`): declaration order,
 * except that a variable comes after the variables of `env` its value refers to (`$(NAME)`), since
 * Kubernetes expands a reference only to the variables before it in the list. A reference to a
 * `podInfoEnv` variable needs no place: those come before every `env` variable. Among the variables
 * that may come next, the first declared comes first (Kahn's algorithm), so a list whose references
 * already point backwards keeps its order. The names that cannot be placed (a reference to itself,
 * or a cycle) are the `rest`, in declaration order: {@link checkEnvReferences} refuses them.
 */
function placeEnv(env: Readonly<Record<string, unknown>>, refs: ReadonlyMap<string, readonly string[]>): { placed: string[]; rest: string[] } {
  const names = Object.keys(env);
  const position = new Map(names.map((n, i) => [n, i]));
  const waiting = new Map(names.map(n => [n, refs.get(n)!.length]));
  const dependents = new Map<string, string[]>(names.map(n => [n, []]));
  for (const n of names) for (const r of refs.get(n)!) dependents.get(r)!.push(n);
  // Ready variables by declaration position; a sorted list suffices for the few hundred variables of a container.
  const ready = names.filter(n => waiting.get(n) === 0);
  const placed: string[] = [];
  while (ready.length > 0) {
    const next = ready.shift()!;
    placed.push(next);
    for (const d of dependents.get(next)!) {
      const left = waiting.get(d)! - 1;
      waiting.set(d, left);
      if (left === 0) insertByPosition(ready, d, position);
    }
  }
  const done = new Set(placed);
  return { placed, rest: names.filter(n => !done.has(n)) };
}

function insertByPosition(list: string[], name: string, position: ReadonlyMap<string, number>): void {
  const p = position.get(name)!;
  let i = list.length;
  while (i > 0 && position.get(list[i - 1])! > p) i--;
  list.splice(i, 0, name);
}

/**
 * Refuses the `$(NAME)` references of the variables that {@link placeEnv} could not place (`rest`),
 * which no order of the list can satisfy: a variable that refers to itself, or variables that
 * refer to each other in a cycle (found once for all, as the strongly connected components of the
 * references). Kubernetes would leave one of them as literal text.
 * A variable that only waits for a cycle is not reported: the cycle's own variables are.
 * References to names `env` does not declare need no place: the `podInfoEnv` variables, which the
 * container lists before every `env` variable (they refer to nothing), the variables Kubernetes
 * adds itself (`KUBERNETES_SERVICE_HOST`), and names defined nowhere, which
 * {@link undefinedReferences} refuses.
 */
function checkEnvReferences(rest: readonly string[], refs: ReadonlyMap<string, readonly string[]>, found: PropProblem[]): void {
  if (rest.length === 0) return;
  const component = components(rest, refs);
  for (const name of rest) {
    const own = refs.get(name)!;
    const ref = own.includes(name) ? name : own.find(r => component.get(r) !== undefined && component.get(r) === component.get(name));
    if (ref === undefined) continue;
    found.push(ref === name
      ? { prop: `env.${name}`, value: `$(${ref})`, problem: `refers to ${name} itself, which Kubernetes leaves as the literal text "$(${ref})": a variable is defined only after its own value`,
        fix: `write the value in full, or $$(${ref}) for the literal text` }
      : { prop: `env.${name}`, value: `$(${ref})`,
        problem: `refers to ${ref}, which refers back to ${name} (directly or through other variables): Kubernetes expands a reference only to the variables before it in the list, so one of them would keep the literal text`,
        fix: `write one of the values in full, or $$(${ref}) for the literal text` });
  }
}

/**
 * The strongly connected component of each of `names` that holds more than one variable
 * (Tarjan's algorithm, without recursion): variables that refer to each other, directly or not.
 */
function components(names: readonly string[], refs: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const within = new Set(names);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Map<string, number>();
  let counter = 0;
  let componentId = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
  };
  for (const root of names) {
    if (index.has(root)) continue;
    visit(root);
    const work: { node: string; edges: readonly string[]; next: number }[] = [{ node: root, edges: refs.get(root)!.filter(r => within.has(r)), next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++];
        if (!index.has(to)) {
          visit(to);
          work.push({ node: to, edges: refs.get(to)!.filter(r => within.has(r)), next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const members: string[] = [];
      let m: string;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        members.push(m);
      } while (m !== frame.node);
      if (members.length > 1) {
        for (const member of members) out.set(member, componentId);
        componentId++;
      }
    }
  }
  return out;
}

/**
 * The names a value refers to as Kubernetes expands it (`$(NAME)`, the name being all the text up
 * to the `)`, dots and dashes included: `$(my.var-x)`; `$$` is an escaped `$`, any other `$` and the
 * character after it are literal, and so is a `$(` without its `)`).
 */
export function envReferences(value: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < value.length - 1; i++) {
    if (value[i] !== '$') continue;
    const end = value[i + 1] === '(' ? value.indexOf(')', i + 2) : -1;
    if (end === -1) {
      i++;
      continue;
    }
    if (end > i + 2) names.push(value.slice(i + 2, end));
    i = end;
  }
  return names;
}

/** Validates `secretFiles`: file names, and a `{ secret, key }` reference of a Secret name and key for each. */
export function checkSecretFiles(secretFiles: Readonly<Record<string, unknown>>, found: PropProblem[]): void {
  for (const [file, ref] of Object.entries(secretFiles)) checkFileRef(SECRET_FILES, file, ref, found);
}

/** What `secretFiles` refers to. */
const SECRET_FILES: MountedObject = { prop: 'secretFiles', kind: 'Secret', nameKey: 'secret', example: { file: 'db-password', name: 'db', key: 'password' } };
