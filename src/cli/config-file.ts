import { didYouMean } from '../compliance/common/suggest';
import { ComplianceConfig } from '../compliance/config';
import { parseYamlValues, readTextInput } from '../compliance/load';
import { isIsoDate } from '../compliance/reason';
import { CliError } from './errors';
import { CliIO } from './io';
import { formatInputError } from './output';
import { printable } from './private/text';

type FieldType = 'string' | 'strings' | 'boolean' | 'positive-integer' | 'date';

/** Every ComplianceConfig field and its type: adding a field to the config without listing it here does not compile. */
const FIELDS: Readonly<Record<keyof ComplianceConfig, FieldType>> = {
  allowedRegistries: 'strings',
  requiredWorkloadLabels: 'strings',
  classificationLabel: 'string',
  ownerLabel: 'string',
  ingressControllerNamespaces: 'strings',
  monitoringNamespaces: 'strings',
  meshRootNamespace: 'string',
  requireMesh: 'boolean',
  systemNamespaces: 'strings',
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
};

/**
 * Reads and validates a `--config` file: one JSON or YAML mapping of {@link ComplianceConfig}
 * fields. Every problem (unknown key with a suggestion, wrong type) is reported at once.
 */
export async function readConfigFile(path: string, io: CliIO): Promise<ComplianceConfig> {
  const read = await readTextInput(path, { cwd: io.cwd, stdin: io.stdin, maxFileBytes: 1024 * 1024 });
  if ('error' in read) throw new CliError(`cannot read the config: ${formatInputError(read.error)}`);
  const { values, errors } = parseYamlValues(read.text, read.file);
  if (errors.length > 0) throw new CliError(`invalid config: ${formatInputError(errors[0])}`);
  if (values.length !== 1) {
    throw new CliError(`invalid config: ${printable(read.file, true)} must hold exactly one YAML or JSON mapping, found ${values.length} documents`);
  }
  const problems = validateConfig(values[0].value);
  if (problems.length > 0) {
    throw new CliError(`invalid config ${printable(read.file, true)}: ${problems.join('; ')}`,
      `Valid keys: ${Object.keys(FIELDS).join(', ')}.`);
  }
  return values[0].value as ComplianceConfig;
}

/** The problems of a parsed config value, each in a few words; empty when it is valid. */
export function validateConfig(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['expected a mapping of settings'];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const type = (FIELDS as Record<string, FieldType | undefined>)[key];
    if (type === undefined) {
      problems.push(`unknown key "${printable(key, true)}"${didYouMean(key, Object.keys(FIELDS))}`);
    } else if (!hasType(v, type)) {
      problems.push(`${key} must be ${EXPECTED[type]}, got ${printable(JSON.stringify(v) ?? String(v), true).slice(0, 60)}`);
    }
  }
  return problems;
}

function hasType(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string': return typeof v === 'string' && v !== '';
    case 'strings': return Array.isArray(v) && v.every(s => typeof s === 'string' && s !== '');
    case 'boolean': return typeof v === 'boolean';
    case 'positive-integer': return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
    case 'date': return typeof v === 'string' && isIsoDate(v);
  }
}
