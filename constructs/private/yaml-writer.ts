import * as YAML from 'yaml';
import { kubernetesReadsPlainAsString, YAML11_UNSAFE_CHARACTERS } from '../../src/compliance/common/go-yaml-scalar';

/**
 * Writes Kubernetes objects as YAML as cdk8s's `Yaml.stringify` does (the `yaml` package with
 * YAML 1.1, no line folding), several times faster: the structure is emitted directly, and each
 * distinct scalar is formatted once: by the `yaml` package itself, so quoting is the library's,
 * except plain words (names, labels, image references), which it writes as they are
 * ({@link isPlainWord}; a property test holds the two to the same output). One difference, on
 * purpose: a string that Kubernetes would read back as a number or boolean when written plain
 * (`0o17`, `0X1F`, `08`, which YAML 1.1 leaves strings but Kubernetes' YAML reader does not) is
 * double-quoted ({@link kubernetesReadsPlainAsString}), so what is applied is what was checked. A
 * document with anything the fast path does not cover (multi-line strings, unusual numbers or
 * keys) is written whole by the `yaml` package, with the same quoting.
 */
export class YamlWriter {
  private readonly scalars = new Map<string, string | null>();
  private readonly keys = new Map<string, string | null>();

  /** Line breaks written by {@link node} since the current document began. */
  private breaks = 0;

  /** One document, ending with a newline. */
  public document(doc: unknown): string {
    return this.documentWithLines(doc).text;
  }

  /** One document, ending with a newline, and its number of lines (counted while writing it). */
  public documentWithLines(doc: unknown): { text: string; lines: number } {
    if (doc === undefined) return { text: '\n', lines: 1 };
    this.breaks = 0;
    const text = this.node(doc, 0, 'top');
    if (text !== null) return { text, lines: this.breaks };
    const fallback = stringifyForKubernetes(doc);
    return { text: fallback, lines: countLines(fallback) };
  }

  /**
   * `value` written at `indent`. `mode` says what precedes it: the document start, a `key:`
   * (nested blocks go on the next lines) or a `- ` (the first entry continues that line).
   * Returns null when the fast path does not cover the value.
   */
  private node(value: unknown, indent: number, mode: 'top' | 'key' | 'item'): string | null {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.breaks++;
        return mode === 'key' ? ' []\n' : '[]\n';
      }
      const pad = spaces(indent);
      if (mode === 'key') this.breaks++;
      let out = mode === 'key' ? '\n' : '';
      let first = mode === 'item';
      for (const item of value) {
        out += first ? '- ' : `${pad}- `;
        first = false;
        const text = this.node(item, indent + 2, 'item');
        if (text === null) return null;
        out += text;
      }
      return out;
    }
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 0) {
        this.breaks++;
        return mode === 'key' ? ' {}\n' : '{}\n';
      }
      const pad = spaces(indent);
      if (mode === 'key') this.breaks++;
      let out = mode === 'key' ? '\n' : '';
      let first = mode === 'item';
      for (const k of keys) {
        const key = this.key(k);
        if (key === null) return null;
        out += first ? key : pad + key;
        first = false;
        const v = (value as Record<string, unknown>)[k];
        const text = v !== null && typeof v === 'object' ? this.node(v, indent + 2, 'key') : this.scalar(v);
        if (text === null) return null;
        if (v !== null && typeof v === 'object') {
          out += text;
        } else {
          this.breaks++;
          out += ` ${text}\n`;
        }
      }
      return out;
    }
    const s = this.scalar(value);
    if (s === null) return null;
    this.breaks++;
    return mode === 'key' ? ` ${s}\n` : `${s}\n`;
  }

  /** A scalar as the `yaml` package writes it, or null when it needs more than one line. */
  private scalar(value: unknown): string | null {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : null;
    if (typeof value !== 'string') return null;
    let s = this.scalars.get(value);
    if (s === undefined) {
      if (isPlainWord(value)) {
        s = value;
      } else {
        const text = escapeUnsafeCharacters(YAML.stringify(kubernetesScalar(value), OPTIONS));
        s = text.indexOf('\n') === text.length - 1 ? text.slice(0, -1) : null;
      }
      this.scalars.set(value, s);
    }
    return s;
  }

  /** `key:` as the `yaml` package writes it, or null for keys it would write differently. */
  private key(k: string): string | null {
    let s = this.keys.get(k);
    if (s === undefined) {
      // YAML caps implicit keys at 1024 characters: a longer one is written `? key` by the package.
      if (isPlainWord(k) && k.length <= MAX_IMPLICIT_KEY) {
        s = `${k}:`;
      } else {
        const map = new YAML.YAMLMap<unknown, number>();
        map.set(kubernetesScalar(k), 0);
        const text = escapeUnsafeCharacters(YAML.stringify(map, OPTIONS));
        s = text.endsWith(': 0\n') && text.indexOf('\n') === text.length - 1 ? text.slice(0, -3) : null;
      }
      this.keys.set(k, s);
    }
    return s;
  }
}

/**
 * A string as the `yaml` package should write it: itself, or a double-quoted scalar when
 * Kubernetes would read it back, written plain, as something else.
 */
function kubernetesScalar(value: string): string | YAML.Scalar {
  if (kubernetesReadsPlainAsString(value)) return value;
  const scalar = new YAML.Scalar(value);
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

/** A whole document as `Yaml.stringify` writes it, but with the strings of {@link kubernetesScalar} double-quoted, keys included. */
function stringifyForKubernetes(doc: unknown): string {
  const document = new YAML.Document(doc, OPTIONS);
  YAML.visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !kubernetesReadsPlainAsString(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeUnsafeCharacters(document.toString(OPTIONS));
}

/**
 * Escapes what the `yaml` package writes as it is but YAML 1.1 readers take for line breaks (NEL,
 * LS, PS) or refuse (DEL, C1 controls, U+FFFE, U+FFFF). Strings holding them are always
 * double-quoted ({@link kubernetesScalar}), where `\u` escapes are read back as the characters.
 */
function escapeUnsafeCharacters(text: string): string {
  return text.replace(YAML11_UNSAFE_CHARACTERS, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The longest implicit (`key:`) key a YAML reader accepts. */
const MAX_IMPLICIT_KEY = 1024;

/** The number of line breaks in a text. */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const INDENTS: string[] = [];

/** `n` spaces, built once per depth. */
function spaces(n: number): string {
  return INDENTS[n] ??= ' '.repeat(n);
}

/**
 * Letters, digits and `_ . / @ : + -`, starting with a letter or `/`: no YAML 1.1 indicator, date,
 * number or space (a `:` is an indicator only before a space or at the end, which is excluded
 * apart). Names, label values, paths and image references are written so.
 */
const PLAIN_WORD = /^[A-Za-z/][A-Za-z0-9_./@:+-]*$/;

/** The one number YAML 1.1 spells starting with a letter: an exponent alone (`e5`, `E-3`). */
const EXPONENT = /^[eE][-+]?[0-9]+$/;

/** Words YAML 1.1 reads as booleans or null, which the `yaml` package therefore quotes (compared in lower case). */
const RESERVED_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

/**
 * Whether the `yaml` package writes a string (scalar or key) as it is, without asking it: the
 * common case of names, labels and image references. Anything else goes through the package.
 */
export function isPlainWord(s: string): boolean {
  return PLAIN_WORD.test(s) && !s.endsWith(':') && !EXPONENT.test(s) && (s.length > 5 || !RESERVED_WORDS.has(s.toLowerCase()));
}

/** The options cdk8s's `Yaml.stringify` passes to the `yaml` package. */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' as const };
