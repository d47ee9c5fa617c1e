import { CONFIG_KEYS, ConfigProblem } from '../config-check';

/**
 * How to fix a problem of a ComplianceConfig given in code (`CompliantApp`'s `compliance`,
 * `runCompliance`'s `config`): remove a key that is not a setting (or use the closest one), pass a
 * mapping, or correct the value.
 */
export function configProblemFix(p: ConfigProblem): string {
  if (p.kind === 'unknown-key') return `remove it${p.suggestion === undefined ? `; the settings are ${CONFIG_KEYS.join(', ')}` : `, or did you mean "${p.suggestion}"?`}`;
  if (p.kind === 'not-a-mapping') return 'pass a ComplianceConfig object, or omit it for the defaults';
  return 'correct the value, or remove the setting for its default';
}
