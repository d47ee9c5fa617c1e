/** How the Polaris mirror words a failed check. */
import { finding, Finding, K8sObject } from '../shared';
import { POLARIS_DEFAULT_SEVERITY } from './severity';

/** A Polaris finding for `checkId` on `obj`, prefixed with the check's default severity. */
export function polarisFinding(checkId: string, obj: K8sObject, failureMessage: string, where?: string): Finding {
  const severity = POLARIS_DEFAULT_SEVERITY[checkId] ?? 'off';
  return finding('polaris', checkId, obj, `[${severity}] ${failureMessage}${where ? ` (${where})` : ''}`);
}

/** Whether a JSON value is a plain object (JSON Schema `type: object`). */
export function isObject(value: unknown): value is K8sObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether any string item of an array matches `pattern` (JSON Schema `contains` + `pattern`). */
export function containsMatch(value: unknown, pattern: RegExp): boolean {
  return Array.isArray(value) && value.some(item => typeof item === 'string' && pattern.test(item));
}

/** Polaris skips the default RBAC objects by name: `system:*` and one GCE role. */
export function isDefaultRbacName(name: unknown): boolean {
  return typeof name === 'string' && (name.startsWith('system:') || name === 'gce:podsecuritypolicy:calico-sa');
}

/**
 * Whether a label value survives Polaris' template `const: {{ $value }}` as a YAML *string*. The
 * value is pasted unquoted into YAML 1.1, so `true`, `on`, `no`, `1.0`, `0x1F`, `~`, `null` or an
 * empty value become booleans, numbers or null and can never equal a string label.
 */
export function survivesAsYamlString(value: string): boolean {
  if (value === '' || /^(~|null|Null|NULL)$/.test(value)) return false;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(value)) return false;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(value)) return false;
  if (/^[-+]?0[0-7_]+$/.test(value) || /^[-+]?0x[0-9a-fA-F_]+$/.test(value) || /^[-+]?0b[0-1_]+$/.test(value)) return false;
  if (/^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/.test(value) && /[0-9]/.test(value)) return false;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(value) || /^\.(nan|NaN|NAN)$/.test(value)) return false;
  return true;
}
