import { credentialAssignment } from './config-file-credentials';
import { cannotBeSecret, credentialInValue, isCredentialName } from './credentials';

/** A command-line flag and its value: `--name=value`, or `--name` alone (its value, if any, is the next argument). */
const FLAG = /^--?([A-Za-z0-9_.-]+)(?:=([^]*))?$/;

/** Last words of a name whose value is about a credential rather than the credential (`--password-file`, `--key-size`, `credential.helper`). */
const ABOUT_A_CREDENTIAL: ReadonlySet<string> = new Set([
  'file', 'path', 'dir', 'size', 'bits', 'length', 'ttl', 'timeout', 'issuer', 'audience', 'url', 'uri', 'endpoint', 'host', 'port',
  'name', 'id', 'type', 'mode', 'algorithm', 'alg', 'header', 'enabled', 'format', 'ref', 'count', 'version', 'interval', 'expiry',
  'expiration', 'prefix', 'stdin', 'env', 'var', 'store', 'auth', 'rotation', 'refresh', 'helper', 'namespace', 'audiences', 'tokens',
  'policy',
]);

/** Last words that name a credential (`--password`, `--aes-key`, `--api-token`), so that the flag's value is one. */
const CREDENTIAL_NOUNS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'token', 'secret', 'key', 'apikey', 'credential', 'credentials',
  // Redis (redis-server --requirepass, --masterauth), as its own images and charts pass them.
  'requirepass', 'masterauth',
]);

/** Flags that take `user:password` (`--basic-auth`, `--auth`, curl's `-u`/`--user`). */
const USER_PASSWORD_FLAG = /^(?:u|user|auth|basic-?auth|http-?auth|proxy-?user|credentials?)$/i;

/** `user:password` (not a URL, a path, or `host:port`). */
const USER_PASSWORD = /^[^\s:/@]+:(?!\d+$)[^\s/@]+$/;

/** Words before `key` that make it a key of data, not a secret (`--cache-key`, `--partition-key`). */
const DATA_KEYS: ReadonlySet<string> = new Set([
  'cache', 'object', 'partition', 'sort', 'primary', 'foreign', 'routing', 'shard', 'idempotency', 'lookup', 'hash', 'group',
  'label', 'metadata', 'row', 'index', 'dedup', 'map', 'redis', 's3',
]);

/** Text that carries an HTTP credential anywhere in an argument (`-H "Authorization: Bearer …"`). */
const HTTP_CREDENTIAL = /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}|\b(?:proxy-)?authorization\s*[:=]\s*\S{8,}/i;

/** `NAME=value` as one word: an environment assignment (`-e DB_PASSWORD=…`, `DB_PASSWORD=… app`) or a setting (`--set auth.password=…`). */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w !== '');
}

/** Whether a flag's or setting's name says its value is a credential (not `existingSecret`, which names a Secret). */
function namesCredential(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || ABOUT_A_CREDENTIAL.has(last) || words.includes('existing')) return false;
  if (last === 'key' && words.length > 1 && DATA_KEYS.has(words[words.length - 2])) return false;
  return CREDENTIAL_NOUNS.has(last) || /pwd|passw/.test(last) || isCredentialName(name);
}

/** A value without the quotes a shell command puts around it. */
function unquoted(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0] ? value.slice(1, -1) : value;
}

/**
 * A value that names where a secret is rather than holding it: a relative path (`./token`,
 * `~/key`), a file name a key or certificate is kept in (`tls.key`, `secrets/key.pem`), curl's and
 * gh's `@file`, a `file:`, `env:` or `fd:` source (openssl's -passin), or BuildKit's
 * `id=…,src=…` / `id=…,env=…` secret mount.
 */
const NAMES_A_SOURCE = new RegExp([
  String.raw`^(?:\.{1,2}|~)/`,
  String.raw`^[\w.-]+(?:/[\w.-]+)*\.(?:key|pem|crt|cert|cer|der|p8|p12|pfx|jks|keystore|truststore|txt|json|ya?ml|conf|cfg|properties|keytab|asc|gpg)$`,
  String.raw`^@[\w.~-]*[./][\w./~-]*$`,
  String.raw`^(?:file|env|fd):\S+$`,
  String.raw`^(?:id|type)=[^,=]+(?:,(?:id|type|src|source|env|target|required|mode|uid|gid)=[^,=]*)+$`,
].join('|'), 'i');

/**
 * Whether a value can be a literal secret: not empty or a boolean, not a path (a mounted secret
 * file) or any other {@link NAMES_A_SOURCE source} of one, and not anything a shell or Kubernetes
 * expands (`$VAR`, `${VAR}`, `$(cat …)`, backticks).
 */
function literal(value: string): boolean {
  const v = unquoted(value);
  return !cannotBeSecret(v) && !v.startsWith('/') && !NAMES_A_SOURCE.test(v) && !v.includes('$') && !v.includes('`');
}

/** Whether the value given to a flag (or a setting) is a credential. */
function credentialValue(name: string, value: string): boolean {
  if (!literal(value)) return false;
  if (USER_PASSWORD_FLAG.test(name) && USER_PASSWORD.test(unquoted(value))) return true;
  const assigned = ASSIGNMENT.exec(unquoted(value));
  if (assigned && credentialValue(assigned[1], assigned[2])) return true;
  return namesCredential(name);
}

