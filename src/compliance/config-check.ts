import { parseImageRef } from './common/image-ref';
import { DNS_LABEL, parseLabelKey } from './common/label-syntax';
import { closest } from './common/suggest';
import { ComplianceConfig } from './config';
import { isIsoDate } from './reason';

type FieldType = 'string' | 'strings' | 'boolean' | 'positive-integer' | 'date' | 'namespace' | 'namespaces' | 'label-key' | 'label-keys'
  | 'image-repositories' | 'audiences';

/** Every ComplianceConfig field and its type: adding a field to the config without listing it here does not compile. */
const FIELDS: Readonly<Record<keyof ComplianceConfig, FieldType>> = {
  allowedRegistries: 'strings',
  requiredWorkloadLabels: 'label-keys',
  classificationLabel: 'label-key',
  ownerLabel: 'label-key',
  ingressControllerNamespaces: 'namespaces',
  monitoringNamespaces: 'namespaces',
  meshRootNamespace: 'namespace',
  requireMesh: 'boolean',
  systemNamespaces: 'namespaces',
  minReplicas: 'positive-integer',
  maxCertificateDays: 'positive-integer',
  minRsaKeySize: 'positive-integer',
  istioProxyImages: 'image-repositories',
  knativeQueueImages: 'image-repositories',
  apiServerAudiences: 'audiences',
  maxSuppressionDays: 'positive-integer',
  today: 'date',
};

const EXPECTED: Record<FieldType, string> = {
  'string': 'a non-empty string',
  'strings': 'a list of non-empty strings',
  'boolean': 'true or false',
  'positive-integer': 'a positive integer',
  'date': 'a date as YYYY-MM-DD',
  'namespace': 'a namespace name (a DNS-1123 label: lower-case letters, digits and "-", at most 63)',
  'namespaces': 'a list of namespace names (DNS-1123 labels: lower-case letters, digits and "-", at most 63)',
  'label-key': 'a label key (an optional DNS prefix and "/", then letters, digits, "-", "_" and "." of at most 63)',
  'label-keys': 'a list of label keys (an optional DNS prefix and "/", then letters, digits, "-", "_" and "." of at most 63)',
  'image-repositories': 'a list of image repositories, each registry/repository without a tag or digest (registry.example.com/mirror/image)',
  'audiences': 'a list of the audiences the API server accepts, as its --api-audiences flag names them ([https://oidc.example.com])',
};


/** Namespace labels the constructs and the API server set, which a classification or owner label must not be. */
const NAMESPACE_LABELS_TAKEN = /^(istio-injection|istio\.io\/rev|kubernetes\.io\/metadata\.name|pod-security\.kubernetes\.io\/.*)$/;

/** The keys a {@link ComplianceConfig} may hold. */
export const CONFIG_KEYS: readonly string[] = Object.keys(FIELDS);

/** One problem with a ComplianceConfig. */
export interface ConfigProblem {
  readonly kind: 'not-a-mapping' | 'unknown-key' | 'wrong-type' | 'out-of-range';
  /** The setting. @default - the whole value is wrong */
  readonly key?: string;
  readonly value: unknown;
  /** What is wrong, said of the key: `is not a setting`, `must be a positive integer`. */
  readonly problem: string;
  /** For a key that is not a setting, the closest setting. @default - none close */
  readonly suggestion?: string;
  /** Whether {@link problem} quotes the value itself (an entry of a list), so a reader need not repeat it. @default false */
  readonly quotesValue?: boolean;
}

/**
 * The problems of a ComplianceConfig given as data (a config file, the validation plugin's
 * properties, `CompliantApp`'s `compliance` prop): unknown keys, with a suggestion, and values of
 * the wrong type. Empty when it is valid; `undefined` is valid (the defaults).
 */
