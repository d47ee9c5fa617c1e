import { Yaml } from 'cdk8s';
import * as YAML from 'yaml';

/**
 * Writes Kubernetes objects as YAML byte-identical to cdk8s's `Yaml.stringify` (the `yaml`
 * package with YAML 1.1, no line folding), several times faster: the structure is emitted
 * directly, and each distinct scalar is formatted once by the `yaml` package itself, so quoting
 * is always the library's. A document with anything the fast path does not cover (multi-line
 * strings, unusual numbers or keys) is handed to `Yaml.stringify` whole.
 */
export class YamlWriter {
  private readonly scalars = new Map<string, string | null>();
  private readonly keys = new Map<string, string | null>();

  /** One document, ending with a newline. */
  public document(doc: unknown): string {
    if (doc === undefined) return '\n';
    const out: string[] = [];
    if (this.node(doc, 0, out, 'top')) return out.join('');
    return Yaml.stringify(doc);
  }

  /**
   * Emits `value` at `indent`. `mode` says what precedes it: the document start, a `key:`
   * (nested blocks go on the next lines) or a `- ` (the first entry continues that line).
   * Returns false when the fast path does not cover the value.
   */
  private node(value: unknown, indent: number, out: string[], mode: 'top' | 'key' | 'item'): boolean {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out.push(mode === 'top' ? '[]\n' : mode === 'key' ? ' []\n' : '[]\n');
        return true;
      }
      if (mode === 'key') out.push('\n');
      let first = mode === 'item';
      for (const item of value) {
        out.push(first ? '- ' : `${spaces(indent)}- `);
        first = false;
        if (!this.node(item, indent + 2, out, 'item')) return false;
      }
      return true;
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 0) {
        out.push(mode === 'key' ? ' {}\n' : '{}\n');
        return true;
      }
      if (mode === 'key') out.push('\n');
      let first = mode === 'item';
      for (const k of keys) {
        const key = this.key(k);
        if (key === null) return false;
        out.push(first ? key : spaces(indent) + key);
        first = false;
        const v = (value as Record<string, unknown>)[k];
        if (v !== null && typeof v === 'object') {
          if (!this.node(v, indent + 2, out, 'key')) return false;
        } else {
          const s = this.scalar(v);
          if (s === null) return false;
          out.push(' ', s, '\n');
        }
      }
      return true;
    }
    const s = this.scalar(value);
    if (s === null) return false;
    out.push(mode === 'key' ? ` ${s}\n` : `${s}\n`);
    return true;
  }

  /** A scalar as the `yaml` package writes it, or null when it needs more than one line. */
  private scalar(value: unknown): string | null {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : null;
    if (typeof value !== 'string') return null;
    if (isPlainWord(value)) return value;
    let s = this.scalars.get(value);
    if (s === undefined) {
      const text = YAML.stringify(value, OPTIONS);
      s = text.indexOf('\n') === text.length - 1 ? text.slice(0, -1) : null;
      this.scalars.set(value, s);
    }
    return s;
  }

  /** `key:` as the `yaml` package writes it, or null for keys it would write differently. */
  private key(k: string): string | null {
    if (isPlainWord(k)) return `${k}:`;
    let s = this.keys.get(k);
    if (s === undefined) {
      const text = YAML.stringify({ [k]: 0 }, OPTIONS);
      s = text.endsWith(': 0\n') && text.indexOf('\n') === text.length - 1 ? text.slice(0, -3) : null;
      this.keys.set(k, s);
    }
    return s;
  }
}

const INDENTS: string[] = [];

/** `n` spaces, built once per depth. */
function spaces(n: number): string {
  return INDENTS[n] ??= ' '.repeat(n);
}

/** Letters, digits and `_ . / -`, starting with a letter: no YAML 1.1 indicator, date or space. */
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/** The one number YAML 1.1 spells starting with a letter: an exponent alone (`e5`, `E-3`). */
const EXPONENT = /^[eE][-+]?[0-9]+$/;

/** Words YAML 1.1 reads as booleans or null, which the `yaml` package therefore quotes (compared in lower case). */
const RESERVED_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

/**
 * Whether the `yaml` package writes a string (scalar or key) as it is, without asking it: the
 * common case of names, labels and image references. Anything else goes through the package.
 */
export function isPlainWord(s: string): boolean {
  return PLAIN_WORD.test(s) && !EXPONENT.test(s) && (s.length > 5 || !RESERVED_WORDS.has(s.toLowerCase()));
}

/** The options cdk8s's `Yaml.stringify` passes to the `yaml` package. */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' as const };
