/**
 * Credentials written into configuration files that a ConfigMap holds (`grafana.ini`, `.env`,
 * `application.properties`, `redis.conf`, YAML, JSON, XML): assignments of a value to a name that
 * denotes a credential, found line by line, with the references, placeholders and settings about
 * credentials that such files are full of told apart.
 */
import { cannotBeSecret, isCredentialName } from './credentials';

/** `name = value`, `name: value`, `"name": "value"`, `?name=value&`: every assignment on a line, wherever it starts. */
const PAIR = /(?<=^|[\s{,;&?([])["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,;&{}"'<[\]]+)/g;
/** `requirepass foobared`: a name and one value separated by blanks, the whole line. */
const SPACED = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s+(\S+)\s*;?\s*$/;
/** `<password>value</password>` */
const XML = /<([A-Za-z_][\w.-]*)>([^<\n]+)<\/\1>/g;
/** Names of configuration languages that hold a password without saying so (Redis, OpenLDAP). */
const KNOWN_NAMES: ReadonlySet<string> = new Set(['requirepass', 'masterauth', 'rootpw']);
/** Names that refer to a credential or switch one on rather than hold it (`fromSecret: db`, `useToken: true`, `existingSecret: redis`). */
const REFERRING_NAME = /^(?:from|use|with|enable|disable|require|allow|existing)(?:[A-Z_.-]|$)/;
/** Last words of names that are settings about a credential, not the credential (`tokenExpirySeconds`, `password_retries`). */
const SETTING_WORDS: ReadonlySet<string> = new Set([
  'seconds', 'secs', 'ms', 'minutes', 'hours', 'days', 'age', 'lifetime', 'lifespan', 'interval', 'retries', 'attempts', 'policy',
  'algorithm', 'algo', 'hint', 'scope', 'scopes', 'store', 'arn', 'method', 'command', 'cmd', 'size', 'history', 'count', 'limit',
  'format', 'provider', 'rotation', 'version', 'location', 'id', 'ids', 'prefix', 'suffix', 'charset', 'encoding', 'encryption', 'hashing',
  'strength', 'validity', 'complexity', 'level', 'mode', 'enabled',
]);
/** Values that point elsewhere: `$VAR`, `$(cmd)`, `$__file{…}`, `%env(X)%`, `<%= … %>`, `<your password>`, `ENC(…)`, `vault:…`, `ref+…`. */
const REFERENCE_VALUE = /^(?:[$%<@]|ENC\(|vault:|ref\+|secret:|awssm:|gcpsm:|azkv:)/i;
/** YAML 1.1 booleans and other values that cannot be a secret. */
const NOT_SECRET_WORDS: ReadonlySet<string> = new Set(['on', 'off', 'yes', 'no', 'null', 'none', 'nil', '~', '|', '>', '|-', '>-', 'true', 'false']);
/** A number or a duration: a setting, not a secret. */
const NUMBER = /^\d+(?:\.\d+)?(?:ms|s|m|h|d)?$/;
/** A masked value (`********`, `xxxx`). */
const MASKED = /^(?:\*{3,}|x{3,}|•{3,})$/i;
/** A key name as Helm charts name the keys of a Secret (`postgres-password`, `redis.token`). */
const KEY_NAME = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/;
/** A value left for the reader to fill in: `YOUR_PASSWORD_HERE`, `REPLACE_ME`, `<token>`. */
const PLACEHOLDER = /^(?:(?:YOUR|INSERT|ENTER|PUT|PASTE|REPLACE)[_-].*|.*[_-]HERE|REPLACE[_-]?ME|TODO|TBD|FIXME|<.*>)$/i;
/** nginx directives whose name ends in `_pass`: they pass requests on, they hold no password. */
const PASSING_DIRECTIVES: ReadonlySet<string> = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);
/** Lines of a configuration file read; a larger value is read this far. */
const MAX_FILE_LINES = 5_000;

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
 * `tokenExpirySeconds`, `existingSecret`) do not count.
 */
export function credentialAssignment(text: string): FileCredential | undefined {
  const lines = text.split('\n', MAX_FILE_LINES);
  for (let i = 0; i < lines.length; i++) {
    const name = credentialOnLine(lines[i]);
    if (name !== undefined) return { line: i + 1, name };
  }
  return undefined;
}

/** The name a line assigns a credential to, if any. */
function credentialOnLine(line: string): string | undefined {
  if (line.trim() === '' || /^\s*(?:#|\/\/|;|--|<!--)/.test(line)) return undefined;
  const spaced = SPACED.exec(line);
  // `name = ` with nothing after it is an empty assignment, not a value `=`.
  const given = spaced && !/^[:=]/.test(spaced[2]) ? spaced : undefined;
  if (given && KNOWN_NAMES.has(given[1].toLowerCase()) && holdsSecret(given[2], '')) return given[1];
  if (given && isCredentialSetting(given[1], given[2]) && holdsSecret(given[2], '')) return given[1];
  for (const m of line.matchAll(XML)) if (isCredentialSetting(m[1], m[2]) && holdsSecret(m[2], '')) return m[1];
  for (const m of line.matchAll(PAIR)) {
    const rest = line.slice((m.index ?? 0) + m[0].length);
    if ((KNOWN_NAMES.has(m[1].toLowerCase()) || isCredentialSetting(m[1], m[2])) && holdsSecret(m[2], rest)) return m[1];
  }
  return undefined;
}

/** Whether a name, with the value given to it, is a credential rather than a reference to one or a setting about one. */
function isCredentialSetting(name: string, value: string): boolean {
  if (REFERRING_NAME.test(name) || PASSING_DIRECTIVES.has(name) || !isCredentialName(name)) return false;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w !== '');
  const last = words[words.length - 1];
  if (SETTING_WORDS.has(last)) return false;
  // `adminPasswordKey: postgres-password`, `userPasswordKey: password`: the key of a Secret that holds it, not the password.
  const given = unquoted(value);
  return !(last === 'key' && (KEY_NAME.test(given) || isCredentialName(given)));
}

/**
 * Whether a value assigned to a credential's name holds one. `rest` is what follows it on the line:
 * more words make the line prose (`Password: see the team vault.`), unless they are a comment.
 */
function holdsSecret(raw: string, rest: string): boolean {
  const value = unquoted(raw.trim());
  if (value === '' || value.includes('{{') || value.startsWith('{') || value.startsWith('[') || cannotBeSecret(value)) return false;
  if (REFERENCE_VALUE.test(value) || NOT_SECRET_WORDS.has(value.toLowerCase()) || NUMBER.test(value) || MASKED.test(value) || PLACEHOLDER.test(value)) return false;
  const after = rest.trim();
  const quoted = raw.startsWith('"') || raw.startsWith("'");
  return quoted || after === '' || /^[#;,}\])&]|^\/\//.test(after) || after.startsWith('<');
}

function unquoted(value: string): string {
  return (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")) ? value.slice(1, -1) : value;
}
