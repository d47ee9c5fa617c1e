/**
 * Recognises credentials in configuration: names that denote a secret (`DB_PASSWORD`, `apiKey`)
 * and values that are one (a PEM private key, an AWS access key id, a URL with a password).
 * Every pattern is compiled once; names are memoised because the same names recur across objects.
 */
import { isExampleValue, isFillIn } from './example-values';

/** How a text that may hold credentials is read. */
export interface CredentialScanOptions {
  /**
   * Whether the text is documentation (a README, a Helm chart's NOTES.txt) rather than a file a
   * program reads: its example values (`DB_PASSWORD=changeme`, `postgres://user:password@localhost`,
   * `POSTGRES_PASSWORD=postgres`) are then not credentials. Any other value still is, and so is a
   * token of a known format (a private key, an AWS access key id, a GitHub token, a JWT) wherever it stands.
   * @default false
   */
  readonly documentation?: boolean;
}

/** Words that mark a name as a credential wherever they appear (separators and case ignored). */
const CREDENTIAL_WORDS = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'credential',
  'accesskey', 'bearer', 'encryptionkey', 'signingkey', 'masterkey',
];

/** Words that contain a credential word but are not about credentials (`TOKENIZERS_PARALLELISM`, `SECRETARY`). */
const FALSE_FRIENDS = ['tokeniz', 'secretar'];

/** Abbreviations that mark a name as a credential only as a whole word (`DB_PWD`, `smtp-pass`). */
const CREDENTIAL_SEGMENTS: ReadonlySet<string> = new Set(['pwd', 'pass']);

/** Last words that mark a name as a credential (`AUTH_JWT`), though not as a first word (`JWT_ALGORITHM`). */
const CREDENTIAL_LAST_WORDS: ReadonlySet<string> = new Set(['jwt']);

/**
 * Words that, before a last word `key`, make it a secret key (`AZURE_STORAGE_KEY`,
 * `STRIPE_SECRET_KEY` is already a secret, `LICENSE_KEY`); other keys (`S3_OBJECT_KEY`,
 * `CACHE_KEY`, `i18nKey`) name data, not credentials.
 */
const SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'storage', 'client', 'account', 'license', 'licence', 'subscription', 'shared', 'app', 'auth', 'session', 'hmac', 'webhook',
  'admin', 'root', 'consumer', 'service', 'stripe', 'twilio', 'sendgrid', 'mailgun', 'openai', 'sentry', 'datadog', 'azure',
]);

/** Last words that, after `key`, name the key's material (`OCI_CLI_KEY_CONTENT`). */
const KEY_MATERIAL: ReadonlySet<string> = new Set(['content', 'data', 'value', 'material', 'pem']);

/**
 * Last words that make the name about a credential rather than the credential itself
 * (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`, `TOKEN_TTL`, `REGISTRY_CREDENTIAL_USERNAME`): where it
 * is, whose it is, how long it lives (`ACCESS_TOKEN_EXPIRE_MINUTES`, `TOKEN_MAX_AGE`), and how it is
 * made, kept or checked (`PASSWORD_HASH_ALGORITHM`, `PASSWORD_POLICY`, `SECRETS_PROVIDER`, `password_encryption`).
 */
const NOT_A_VALUE: ReadonlySet<string> = new Set([
  'file', 'path', 'dir', 'url', 'uri', 'endpoint', 'host', 'port', 'name', 'ref', 'ttl', 'timeout',
  'expiry', 'expiration', 'length', 'header', 'issuer', 'audience', 'enabled', 'type', 'mode', 'username', 'user', 'login',
  'expire', 'expires', 'duration', 'ms', 'millis', 'milliseconds', 'secs', 'seconds', 'mins', 'minutes', 'hours', 'days', 'age',
  'lifetime', 'lifespan', 'interval', 'retries', 'attempts', 'policy', 'algorithm', 'algo', 'hint', 'scope', 'scopes', 'store',
  'arn', 'method', 'command', 'cmd', 'size', 'history', 'count', 'limit', 'format', 'provider', 'rotation', 'version', 'location',
  'prefix', 'suffix', 'charset', 'encoding', 'encryption', 'hashing', 'strength', 'validity', 'complexity', 'level', 'region',
]);

