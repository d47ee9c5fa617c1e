import { credentialAssignment } from '../../src/compliance/common/config-file-credentials';
import { cannotBeSecret, credentialInValue, isCredentialName } from '../../src/compliance/common/credentials';
import { PropProblem } from '../errors';

/** A command-line flag and its value: `--name=value`, or `--name` alone (its value, if any, is the next argument). */
const FLAG = /^--?([A-Za-z0-9_.-]+)(?:=([^]*))?$/;

/** Last words of a flag whose value is about a credential rather than the credential (`--password-file`, `--key-size`, `--jwt-issuer`). */
const ABOUT_A_CREDENTIAL: ReadonlySet<string> = new Set([
  'file', 'path', 'dir', 'size', 'bits', 'length', 'ttl', 'timeout', 'issuer', 'audience', 'url', 'uri', 'endpoint', 'host', 'port',
  'name', 'id', 'type', 'mode', 'algorithm', 'alg', 'header', 'enabled', 'format', 'ref', 'count', 'version', 'interval', 'expiry',
  'expiration', 'prefix', 'stdin', 'env', 'store', 'auth', 'rotation', 'refresh',
]);

/** Last words that name a credential (`--password`, `--aes-key`, `--api-token`), so that the flag's value is one. */
const CREDENTIAL_NOUNS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'token', 'secret', 'key', 'apikey', 'credential', 'credentials',
]);

/** `user:password`, as `--basic-auth` and `--auth` flags take it (not a URL, not a path). */
const USER_PASSWORD = /^[^\s:/@]+:[^\s/@]+$/;

/** Words before `key` that make it a key of data, not a secret (`--cache-key`, `--partition-key`). */
const DATA_KEYS: ReadonlySet<string> = new Set([
  'cache', 'object', 'partition', 'sort', 'primary', 'foreign', 'routing', 'shard', 'idempotency', 'lookup', 'hash', 'group',
  'label', 'metadata', 'row', 'index', 'dedup', 'map', 'redis', 's3',
]);

/** Text that carries an HTTP credential anywhere in an argument (`-H "Authorization: Bearer …"`). */
const HTTP_CREDENTIAL = /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}|\b(?:proxy-)?authorization\s*[:=]\s*\S{8,}/i;

function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w !== '');
}

/** Whether a flag's name says its value is a credential. */
function namesCredential(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || ABOUT_A_CREDENTIAL.has(last)) return false;
  if (last === 'key' && words.length > 1 && DATA_KEYS.has(words[words.length - 2])) return false;
  return CREDENTIAL_NOUNS.has(last) || /pwd|passw/.test(last) || isCredentialName(name);
}

/**
 * Whether a flag's value is a credential: the flag is named for one and the value is no path (a
 * mounted secret file), reference or boolean; or an `auth` flag gets `user:password`; or the value
 * assigns a credential (`--env=DB_PASSWORD=…`).
 */
function credentialValue(name: string, value: string): boolean {
  if (cannotBeSecret(value) || value.startsWith('/')) return false;
  return namesCredential(name) || (/auth/i.test(name) && USER_PASSWORD.test(value)) || credentialAssignment(value) !== undefined;
}

/**
 * Whether one argument holds a credential: a literal secret (a token, a private key, a URL with a
 * password, an HTTP credential), an assignment of one (`PASSWORD=…`, `auth.password=…`,
 * `{"password": …}`), or a flag with a credential value, also among the words of a shell command
 * (`sh -c "app --password=…"`).
 */
function holdsCredential(arg: string): boolean {
  if (HTTP_CREDENTIAL.test(arg) || credentialInValue(arg) !== undefined || credentialAssignment(arg) !== undefined) return true;
  for (const word of arg.split(/\s+/)) {
    const flag = FLAG.exec(word);
    if (flag && flag[2] !== undefined && flag[2] !== '' && credentialValue(flag[1], flag[2])) return true;
  }
  return false;
}

/**
 * Arguments that pass a credential on the command line, where it shows in the YAML, in Git and
 * in the process list: the value of a flag named for one (`--password=…`, `--aes-key …`; not
 * `--password-file`, `--key-size`, `--cache-key`, a path to a mounted secret file, or a `$(VAR)`
 * reference), HTTP credentials, assignments of credentials, and literal secrets (tokens, private
 * keys, URLs with a password). The command and the arguments are read as the one list the
 * container runs.
 */
export function checkCommandLine(command: unknown, args: unknown, found: PropProblem[]): void {
  const list: { prop: string; arg: unknown }[] = [];
  for (const [prop, value] of [['command', command], ['args', args]] as const) {
    if (Array.isArray(value)) value.forEach((arg, i) => list.push({ prop: `${prop}[${i}]`, arg }));
  }
  list.forEach(({ prop, arg }, i) => {
    if (typeof arg !== 'string') return;
    const before = i > 0 && typeof list[i - 1].arg === 'string' ? FLAG.exec(list[i - 1].arg as string) : null;
    const afterItsFlag = FLAG.exec(arg) === null && before !== null && before[2] === undefined && namesCredential(before[1])
      && !cannotBeSecret(arg) && !arg.startsWith('/');
    if (afterItsFlag || holdsCredential(arg)) {
      found.push({ prop, value: '<redacted>', problem: 'passes a credential on the command line, where it shows in the YAML, in Git and in the process list',
        fix: 'mount it with secretFiles and point the program at the file (e.g. --password-file=/var/run/secrets/app/<file>)' });
    }
  });
}
