import { credentialInValue, isCredentialName } from '../../src/compliance/common/credentials';
import { PropProblem } from '../errors';
import { checkDnsLabel, unknownKeys } from './validate';

/**
 * Names of variables that look like credentials. Scanners flag any such name with a literal
 * value (Kubescape C-0012 matches substrings, Polaris sensitiveContainerEnvVar), so the workload
 * refuses them: secrets are read from files (`secretFiles`).
 */
export const CREDENTIAL_NAME = /(secret|key|passw|pwd|token|jwt|bearer|credential)/i;
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
const FILE_NAME = /^[A-Za-z0-9][-._A-Za-z0-9]{0,252}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Validates `env`: variable names, string values, no credentials by name or by value, and
 * `$(NAME)` references that an order of the list satisfies ({@link envOrder}: Kubernetes expands
 * a reference only to the variables before it).
 */
export function checkEnv(env: Readonly<Record<string, unknown>>, found: PropProblem[]): void {
  for (const [k, v] of Object.entries(env)) {
    if (!ENV_NAME.test(k)) found.push({ prop: `env.${k}`, value: k, problem: 'is not a valid environment variable name', fix: 'use letters, digits and "_", not starting with a digit' });
    if (typeof v !== 'string') found.push({ prop: `env.${k}`, value: v, problem: 'must be a string', fix: 'quote the value' });
    const problem = credentialProblem(k, v);
    if (problem) found.push(problem);
  }
  checkEnvReferences(env, found);
}

/** A problem with a variable that holds, or that scanners read as holding, a credential. */
function credentialProblem(k: string, v: unknown): PropProblem | undefined {
  const secretFile = `secretFiles: { '${k.toLowerCase().replace(/_/g, '-')}': { secret: '<name>', key: '<key>' } }`;
  const path = typeof v === 'string' && v.startsWith('/');
  if (path && (SENSITIVE_WITH_ANY_VALUE.test(k) || isCredentialName(k))) {
    return { prop: `env.${k}`, value: v, problem: 'names a credential, which scanners (Polaris sensitiveContainerEnvVar) and the check read as one with any literal value, a file path included',
      fix: 'pass the path to the program in args (e.g. --password-file=/var/run/secrets/app/<file>), or name the variable for the file (e.g. API_KEY_FILE)' };
  }
  if (!path && (CREDENTIAL_NAME.test(k) || isCredentialName(k) || (typeof v === 'string' && credentialInValue(v) !== undefined))) {
    return { prop: `env.${k}`, value: '<redacted>', problem: 'looks like a credential passed as a plain value, which ends up in the YAML, in Git and in every scanner report',
      fix: `store it in a Secret and read it from a file: ${secretFile}, or rename the variable if it holds no secret` };
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
 * The variable names of `env` in the order the container lists them: declaration order, except
 * that a variable comes after the variables of `env` its value refers to (`$(NAME)`), since
 * Kubernetes expands a reference only to the variables before it in the list. Among the variables
 * that may come next, the first declared comes first, so a list whose references already point
 * backwards keeps its order. The names that cannot be placed (a reference to itself, or a cycle)
 * come last, in declaration order: {@link checkEnv} refuses them.
 */
export function envOrder(env: Readonly<Record<string, unknown>>): string[] {
  const { placed, rest } = placeEnv(env);
  return [...placed, ...rest];
}

/** {@link envOrder}, with the names that no order can satisfy apart. */
function placeEnv(env: Readonly<Record<string, unknown>>): { placed: string[]; rest: string[] } {
  const names = Object.keys(env);
  const needs = new Map(names.map(n => {
    const value = env[n];
    return [n, typeof value === 'string' ? [...new Set(envReferences(value))].filter(r => Object.hasOwn(env, r)) : []];
  }));
  const done = new Set<string>();
  const placed: string[] = [];
  for (let next = names.find(n => needs.get(n)!.length === 0); next !== undefined;
    next = names.find(n => !done.has(n) && needs.get(n)!.every(r => done.has(r)))) {
    done.add(next);
    placed.push(next);
  }
  return { placed, rest: names.filter(n => !done.has(n)) };
}

/**
 * Refuses `$(NAME)` references that no order of the list can satisfy: a variable that refers to
 * itself, or variables that refer to each other in a cycle. Kubernetes would leave one of them as
 * literal text. References to names `env` does not declare are left alone: they may be the
 * variables Kubernetes adds itself (`KUBERNETES_SERVICE_HOST`) or meant literally.
 */
function checkEnvReferences(env: Readonly<Record<string, unknown>>, found: PropProblem[]): void {
  const rest = new Set(placeEnv(env).rest);
  const refsOf = (n: string) => [...new Set(envReferences(env[n] as string))].filter(r => rest.has(r));
  for (const name of rest) {
    const refs = refsOf(name);
    // A variable that only waits for a cycle is not reported: the cycle's own variables are.
    const ref = refs.includes(name) ? name : refs.find(r => reaches(r, name, refsOf));
    if (ref === undefined) continue;
    found.push(ref === name
      ? { prop: `env.${name}`, value: `$(${ref})`, problem: `refers to ${name} itself, which Kubernetes leaves as the literal text "$(${ref})": a variable is defined only after its own value`,
        fix: `write the value in full, or $$(${ref}) for the literal text` }
      : { prop: `env.${name}`, value: `$(${ref})`,
        problem: `refers to ${ref}, which refers back to ${name} (directly or through other variables): Kubernetes expands a reference only to the variables before it in the list, so one of them would keep the literal text`,
        fix: `write one of the values in full, or $$(${ref}) for the literal text` });
  }
}

/** Whether `to` is reached from `from` through the references `refsOf` gives. */
function reaches(from: string, to: string, refsOf: (n: string) => string[]): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === to) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...refsOf(n));
  }
  return false;
}

/**
 * The names a value refers to as Kubernetes expands it (`$(NAME)`; `$$` is an escaped `$`, any other
 * `$` and the character after it are literal, and so is a `$(` without its `)`).
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
  for (const [k, ref] of Object.entries(secretFiles)) {
    if (!FILE_NAME.test(k)) found.push({ prop: `secretFiles.${k}`, value: k, problem: 'is not a valid file name', fix: 'use letters, digits, "-", "_" and ".", e.g. "db-password"' });
    if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
      found.push({ prop: `secretFiles.${k}`, value: ref, problem: 'must be a reference to a key of a Secret', fix: `e.g. secretFiles: { "${k}": { secret: "db", key: "password" } }` });
      continue;
    }
    const { secret, key } = ref as { secret?: unknown; key?: unknown };
    found.push(...unknownKeys(`secretFiles.${k}`, ref, ['secret', 'key']));
    const nameProblem = checkDnsLabel(`secretFiles.${k}.secret`, secret, { maxLength: 253 });
    if (nameProblem) found.push(nameProblem);
    if (typeof key !== 'string' || !SECRET_KEY.test(key) || key === '.' || key === '..') {
      found.push({ prop: `secretFiles.${k}.key`, value: key, problem: 'must be a Secret key (letters, digits, "-", "_", ".")', fix: 'name the key inside the Secret, e.g. "password"' });
    }
  }
}