/** Words that make a name a quantity about a credential wherever they stand (`api_key_max_seconds_to_live`, `PASSWORD_MIN_LENGTH`). */
const QUANTITY_WORDS: ReadonlySet<string> = new Set(['max', 'min', 'seconds', 'minutes', 'hours', 'days', 'ttl', 'timeout', 'length', 'expiry', 'lifetime']);

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const SEPARATORS = /[^a-z0-9]+/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/g;
const AUTHORITY_END: ReadonlySet<string> = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '"', "'"]);
const REFERENCE = /^\$(?:\([A-Za-z_][A-Za-z0-9_.-]*\)|\{[A-Za-z_][A-Za-z0-9_.-]*\})$/;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;
const BEARER = /^Bearer\s+[A-Za-z0-9._~+/-]{16,}=*$/;
const STRIPE_SECRET = /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{16,}/;
/**
 * Tokens whose prefix says what they are, as their issuers document them: GitHub (`ghp_`, `gho_`,
 * `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab (`glpat-`), Slack (`xoxb-`, `xoxp-`, …), Google
 * API keys (`AIza`), npm (`npm_`) and SendGrid (`SG.`).
 */
const PREFIXED_TOKENS: readonly (readonly [RegExp, string])[] = [
  [/(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,})(?![A-Za-z0-9_])/g, 'a GitHub token'],
  [/(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/g, 'a GitLab token'],
  [/(?<![A-Za-z0-9])xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{6,}/g, 'a Slack token'],
  [/(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, 'a Google API key'],
  [/(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, 'an npm access token'],
  [/(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, 'a SendGrid API key'],
];
/** Whether a value may hold one of {@link PREFIXED_TOKENS}: one cheap scan before the precise ones. */
const TOKEN_PREFIX = /gh[pousr]_|github_pat_|glpat-|xox[abposr]-|AIza|npm_|SG\./;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;
const BASE64_PEM_MIN = 60;

const MEMO_LIMIT = 10_000;
const MEMO_MAX_NAME = 128;
const memo = new Map<string, boolean>();

function classify(name: string): boolean {
  const words = name.replace(CAMEL_BOUNDARY, '$1_$2').toLowerCase().split(SEPARATORS).filter(w => w !== '');
  if (words.length === 0 || NOT_A_VALUE.has(words[words.length - 1]) || words.some(w => QUANTITY_WORDS.has(w))) return false;
  const compact = words.join('');
  if (FALSE_FRIENDS.some(w => compact.includes(w))) return false;
  if (CREDENTIAL_WORDS.some(w => compact.includes(w)) || words.some(w => CREDENTIAL_SEGMENTS.has(w))) return true;
  return CREDENTIAL_LAST_WORDS.has(words[words.length - 1]) || isSecretKeyName(words);
}

/** `STRIPE_KEY`, `AZURE_CLIENT_KEY`, `OCI_CLI_KEY_CONTENT`: a key named after the service or role it unlocks. */
function isSecretKeyName(words: readonly string[]): boolean {
  const n = words.length;
  if (n >= 2 && words[n - 1] === 'key') return SECRET_KEY_QUALIFIERS.has(words[n - 2]);
  return n >= 2 && words[n - 2] === 'key' && KEY_MATERIAL.has(words[n - 1]);
}

/** Whether an environment variable or configuration key name denotes a credential. */
export function isCredentialName(name: string): boolean {
  let known = memo.get(name);
  if (known === undefined) {
    known = classify(name);
    if (name.length <= MEMO_MAX_NAME) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(name, known);
    }
  }
  return known;
}

/**
 * Why a literal value is itself a credential (`a PEM private key`, …), or `undefined` when it does
 * not look like one. In documentation, a URL or an HTTP basic header whose password is an example
 * (`postgres://user:password@localhost`) holds none.
 */
export function credentialInValue(value: string, options: CredentialScanOptions = {}): string | undefined {
  const documentation = options.documentation === true;
  if (value.includes('PRIVATE KEY') && PRIVATE_KEY.test(value)) return 'a PEM private key';
  if (value.length >= 20 && hasAwsAccessKeyId(value)) return 'an AWS access key id';
  if (hasUrlPassword(value, documentation)) return 'a URL with an embedded password';
  if (value.includes('eyJ') && JWT.test(value)) return 'a JSON Web Token';
  if (value.startsWith('Bearer') && BEARER.test(value)) return 'a bearer token';
  if (value.includes('Basic ') && hasBasicCredentials(value, documentation)) return 'HTTP basic credentials';
  if (value.includes('k_live_') && STRIPE_SECRET.test(value)) return 'a live payment API secret key';
  if (isBase64PrivateKey(value)) return 'a base64-encoded PEM private key';
  if (value.length >= 18 && TOKEN_PREFIX.test(value)) return prefixedToken(value);
  return undefined;
}

/** Whether a value holds an AWS access key id that is not a placeholder. */
function hasAwsAccessKeyId(value: string): boolean {
  return hasRealMatch(AWS_ACCESS_KEY_ID, value);
}

/** What prefixed token a value holds, if any. */
function prefixedToken(value: string): string | undefined {
  for (const [pattern, what] of PREFIXED_TOKENS) if (hasRealMatch(pattern, value)) return what;
  return undefined;
}

/**
 * Whether the global `pattern` matches somewhere in `value` other than a placeholder (a
 * placeholder does not hide a real token after it).
 */
function hasRealMatch(pattern: RegExp, value: string): boolean {
  for (const m of value.matchAll(pattern)) if (!isPlaceholder(m[0])) return true;
  return false;
}

/**
 * Whether a token-shaped text is a placeholder of documentation or a template: a run of eight of
 * one character (`ghp_xxxxxxxx…`, `AIzaSyXXXXXXXX…`), or the word EXAMPLE (AWS's documented
 * `AKIAIOSFODNN7EXAMPLE`). Random tokens hold neither.
 */
function isPlaceholder(token: string): boolean {
  return /(.)\1{7}/.test(token) || /example/i.test(token);
}

/** Whether the value is base64 of a PEM private key (as in a ConfigMap's binaryData, or pasted encoded). */
export function isBase64PrivateKey(value: string): boolean {
  if (value.length < BASE64_PEM_MIN || !value.startsWith('LS0tLS1CRUdJTi')) return false;
  const trimmed = value.trimEnd();
  if (!BASE64.test(trimmed)) return false;
  const decoded = Buffer.from(trimmed, 'base64').toString('latin1');
  return decoded.includes('PRIVATE KEY') && PRIVATE_KEY.test(decoded);
}

/** `Basic <base64 of user:password>`, as an Authorization header carries it. */
const BASIC = /(?:^|[\s"'])Basic\s+([A-Za-z0-9+/]{8,}={0,2})(?=$|[\s"';])/;

/**
 * Whether the value holds an HTTP basic Authorization header: the base64 of `user:password`
 * (in documentation, not of an example such as `user:password`).
 */
function hasBasicCredentials(value: string, documentation: boolean): boolean {
  const m = BASIC.exec(value);
  if (!m) return false;
  const decoded = /^([\x20-\x7e]+?):([\x20-\x7e]+)$/.exec(Buffer.from(m[1], 'base64').toString('latin1'));
  return decoded !== null && !(documentation && isExampleValue(decoded[2], decoded[1]));
}

/**
 * Whether some `scheme://user:password@host` in the value carries a literal password: not a
 * `$(VAR)` or `${VAR}` reference, not a fill-in (`<password>`), and in documentation not an
 * example (`password`, `changeme`, the user's name again).
 */
function hasUrlPassword(value: string, documentation: boolean): boolean {
  for (let at = value.indexOf('://'); at >= 0; at = value.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    while (end < value.length && !AUTHORITY_END.has(value[end])) end++;
    const userinfo = value.lastIndexOf('@', end - 1);
    if (userinfo < start) continue;
    const colon = value.indexOf(':', start);
    if (colon < start || colon >= userinfo - 1 || value[colon + 1] === '$') continue;
    const password = percentDecoded(value.slice(colon + 1, userinfo));
    if (isFillIn(password) || (documentation && isExampleValue(password, percentDecoded(value.slice(start, colon))))) continue;
    return true;
  }
  return false;
}

/** A part of a URL with its percent-escapes decoded (as it is when malformed). */
function percentDecoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Words that say yes or no (`ALLOW_EMPTY_PASSWORD: "no"`), which no credential is. */
const BOOLEAN_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n']);

/**
 * Whether a literal value cannot be a secret whatever its name: empty, a boolean, or only a
 * reference to a variable (`$(DB_PASSWORD)`, which Kubernetes expands in env, or a
 * `${DB_PASSWORD}` placeholder).
 */
export function cannotBeSecret(value: string): boolean {
  if (value === '' || BOOLEAN_WORDS.has(value.toLowerCase())) return true;
  return value.startsWith('$') && REFERENCE.test(value);
}

