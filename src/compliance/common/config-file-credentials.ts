/**
 * Credentials written into configuration files that a ConfigMap holds (`grafana.ini`, `.env`,
 * `application.properties`, `redis.conf`, YAML, JSON, XML): assignments of a value to a name that
 * denotes a credential, found line by line, with the references, placeholders and settings about
 * credentials that such files are full of told apart.
 */
import { cannotBeSecret, CredentialScanOptions, isCredentialName } from './credentials';
import { isExampleValue, isFillIn } from './example-values';

/**
 * `name = value`, `name: value`, `"name": "value"`, `name => 'value'`, `?name=value&`: every
 * assignment on a line, wherever it starts, but not the `NAME:default` inside a `${…}`, `#{…}` or
 * `$(…)` reference, which is read whole as the value. Quoted values and references are read up to
 * a bound, so that a line of unclosed ones is read in linear time.
 */
const PAIR = /(?<=^|[\s{,;&?([])(?<![$#]\{|\$\()["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=>|[:=])\s*("(?:[^"\\\n]|\\.){0,4096}"|'[^'\n]{0,4096}'|\$\{[^}\n]{0,256}\}|\$\([^)\n]{0,256}\)|#\{[^}\n]{0,256}\}|[^\s,;&{}"'<[\]]+)/g;
/**
 * `requirepass foobared`, `HTTP_Passwd changeme`: a directive and one value separated by blanks,
 * the whole line (trimmed, a closing `;` removed, before it is matched).
 */
const SPACED = /^([A-Za-z_][A-Za-z0-9_.-]*)\s+(\S+)$/;
/** `<password>value</password>` */
const XML = /<([A-Za-z_][\w.-]*)>([^<\n]+)<\/\1>/g;
/** Names of configuration languages that hold a password without saying so (Redis, OpenLDAP). */
const KNOWN_NAMES: ReadonlySet<string> = new Set(['requirepass', 'masterauth', 'rootpw']);
/** Names that refer to a credential or switch one on rather than hold it (`fromSecret: db`, `useToken: true`, `existingSecret: redis`). */
const REFERRING_NAME = /^(?:from|use|with|enable|disable|require|allow|existing)(?:[A-Z_.-]|$)/;
/**
 * Values that point elsewhere, in the syntaxes configuration languages use: `${VAR}`, `$(cmd)`,
 * `$VAR`, `$__file{…}`, `%env(X)%`, `%(name)s`, `<%= … %>`, `#{ENV[…]}`, `@token@`, `ENC(…)`,
 * `vault:…`, `ref+…`. A value that only starts with `$`, `%` or `@` (`$uperS3cret!`) is not one.
 */
const REFERENCE_VALUE = /^(?:\$\{|\$\(|\$[A-Za-z_][\w.-]*(?::[\w.-]+)?$|\$__[a-z]+\{|%[A-Za-z_]+\(.*\)%$|%\([A-Za-z_][\w.-]*\)s$|<%|#\{|@[A-Za-z_][\w.-]*@$|ENC\(|vault:|ref\+|secret:|awssm:|gcpsm:|azkv:)/i;
/** A file path: a setting that names where the credential is kept (`auth-user-pass /etc/openvpn/auth.txt`). */
const PATH_VALUE = /^(?:\/|\.\.?\/|~\/)\S*$/;
/** YAML 1.1 booleans and other values that cannot be a secret. */
const NOT_SECRET_WORDS: ReadonlySet<string> = new Set(['on', 'off', 'yes', 'no', 'null', 'none', 'nil', '~', '|', '>', '|-', '>-', 'true', 'false']);
/** A masked value (`********`, `xxxx`). */
const MASKED = /^(?:\*{3,}|x{3,}|•{3,})$/i;
/** A key name as Helm charts name the keys of a Secret (`postgres-password`, `redis.token`). */
const KEY_NAME = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/;
/** nginx directives whose name ends in `_pass`: they pass requests on, they hold no password. */
const PASSING_DIRECTIVES: ReadonlySet<string> = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);
/** Lines of a configuration file read; a larger value is read this far. */
const MAX_FILE_LINES = 5_000;

/** The extensions of configuration files, scripts and documents (`password-policy.json`). */
const CONFIG_FILE_NAME = /\.(?:json|ya?ml|ini|conf|cfg|cnf|properties|xml|toml|sh|bash|md|markdown|mdx|rst|adoc|asciidoc|txt|env|js|ts|py|rb|lua|tpl|tmpl|j2|template|html?|csv|sql)$/i;

/**
 * Whether a key or file name names a configuration file (`password-policy.json`, an nss `passwd`
 * file), which is judged by what it holds rather than by its name.
 */
export function isConfigFileName(name: string): boolean {
  return CONFIG_FILE_NAME.test(name) || name === 'passwd';
}

/** One credential found in a file: the 1-based line and the name it is assigned to. */
export interface FileCredential {
  readonly line: number;
  readonly name: string;
}

/**
 * The first credential assigned in a configuration file held as a value, or `undefined` when there
 * is none: a value given to a name that denotes a credential (`admin_password = …`,
 * `"apiKey": "…"`, `password=…` inside a connection string, `<password>…</password>`,
 * `requirepass …`). Values that are credentials whatever their name (a private key, a URL with a
 * password) are for {@link credentialInValue} on the whole text.
 * References and placeholders (`${VAR}`, `$(cat …)`, `{{ .Values.x }}`, `<your password>`),
 * booleans, numbers, masked values, prose and settings about credentials (`password_min_length`,
 * `tokenExpirySeconds`, `existingSecret`) do not count, nor, in documentation, example values.
 */
export function credentialAssignment(text: string, options: CredentialScanOptions = {}): FileCredential | undefined {
  const counts: Counts = options.documentation === true ? countsInDocumentation : (_name, raw, next) => holdsSecret(raw, next);
  const lines = text.split('\n', MAX_FILE_LINES);
  for (let i = 0; i < lines.length; i++) {
    const name = credentialOnLine(lines[i], counts);
    if (name !== undefined) return { line: i + 1, name };
  }
  return undefined;
}

/** Whether the value given to a name on a line is a credential: {@link holdsSecret}, or {@link countsInDocumentation}. */
type Counts = (name: string, raw: string, next: string) => boolean;

/** The name a line assigns a credential to, if any. */
function credentialOnLine(raw: string, counts: Counts): string | undefined {
  const line = raw.trim();
  if (line === '' || /^(?:#|\/\/|;|--|<!--)/.test(line)) return undefined;
  // A directive and its value: known names, or names with a separator (not a word of prose).
  const spaced = SPACED.exec(line.endsWith(';') ? line.slice(0, -1).trimEnd() : line);
  if (spaced && !/^[:=]/.test(spaced[2])) {
    const known = KNOWN_NAMES.has(spaced[1].toLowerCase());
    if ((known || (/[_.-]/.test(spaced[1]) && isCredentialSetting(spaced[1], spaced[2]))) && counts(spaced[1], spaced[2], '')) return spaced[1];
  }
  for (const m of line.matchAll(XML)) if (isCredentialSetting(m[1], m[2]) && counts(m[1], m[2], '')) return m[1];
  for (const m of line.matchAll(PAIR)) {
    if (isLabelMatcher(line, m)) continue;
    if ((KNOWN_NAMES.has(m[1].toLowerCase()) || isCredentialSetting(m[1], m[2])) && counts(m[1], m[2], nextNonBlank(line, (m.index ?? 0) + m[0].length))) return m[1];
  }
  return undefined;
}

/**
 * Whether a match is a label matcher of a query (`kube_secret_created{secret="db"}`, PromQL or
 * LogQL): a name right after `{` or `,`, then `=`, `=~` or `!=`, inside braces.
 */
function isLabelMatcher(line: string, m: RegExpMatchArray): boolean {
  const at = m.index ?? 0;
  const before = line[at - 1];
  if (before !== '{' && before !== ',') return false;
  const sep = line.slice(at + m[1].length).trimStart()[0];
  return sep === '=' && line.lastIndexOf('{', at) > line.lastIndexOf('}', at) && line.indexOf('}', at) > at;
}

/** The first two characters after `from` that are not blank, or `''` at the end of the line: read in the time it takes to reach them. */
function nextNonBlank(line: string, from: number): string {
  let i = from;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i, i + 2);
}

/** Whether a name, with the value given to it, is a credential rather than a reference to one or a setting about one. */
function isCredentialSetting(name: string, value: string): boolean {
  if (REFERRING_NAME.test(name) || PASSING_DIRECTIVES.has(name) || !isCredentialName(name)) return false;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w !== '');
  const last = words[words.length - 1];
  // `adminPasswordKey: postgres-password`, `userPasswordKey: password`: the key of a Secret that holds it, not the password.
  const given = unquoted(value);
  return !(last === 'key' && (KEY_NAME.test(given) || isCredentialName(given)));
}

/**
 * Whether a value assigned to a credential's name holds one. `next` is what follows it on the line
 * (its first two characters): more words make the line prose (`Password: see the team vault.`),
 * unless they are a comment or the rest of a structure.
 */
function holdsSecret(raw: string, next: string): boolean {
  const value = unquoted(raw.trim());
  if (value === '' || value.includes('{{') || value.startsWith('{') || value.startsWith('[') || cannotBeSecret(value)) return false;
  if (REFERENCE_VALUE.test(value) || NOT_SECRET_WORDS.has(value.toLowerCase()) || MASKED.test(value) || isFillIn(value) || PATH_VALUE.test(value)) return false;
  const quoted = raw.startsWith('"') || raw.startsWith("'");
  // A duration (`signingKeys: "6h"`) is a setting.
  if (DURATION.test(value)) return false;
  return quoted || next === '' || /^[#;,}\])&]|^\/\//.test(next) || next.startsWith('<');
}

/** {@link holdsSecret}, for documentation: an example value (`changeme`, a value that repeats the name) holds none. */
function countsInDocumentation(name: string, raw: string, next: string): boolean {
  return holdsSecret(raw, next) && !isExampleValue(unquoted(raw.trim()), name);
}

const DURATION = /^[+-]?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w|y)$/;

function unquoted(value: string): string {
  return (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")) ? value.slice(1, -1) : value;
}