export function configProblems(value: unknown): ConfigProblem[] {
  if (value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ kind: 'not-a-mapping', value, problem: 'expected a mapping of settings' }];
  const problems: ConfigProblem[] = [];
  for (const [key, v] of Object.entries(value)) {
    const type = Object.hasOwn(FIELDS, key) ? (FIELDS as Record<string, FieldType>)[key] : undefined;
    // An optional setting left unset: undefined, or null as JSON and an empty YAML value write it; resolveConfig gives it its default.
    if (type !== undefined && (v === undefined || v === null)) continue;
    if (type === undefined) problems.push({ kind: 'unknown-key', key, value: v, problem: 'is not a setting', suggestion: closest(key, CONFIG_KEYS) });
    else if (!hasType(v, type)) problems.push({ kind: 'wrong-type', key, value: v, problem: `must be ${EXPECTED[type]}` });
  }
  const config = value as ComplianceConfig;
  problems.push(...rangeProblems(config));
  if (hasType(config.allowedRegistries, 'strings')) problems.push(...config.allowedRegistries!.flatMap(registryPrefixProblem));
  for (const key of ['istioProxyImages', 'knativeQueueImages'] as const) {
    const list = config[key];
    if (hasType(list, 'image-repositories')) problems.push(...list!.flatMap(entry => imageRepositoryProblem(key, entry)));
  }
  if (hasType(config.apiServerAudiences, 'audiences')) problems.push(...config.apiServerAudiences!.flatMap(audienceProblem));
  for (const key of ['classificationLabel', 'ownerLabel'] as const) {
    const label = config[key];
    if (typeof label === 'string' && NAMESPACE_LABELS_TAKEN.test(label)) {
      problems.push({ kind: 'wrong-type', key, value: label, problem: 'is a namespace label that Kubernetes, Pod Security admission or the mesh reads, which would then record the classification or owner instead' });
    }
  }
  if (typeof config.classificationLabel === 'string' && (config.classificationLabel === config.ownerLabel
    || ((config.ownerLabel === undefined || config.ownerLabel === null) && config.classificationLabel === 'soc2.cdk8s.io/owner'))) {
    problems.push({ kind: 'wrong-type', key: 'ownerLabel', value: config.ownerLabel ?? 'soc2.cdk8s.io/owner', problem: 'is the same label as classificationLabel: the namespace can record only one of them' });
  }
  return problems;
}

/** The longest certificate lifetime a setting may allow: 397 days, the limit browsers and the CA/Browser Forum set for TLS certificates since 2020 (now shorter). */
export const MAX_CERTIFICATE_DAYS_LIMIT = 397;
/** The RSA key sizes a setting may require: NIST SP 800-131A disallows less than 2048 bits; cert-manager generates at most 8192. */
export const RSA_KEY_SIZE_RANGE = [2048, 8192] as const;

/** The longest review period a setting may allow: ten years, beyond which no exception is reviewed periodically. */
export const MAX_SUPPRESSION_DAYS_LIMIT = 3650;

/** Settings of the right type whose value is out of the range that keeps the checks meaningful. */
function rangeProblems(config: ComplianceConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const days = config.maxCertificateDays;
  if (hasType(days, 'positive-integer') && days! > MAX_CERTIFICATE_DAYS_LIMIT) {
    out.push({ kind: 'out-of-range', key: 'maxCertificateDays', value: days, problem: `must be at most ${MAX_CERTIFICATE_DAYS_LIMIT}: a longer-lived certificate is not accepted by browsers for TLS, and leaves a stolen key valid for over a year` });
  }
  const review = config.maxSuppressionDays;
  if (hasType(review, 'positive-integer') && review! > MAX_SUPPRESSION_DAYS_LIMIT) {
    out.push({ kind: 'out-of-range', key: 'maxSuppressionDays', value: review, problem: `must be at most ${MAX_SUPPRESSION_DAYS_LIMIT}: an exception reviewed less than once in ten years is not reviewed periodically (365 has each reviewed yearly)` });
  }
  const rsa = config.minRsaKeySize;
  if (hasType(rsa, 'positive-integer') && (rsa! < RSA_KEY_SIZE_RANGE[0] || rsa! > RSA_KEY_SIZE_RANGE[1])) {
    out.push({ kind: 'out-of-range', key: 'minRsaKeySize', value: rsa, problem: `must be between ${RSA_KEY_SIZE_RANGE[0]} and ${RSA_KEY_SIZE_RANGE[1]}: RSA below 2048 bits is disallowed (NIST SP 800-131A), and cert-manager generates at most 8192` });
  }
  return out;
}

/**
 * A repository as the container runtime reads one: a registry host (with a dot or a port, or
 * `localhost`) and path components of lower-case letters and digits joined by `.`, `_`, `__` or dashes.
 */
const IMAGE_REPOSITORY = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+$/;

/**
 * Whether an entry is a glob pattern (`*`, `?`, `[…]`), apart from a registry host written as a
 * bracketed IPv6 address (`[fd00::1]:5000/team/`), as image references write one.
 */
function isPattern(entry: string): boolean {
  return /[*?[\]]/.test(entry.replace(/^\[[0-9a-f:.]+\]/i, ''));
}

/**
 * What is wrong with one entry of a setting of image repositories, with the value to write
 * instead when there is one: compared whole with the `registry/repository` of each image, an
 * entry that is not in that form would never match, or (a pattern) match what it should not.
 */
