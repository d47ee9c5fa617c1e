import { DNS_LABEL, parseLabelKey } from './common/label-syntax';
import { closest } from './common/suggest';
import { ComplianceConfig } from './config';
import { isIsoDate } from './reason';

type FieldType = 'string' | 'strings' | 'boolean' | 'positive-integer' | 'date' | 'namespace' | 'namespaces' | 'label-key' | 'label-keys';

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

/** Settings of the right type whose value is out of the range that keeps the checks meaningful. */
function rangeProblems(config: ComplianceConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const days = config.maxCertificateDays;
  if (hasType(days, 'positive-integer') && days! > MAX_CERTIFICATE_DAYS_LIMIT) {
    out.push({ kind: 'out-of-range', key: 'maxCertificateDays', value: days, problem: `must be at most ${MAX_CERTIFICATE_DAYS_LIMIT}: a longer-lived certificate is not accepted by browsers for TLS, and leaves a stolen key valid for over a year` });
  }
  const rsa = config.minRsaKeySize;
  if (hasType(rsa, 'positive-integer') && (rsa! < RSA_KEY_SIZE_RANGE[0] || rsa! > RSA_KEY_SIZE_RANGE[1])) {
    out.push({ kind: 'out-of-range', key: 'minRsaKeySize', value: rsa, problem: `must be between ${RSA_KEY_SIZE_RANGE[0]} and ${RSA_KEY_SIZE_RANGE[1]}: RSA below 2048 bits is disallowed (NIST SP 800-131A), and cert-manager generates at most 8192` });
  }
  return out;
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
  }
}
