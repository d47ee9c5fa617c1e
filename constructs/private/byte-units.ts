/** Byte amounts written with the units of other tools, and the Kubernetes quantity they meant. */
import { cpuByteUnit, NANO, parseQuantity } from '../../src/compliance/common/quantity';

/** A byte amount written with a unit of other tools (`512mb`, `1GB`, `2gi`): the number and the unit's letter. */
const FOREIGN_BYTE_UNIT = /^\s*(\d+(?:\.\d+)?)\s*([kmgtpe])(?:i?b|i)\s*$/i;
/** The binary units, each 1024 times the one before. */
const BINARY_UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * For a byte amount written with a unit of other tools (`100GB`, `512mb`), the quantity it meant
 * (`did you mean "100Gi"? …`); `undefined` for anything else. Shared by every prop that takes bytes.
 */
export function foreignByteUnitFix(value: unknown): string | undefined {
  const unit = typeof value === 'string' ? FOREIGN_BYTE_UNIT.exec(value) : null;
  const meant = unit ? inBinaryUnit(unit[1], unit[2]) : undefined;
  // A quantity already written so (one out of range) has nothing to suggest.
  return meant && meant.amount !== value ? `did you mean "${meant.amount}"? (Kubernetes writes binary units Ki, Mi, Gi${meant.note})` : undefined;
}

/**
 * `number` of the binary unit of `letter` (`1.5`, `g` → `1.5Gi`); when that is no whole number of
 * bytes, rounded up to whole units of the next smaller unit (`1.1`, `g` → `1127Mi`), with a `note`
 * that says why (empty when it is whole); `undefined` when it is no positive quantity either (0, too many digits).
 */
export function inBinaryUnit(number: string, letter: string): { amount: string; note: string } | undefined {
  const unit = BINARY_UNITS.indexOf(`${letter.toUpperCase()}i`);
  const exact = `${number}${BINARY_UNITS[unit]}`;
  const q = parseQuantity(exact);
  if (q === undefined || q <= 0n) return undefined;
  if (q % NANO === 0n) return { amount: exact, note: '' };
  const smaller = (1n << (10n * BigInt(unit - 1))) * NANO;
  return { amount: `${(q + smaller - 1n) / smaller}${BINARY_UNITS[unit - 1]}`, note: `; "${exact}" is no whole number of bytes` };
}

/**
 * For a CPU amount written in a unit of bytes (`512Mi`, `1Gi`, `2G`), what it would be as CPUs and
 * why it is refused; `undefined` for anything else. Kubernetes reads any quantity as CPUs, so
 * `limits.cpu: 1Gi` is a limit of 1073741824 CPUs: no limit at all, and a quota that holds it no budget.
 */
export function cpuInByteUnit(value: unknown): { problem: string; fix: string } | undefined {
  const unit = cpuByteUnit(value);
  if (unit === undefined) return undefined;
  return {
    problem: `is written in a unit of bytes ("${unit}"), and Kubernetes reads it as ${parseQuantity(value)! / NANO} CPUs, more than any node has: no bound at all for a limit or a quota, a pod that never schedules for a request`,
    fix: 'give CPUs as cores or thousandths of a core, e.g. "500m" (half a CPU) or "2"; bytes belong in memory',
  };
}