/** MySQL and MariaDB clients, whose `-p<password>` takes the password attached (`-p` alone prompts for it). */
const MYSQL_CLIENT = /^(?:mysql|mysqladmin|mysqldump|mysqlimport|mysqlcheck|mysqlshow|mariadb|mariadb-admin|mariadb-dump)$/;
/** Redis clients, whose `-a <password>` takes the password. */
const REDIS_CLIENT = /^(?:redis-cli|valkey-cli|keydb-cli)$/;
/** Words that end a shell command, so that the next word is a program. */
const COMMAND_END = /(?:;|&&|\|)$/;
/** Words before a program that run it (`exec mysql`, `env mysql`), and shell keywords before a command (`until redis-cli …`). */
const RUNNERS: ReadonlySet<string> = new Set(['exec', 'env', 'sudo', 'time', 'nice', 'nohup', 'command', 'if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', '(']);

/** The program a word runs: its file name (`mysql` for `/usr/bin/mysql`). */
function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Whether `word` (followed by `next`) gives `program` a literal password by the program's own short flag: mysql's `-p…`, redis-cli's `-a …`. */
function clientPassword(program: string | undefined, word: string, next: string | undefined): boolean {
  if (program === undefined) return false;
  const attached = /^-p(.+)$/.exec(word);
  if (MYSQL_CLIENT.test(program)) return attached !== null && literal(attached[1]);
  return REDIS_CLIENT.test(program) && word === '-a' && next !== undefined && literal(next);
}

/**
 * Whether words (an argument, or the words of a shell command in one) pass a credential: a flag
 * named for one with a literal value (`--password=…`, `--password …`), `user:password` for a flag
 * that takes it, an assignment of one (`DB_PASSWORD=… app`, `--set auth.password=…`), or, in a
 * shell command, a client's password flag (`mysql -p…`, `redis-cli -a …`).
 */
function wordsHoldCredential(words: readonly string[], shell = false): boolean {
  let current: string | undefined;
  // The first word of a shell command, and the first after `;`, `&&`, `||` or `|`, is a program.
  let atProgram = shell;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (atProgram && !RUNNERS.has(word) && FLAG.exec(word) === null && ASSIGNMENT.exec(word) === null) {
      current = programName(word);
      atProgram = false;
    }
    if (COMMAND_END.test(word)) atProgram = true;
    if (clientPassword(current, word, words[i + 1])) return true;
    const flag = FLAG.exec(word);
    if (flag && flag[2] !== undefined) {
      if (flag[2] !== '' && credentialValue(flag[1], flag[2])) return true;
      continue;
    }
    const next = words[i + 1];
    if (flag && next !== undefined && !next.startsWith('-') && credentialValue(flag[1], next)) return true;
    const assigned = flag ? null : ASSIGNMENT.exec(word);
    if (assigned && credentialValue(assigned[1], assigned[2])) return true;
  }
  return false;
}

/**
 * Whether one argument holds a credential on its own: a literal secret (a token, a private key, a
 * URL with a password, an HTTP credential), JSON that assigns one, or, for a shell command, the
 * credentials {@link wordsHoldCredential} finds among its words.
 */
function holdsCredential(arg: string): boolean {
  if (HTTP_CREDENTIAL.test(arg) || credentialInValue(arg) !== undefined) return true;
  if (arg.trimStart().startsWith('{') && credentialAssignment(arg) !== undefined) return true;
  return /\s/.test(arg) && wordsHoldCredential(arg.trim().split(/\s+/), true);
}

/**
 * The arguments that pass a credential on the command line, where it shows in the YAML, in Git
 * and in the process list, each as `command[i]` or `args[i]`: the value of a flag named for one
 * (`--password=…`, `--aes-key …`; not `--password-file`, `--key-size`, `--cache-key`, a path to a
 * mounted secret file, or a `$(VAR)` reference), HTTP credentials, assignments of credentials, and
 * literal secrets (tokens, private keys, URLs with a password). The command and the arguments are
 * read as the one list the container runs; entries that are not strings are skipped.
 */
export function credentialArguments(command: unknown, args: unknown): string[] {
  const list: { at: string; arg: unknown }[] = [];
  for (const [field, value] of [['command', command], ['args', args]] as const) {
    if (Array.isArray(value)) value.forEach((arg, i) => list.push({ at: `${field}[${i}]`, arg }));
  }
  const words = list.map(({ arg }) => (typeof arg === 'string' ? arg : ''));
  // The program the container runs, when the manifest names it (else the image's entrypoint).
  const program = Array.isArray(command) && typeof command[0] === 'string' ? programName(command[0]) : undefined;
  const out: string[] = [];
  list.forEach(({ at, arg }, i) => {
    if (typeof arg !== 'string') return;
    // This argument as a flag's own value, as the value after its flag, or as an assignment.
    const previous = i > 0 ? FLAG.exec(words[i - 1]) : null;
    const afterFlag = previous !== null && previous[2] === undefined && FLAG.exec(arg) === null;
    // A client's password flag: attached to this argument (`-p…`), or this argument after it (`-a …`).
    const clientFlag = clientPassword(program, arg, undefined) || (i > 0 && words[i - 1] === '-a' && clientPassword(program, '-a', arg));
    if (clientFlag || wordsHoldCredential(afterFlag ? [words[i - 1], arg] : [arg]) || holdsCredential(arg)) out.push(at);
  });
  return out;
}
