import { ComplianceConfig } from '../compliance/config';
import { CONFIG_KEYS, configProblems } from '../compliance/config-check';
import { parseYamlValues, readTextInput } from '../compliance/load';
import { CliError } from './errors';
import { CliIO } from './io';
import { formatInputError } from './output';
import { printable } from './private/text';

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
      `Valid keys: ${CONFIG_KEYS.join(', ')}.`);
  }
  return values[0].value as ComplianceConfig;
}

/** The problems of a parsed config value, each in a few words; empty when it is valid. */
export function validateConfig(value: unknown): string[] {
  if (value === undefined) return ['expected a mapping of settings'];
  return configProblems(value).map(p => {
    if (p.kind === 'not-a-mapping') return p.problem;
    if (p.kind === 'unknown-key') return `unknown key "${printable(p.key ?? '', true)}"${p.suggestion === undefined ? '' : `; did you mean "${p.suggestion}"?`}`;
    if (p.quotesValue === true) return `${p.key} ${p.problem}`;
    return `${p.key} ${p.problem}, got ${printable(JSON.stringify(p.value) ?? String(p.value), true).slice(0, 60)}`;
  });
}
