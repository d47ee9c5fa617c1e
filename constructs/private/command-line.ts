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
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'token', 'secret', 'key', 'apikey', 'credential', 'credentials',
]);

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
 * Arguments that pass a credential on the command line, where it shows in the YAML, in Git and
 * in the process list: the value of a flag named for one (`--password=…`, `--aes-key …`; not
 * `--password-file`, `--key-size`, `--cache-key`, or a `$(VAR)` reference), HTTP credentials,
 * and literal secrets (tokens, private keys, URLs with a password). The command and the
 * arguments are read as the one list the container runs.
 */
export function checkCommandLine(command: unknown, args: unknown, found: PropProblem[]): void {
  const list: { prop: string; arg: unknown }[] = [];
  for (const [prop, value] of [['command', command], ['args', args]] as const) {
    if (Array.isArray(value)) value.forEach((arg, i) => list.push({ prop: `${prop}[${i}]`, arg }));
  }
  list.forEach(({ prop, arg }, i) => {
    if (typeof arg !== 'string') return;
    const flag = FLAG.exec(arg);
    const before = i > 0 && typeof list[i - 1].arg === 'string' ? FLAG.exec(list[i - 1].arg as string) : null;
    const credentialValue = flag
      ? flag[2] !== undefined && flag[2] !== '' && namesCredential(flag[1]) && !cannotBeSecret(flag[2])
      : before !== null && before[2] === undefined && namesCredential(before[1]) && !cannotBeSecret(arg);
    if (credentialValue || HTTP_CREDENTIAL.test(arg) || credentialInValue(arg) !== undefined) {
      found.push({ prop, value: '<redacted>', problem: 'passes a credential on the command line, where it shows in the YAML, in Git and in the process list',
        fix: 'mount it with secretFiles and point the program at the file (e.g. --password-file=/var/run/secrets/app/<file>)' });
    }
  });
}