function imageRepositoryProblem(key: string, entry: string): ConfigProblem[] {
  const problem = (what: string): ConfigProblem[] => [entryProblem(key, entry, what)];
  const example = key === 'knativeQueueImages' ? 'registry.example.com/knative-releases/knative.dev/serving/cmd/queue' : 'registry.example.com/istio/proxyv2';
  if (entry.trim() === '') return problem(`has an empty entry: name a repository as registry/repository (${example}), or remove the entry`);
  if (isPattern(entry)) {
    return problem(`entry "${entry}" is a pattern, which is not read: name each repository whole (${example}), since a pattern would let other images pass for the platform's`);
  }
  if (entry.endsWith('/')) {
    return problem(`entry "${entry}" ends in "/", as a prefix would, but prefixes are not read: name each repository whole (${example}), since a prefix would let other images pass for the platform's`);
  }
  if (!entry.includes('/') && (/[.:]/.test(entry) || entry === 'localhost')) {
    return problem(`entry "${entry}" names a registry only: add the repository (${entry}/${example.slice(example.indexOf('/') + 1)})`);
  }
  const ref = parseImageRef(entry);
  const repository = `${ref.registry}/${ref.repository}`;
  if (ref.tag !== undefined || ref.digest !== undefined) {
    return problem(`entry "${entry}" names a ${ref.digest !== undefined ? 'digest' : 'tag'}: write the repository alone, "${repository}", whose every tag and digest counts`);
  }
  if (repository !== entry) {
    const how = entry.startsWith(`${ref.registry}/`) || entry.startsWith('index.docker.io/') ? 'is not the name the container runtime reads it as' : 'names no registry';
    return problem(`entry "${entry}" ${how}: write it whole, "${repository}", as images are compared by registry and repository`);
  }
  if (!IMAGE_REPOSITORY.test(entry)) {
    return problem(`entry "${entry}" is not an image repository: write registry/repository (${example}), the repository in lower-case letters, digits and separators (".", "_", "-", "/")`);
  }
  return [];
}

/**
 * What is wrong with one entry of `allowedRegistries`, a prefix of image references: a URL (an image
 * names its registry without a scheme) or a pattern (read literally) would match no image, and
 * fail every workload with a finding that blames the images.
 */
function registryPrefixProblem(entry: string): ConfigProblem[] {
  const key = 'allowedRegistries';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(entry);
  if (scheme) {
    return [entryProblem(key, entry, `entry "${entry}" is a URL, while an image names its registry without a scheme, so no image would match: write "${entry.slice(scheme[0].length)}"`)];
  }
  if (isPattern(entry)) {
    return [entryProblem(key, entry, `entry "${entry}" is a pattern, which is not read (it would match no image): write the prefix every allowed image starts with, registry.example.com/ or registry.example.com/team/`)];
  }
  return [];
}

/**
 * What is wrong with one entry of `apiServerAudiences`, with what to write instead: each entry is
 * one audience, compared exactly (after trimming) with the audience of a projected token.
 */
function audienceProblem(entry: unknown): ConfigProblem[] {
  const key = 'apiServerAudiences';
  const problem = (what: string): ConfigProblem[] => [entryProblem(key, entry, what)];
  if (typeof entry !== 'string') {
    return problem(`entry ${JSON.stringify(entry) ?? String(entry)} is not a string: write each audience as a string (https://oidc.example.com), quoted in YAML if it reads as a number or boolean`);
  }
  if (entry.trim() === '') return problem('has an empty entry: name an audience the API server accepts (https://oidc.example.com), or remove the entry');
  if (entry.includes(',')) {
    const split = entry.split(',').map(part => part.trim()).filter(part => part !== '');
    return problem(`entry "${entry}" holds several audiences, as the --api-audiences flag lists them: give each its own entry (${JSON.stringify(split)})`);
  }
  return [];
}

/** A problem with one entry of a list setting: its message quotes the entry when it begins `entry …`. */
function entryProblem(key: string, entry: unknown, what: string): ConfigProblem {
  return { kind: 'wrong-type', key, value: entry, problem: what, quotesValue: what.startsWith('entry ') };
}

function hasType(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string': return typeof v === 'string' && v !== '';
    case 'strings': return Array.isArray(v) && v.every(s => typeof s === 'string' && s !== '');
    case 'boolean': return typeof v === 'boolean';
    case 'positive-integer': return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
    case 'date': return typeof v === 'string' && isIsoDate(v);
    case 'namespace': return typeof v === 'string' && DNS_LABEL.test(v);
    case 'namespaces': return Array.isArray(v) && v.every(s => typeof s === 'string' && DNS_LABEL.test(s));
    case 'label-key': return typeof v === 'string' && parseLabelKey(v) !== undefined;
    case 'label-keys': return Array.isArray(v) && v.every(s => typeof s === 'string' && parseLabelKey(s) !== undefined);
    case 'image-repositories': return Array.isArray(v) && v.every(s => typeof s === 'string');
    // A list: audienceProblem names each entry that is not a string or is empty.
    case 'audiences': return Array.isArray(v);
  }
}
