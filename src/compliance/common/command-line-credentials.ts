import { credentialAssignment } from './config-file-credentials';
import { cannotBeSecret, credentialInValue, isCredentialName } from './credentials';
import { Argv, commandArgv, programName } from './launchers';
import { shellCommand } from './shell-command';

/** How {@link credentialArguments} reads a command line. */
export interface CommandLineOptions {
  /**
   * The mount paths of the container's volumes: a value at or under one (`/secrets`, `/db-pass`
   * mounted with subPath) is a path even when it has one segment only.
   * @default - none: only a value of two or more path segments, or a key or certificate file name, is a path
   */
  readonly mountPaths?: readonly string[];
}

/** How the words being read reach the program: as exec-form arguments, or as words of a shell script the shell expands. */
interface Reading {
  readonly shell: boolean;
  readonly mountPaths: readonly string[];
}

/** A command-line flag and its value: `--name=value`, or `--name` alone (its value, if any, is the next argument). */
const FLAG = /^--?([A-Za-z0-9_.-]+)(?:=([^]*))?$/;

/** Last words of a name whose value is about a credential rather than the credential (`--password-file`, `--key-size`, `credential.helper`). */
const ABOUT_A_CREDENTIAL: ReadonlySet<string> = new Set([
  'file', 'path', 'dir', 'size', 'bits', 'length', 'ttl', 'timeout', 'issuer', 'audience', 'url', 'uri', 'endpoint', 'host', 'port',
  'name', 'id', 'type', 'mode', 'algorithm', 'alg', 'header', 'enabled', 'format', 'ref', 'count', 'version', 'interval', 'expiry',
  'expiration', 'prefix', 'stdin', 'env', 'var', 'store', 'auth', 'rotation', 'refresh', 'helper', 'namespace', 'audiences', 'tokens',
  'policy', 'variable', 'source', 'command', 'cmd', 'location',
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

/** Credential words that, before `key` or `secret`, make a name that locates the credential (`--password-key`, `--password-secret`). */
const LOCATED: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'credential', 'credentials', 'token']);

/** The syntax of a Secret's name and of its data keys (`db-password`, `db.password`, `tls.key`). */
const SECRET_KEY_SYNTAX = /^[-._a-zA-Z0-9]{1,253}$/;

/**
 * Whether a flag's name says its value locates a credential rather than holds it: a Secret's data
 * key (`--password-key`, `--password-secret-key`, `--token-key`) or a Secret (`--password-secret`,
 * `--password-from-secret`, `--credentials-secret`). Not `--secret-key` (S3 and MinIO clients' secret key), and not
 * `--token-secret` (an OAuth 1 token secret), which are credentials.
 */
function locatesCredential(words: readonly string[]): boolean {
  const n = words.length;
  if (n >= 3 && words[n - 2] === 'secret' && words[n - 1] === 'key') return LOCATED.has(words[n - 3]);
  if (n >= 3 && words[n - 2] === 'from' && words[n - 1] === 'secret') return LOCATED.has(words[n - 3]);
  if (n >= 2 && words[n - 1] === 'key') return LOCATED.has(words[n - 2]);
  return n >= 2 && words[n - 1] === 'secret' && LOCATED.has(words[n - 2]) && words[n - 2] !== 'token';
}

/**
 * Whether a value given to a {@link locatesCredential locating} flag is a credential all the same:
 * not the name of a Secret or a data key (`+`, `/`, `=` of base64), or a random string of 16 or
 * more letters and digits without separators (a signing key: `az ams content-key-policy create
 * --token-key` takes one).
 */
function notALocation(value: string): boolean {
  if (!SECRET_KEY_SYNTAX.test(value)) return true;
  return value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !/[-_.]/.test(value);
}

function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w !== '');
}

/** Last words after a credential word that name the credential's own material (`--key-data`, `--secret-value`, `--token-string`). */
const MATERIAL: ReadonlySet<string> = new Set(['value', 'data', 'content', 'material', 'pem', 'string', 'text', 'literal', 'base64', 'b64']);

/**
 * Whether a flag's or setting's name says its value is a credential (not `existingSecret`, which
 * names a Secret). A flag of several words is named for a credential by its last word
 * (`--admin-password`, `--api-key`, `--auth-jwt`, or the material after one: `--key-data`); a
 * credential word before another last word makes the flag about something else
 * (`--secret-field-selector`, `--token-refresh-period`). An assignment's name is read as an
 * environment variable's (`SECRET_KEY_BASE`).
 */
function namesCredential(name: string, flag: boolean): boolean {
  const words = wordsOf(name);
  const n = words.length;
  const last = words[n - 1];
  if (last === undefined || ABOUT_A_CREDENTIAL.has(last) || words.includes('existing')) return false;
  if (last === 'key' && n > 1 && DATA_KEYS.has(words[n - 2])) return false;
  if (CREDENTIAL_NOUNS.has(last) || /pwd|passw/.test(last)) return true;
  if (!flag || n === 1) return isCredentialName(name);
  return isCredentialName(last) || (MATERIAL.has(last) && (CREDENTIAL_NOUNS.has(words[n - 2]) || isCredentialName(words[n - 2])));
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

/** Characters of a file path (no spaces, quotes, `$`, `#`, `!` or `&`, which a password may hold). */
const PATH = /^(?:\/[\w.@:+,=~%-]*)+$/;
/** A file name a key or certificate is kept in, right under `/` (`/tls.key`). */
const KEY_FILE = /\.(?:key|pem|crt|cert|cer|der|p8|p12|pfx|jks|keystore|truststore|keytab|asc|gpg)$/i;

/**
 * Whether a value that starts with `/` is a path (a mounted secret file) rather than a password
 * that starts with `/`: it holds only path characters, and it has two segments or more
 * (`/etc/app/key`), ends in a key or certificate file name (`/tls.key`), or lies at or under a
 * mount path of the container (`/secrets`).
 */
function isPath(value: string, mountPaths: readonly string[]): boolean {
  if (!PATH.test(value)) return false;
  if (value.split('/').filter(s => s !== '').length >= 2 || KEY_FILE.test(value)) return true;
  return mountPaths.some(m => m !== '' && m !== '/' && (value === m || value.startsWith(m.endsWith('/') ? m : `${m}/`)));
}

/**
 * A reference Kubernetes expands in exec-form arguments (`$(NAME)`), or a placeholder of one
 * (`${NAME}`, a whole `$NAME`): in exec form nothing else is expanded, so `pa$$w0rd` is literal.
 */
const EXEC_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*\}|^\$[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether a value can be a literal secret: not empty or a boolean, not a {@link isPath path} (a
 * mounted secret file) or any other {@link NAMES_A_SOURCE source} of one, and not anything that
 * is expanded: in a shell script any `$` or backtick (`$VAR`, `${VAR}`, `$(cat …)`), in exec-form
 * arguments a `$(VAR)` Kubernetes expands or a `${VAR}` placeholder.
 */
function literal(value: string, reading: Reading): boolean {
  const v = unquoted(value);
  if (cannotBeSecret(v) || (v.startsWith('/') && isPath(v, reading.mountPaths)) || NAMES_A_SOURCE.test(v)) return false;
  return reading.shell ? !v.includes('$') && !v.includes('`') : !EXEC_REFERENCE.test(v);
}

/** Whether the value given to a flag (`flag`), or assigned to a name, is a credential. */
function credentialValue(name: string, value: string, reading: Reading, flag = false): boolean {
  if (!literal(value, reading)) return false;
  const v = unquoted(value);
  // openssl's pass phrase arguments: `-passin pass:…` is the password; file:, env:, fd: and stdin are sources.
  const pass = /^pass:([^]+)$/.exec(v);
  if (pass && /pass/i.test(name)) return true;
  if (USER_PASSWORD_FLAG.test(name) && USER_PASSWORD.test(v)) return true;
  const assigned = ASSIGNMENT.exec(v);
  if (assigned && credentialValue(assigned[1], assigned[2], reading)) return true;
  if (locatesCredential(wordsOf(name))) return notALocation(v);
  return namesCredential(name, flag);
}

/** MySQL and MariaDB clients, whose `-p<password>` takes the password attached (`-p` alone prompts for it). */
const MYSQL_CLIENT = /^(?:mysql|mysqladmin|mysqldump|mysqlimport|mysqlcheck|mysqlshow|mariadb|mariadb-admin|mariadb-dump)$/;
/** Redis clients, whose `-a <password>` takes the password. */
const REDIS_CLIENT = /^(?:redis-cli|valkey-cli|keydb-cli)$/;
/** Programs whose `-p <password>` takes the password: sshpass, the MongoDB shells and tools, and RabbitMQ's rabbitmqadmin (`-p` is their `--password`). */
const P_PASSWORD_CLIENT = /^(?:sshpass|mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop|mongofiles|rabbitmqadmin)$/;
/** MQTT clients, whose `-P <password>` takes the password: Mosquitto's (`mosquitto_pub`, `_sub`, `_rr`) and the MQTTX CLI. */
const MQTT_CLIENT = /^(?:mosquitto_pub|mosquitto_sub|mosquitto_rr|mqttx)$/;
/** Words that end a shell command, so that the next word is a program. */
const COMMAND_END = /(?:;|&&|\|)$/;
/** Words before a program that run it (`exec mysql`, `env mysql`), and shell keywords before a command (`until redis-cli …`). */
const RUNNERS: ReadonlySet<string> = new Set(['exec', 'env', 'sudo', 'time', 'nice', 'nohup', 'command', 'if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', '(']);


/**
 * Programs whose `login` command takes the password by `-p <password>`, as their documentation
 * gives it: `az login` and `az acr login`, `docker login` (and podman, buildah, skopeo, nerdctl),
 * `helm registry login`, `oras login`, `oc login`, `cf login`. Elsewhere their `-p` is another
 * option (`docker run -p 8080:80`, `az storage fs file upload -p <path>`).
 */
const LOGIN_CLIENT = /^(?:az|docker|podman|buildah|skopeo|nerdctl|helm|oras|oc|cf)$/;

/**
 * Whether `word` gives `program` a literal password attached to the program's own short flag:
 * mysql's and sshpass's `-p…`, and `-p=…` or `-p…` of a login command (their flag parsers,
 * pflag and argparse, read both as the value of `-p`).
 */
function attachedPassword(program: string | undefined, word: string, reading: Reading, login: boolean): boolean {
  if (program === undefined) return false;
  const attached = /^-p(.+)$/.exec(word);
  if (attached === null) return false;
  if (MYSQL_CLIENT.test(program) || program === 'sshpass') return literal(attached[1], reading);
  if (!login || !LOGIN_CLIENT.test(program)) return false;
  return literal(attached[1].startsWith('=') ? attached[1].slice(1) : attached[1], reading);
}

/**
 * Whether `word` is a program's own short flag whose next argument is the password: redis-cli's
 * `-a`, sshpass's, the MongoDB tools' and rabbitmqadmin's `-p`, the MQTT clients' `-P`, `-p` of a login command.
 */
function passwordFlag(program: string | undefined, word: string, login: boolean): boolean {
  if (program === undefined) return false;
  if (word === '-a') return REDIS_CLIENT.test(program);
  if (word === '-P') return MQTT_CLIENT.test(program);
  return word === '-p' && (P_PASSWORD_CLIENT.test(program) || (login && LOGIN_CLIENT.test(program)));
}

/**
 * Whether words (an argument, or the words of a shell command in one) pass a credential: a flag
 * named for one with a literal value (`--password=…`, `--password …`), `user:password` for a flag
 * that takes it, an assignment of one (`DB_PASSWORD=… app`, `--set auth.password=…`), or, in a
 * shell command, a client's password flag (`mysql -p…`, `redis-cli -a …`).
 */
function wordsHoldCredential(words: readonly string[], reading: Reading): boolean {
  let current: string | undefined;
  let login = false;
  // The first word of a shell command, and the first after `;`, `&&`, `||` or `|`, is a program.
  let atProgram = reading.shell;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (atProgram && !RUNNERS.has(word) && FLAG.exec(word) === null && ASSIGNMENT.exec(word) === null) {
      current = programName(word);
      login = false;
      atProgram = false;
    } else if (word === 'login' && current !== undefined) {
      login = true;
    }
    if (COMMAND_END.test(word)) atProgram = true;
    if (attachedPassword(current, word, reading, login)) return true;
    if (passwordFlag(current, word, login) && next !== undefined && literal(next, reading)) return true;
    const flag = FLAG.exec(word);
    if (flag && flag[2] !== undefined) {
      if (flag[2] !== '' && credentialValue(flag[1], flag[2], reading, true)) return true;
      continue;
    }
    if (flag && next !== undefined && !next.startsWith('-') && credentialValue(flag[1], next, reading, true)) return true;
    const assigned = flag ? null : ASSIGNMENT.exec(word);
    if (assigned && credentialValue(assigned[1], assigned[2], reading)) return true;
  }
  return false;
}

/**
 * Whether one argument holds a credential on its own: a literal secret (a token, a private key, a
 * URL with a password, an HTTP credential), JSON that assigns one, or, for a shell command (a
 * shell's -c `script`, or an argument with spaces), the credentials {@link wordsHoldCredential}
 * finds among its words.
 */
function holdsCredential(arg: string, mountPaths: readonly string[], script = false): boolean {
  if (HTTP_CREDENTIAL.test(arg) || credentialInValue(arg) !== undefined) return true;
  if (arg.trimStart().startsWith('{') && credentialAssignment(arg) !== undefined) return true;
  return (script || /\s/.test(arg)) && wordsHoldCredential(arg.trim().split(/\s+/), { shell: true, mountPaths });
}

/** How {@link argvCredentials} reads a command line's words. */
export interface ArgvReading {
  /** Whether they are the words of a shell command, where any `$` or backtick is expanded (else exec-form arguments, where only `$(VAR)` is). */
  readonly shell: boolean;
  /** The mount paths of the container's volumes (see {@link CommandLineOptions.mountPaths}). */
  readonly mountPaths: readonly string[];
  /**
   * Whether the program the words run is known: false for a container's args without a command,
   * which its image's entrypoint gets.
   * @default true
   */
  readonly program?: boolean;
}

/**
 * The indexes among a command line's words (as {@link commandArgv} reads them) of those that pass
 * a credential: the value of a flag named for one, a client's password flag of the program the
 * launchers run, an assignment, a literal secret; for a shell's -c script, the credentials among its
 * whitespace-separated words. Words env's `-S` split out of an entry are read as exec-form
 * arguments (env expands only `${NAME}`), unless the words are a shell command's.
 */
export function argvCredentials(argv: Argv, reading: ArgvReading): number[] {
  const list = argv.words;
  const words = list.map(w => w.text);
  const program = reading.program !== false && argv.program < list.length ? programName(words[argv.program]) : undefined;
  const script = shellCommand([], argv)?.at;
  const loginAt = words.indexOf('login', argv.program + 1);
  const out: number[] = [];
  list.forEach((w, i) => {
    if (w.invalid) return;
    const arg = w.text;
    const exec: Reading = { shell: reading.shell, mountPaths: reading.mountPaths };
    if (i === script) {
      if (holdsCredential(arg, reading.mountPaths, true)) out.push(i);
      return;
    }
    // This argument as a flag's own value, as the value after its flag, or as an assignment.
    const previous = i > 0 ? FLAG.exec(words[i - 1]) : null;
    const afterFlag = previous !== null && previous[2] === undefined && FLAG.exec(arg) === null;
    // A client's password flag: attached to this argument (`-p…`), or this argument after it (`-a …`, `login … -p …`).
    const login = loginAt > 0 && loginAt < i;
    const clientFlag = attachedPassword(program, arg, exec, login) || (i > 0 && passwordFlag(program, words[i - 1], login) && literal(arg, exec));
    if (clientFlag || wordsHoldCredential(afterFlag ? [words[i - 1], arg] : [arg], exec) || holdsCredential(arg, reading.mountPaths)) out.push(i);
  });
  return out;
}

/**
 * Text that may name a client {@link clientPasswords} reads (a MySQL, Redis, MongoDB, RabbitMQ or
 * MQTT client, sshpass, a `login`): without it, a text gives no client a password by its own flag. An
 * alternation of plain words, which a regular expression reads in linear time.
 */
const CLIENT_MENTION = /mysql|mariadb|redis-cli|valkey-cli|keydb-cli|sshpass|mongo|rabbitmqadmin|mosquitto_|mqttx|login/;

/** Whether a text may give a client a password by the client's own flag: whether it names one (see {@link clientPasswords}). */
export function mayNameClient(text: string): boolean {
  return CLIENT_MENTION.test(text);
}

/** Whether a program takes a password by a short flag of its own (`mysql -p…`, `redis-cli -a …`, `docker login -p …`). */
function takesPasswordFlag(program: string): boolean {
  return MYSQL_CLIENT.test(program) || REDIS_CLIENT.test(program) || P_PASSWORD_CLIENT.test(program) || MQTT_CLIENT.test(program) || LOGIN_CLIENT.test(program);
}

/**
 * The indexes among the words of one shell command (as {@link commandArgv} reads them) of those
 * that give a literal password to a client's own short flag (`mysql -p…`, `redis-cli -a …`, `-p`
 * of a login), where the program the launchers run is that client, and of those with spaces in
 * which such a client command is written (`watch 'mysql -p…'`). The rest of what
 * {@link argvCredentials} finds (flags named for a credential, assignments, tokens) does not
 * depend on which program runs: the whitespace-separated words of the script hold it already.
 */
export function clientPasswords(argv: Argv, reading: ArgvReading): number[] {
  const words = argv.words.map(w => w.text);
  const program = argv.program < words.length ? programName(words[argv.program]) : undefined;
  const client = program !== undefined && takesPasswordFlag(program) ? program : undefined;
  const loginAt = client === undefined ? -1 : words.indexOf('login', argv.program + 1);
  const exec: Reading = { shell: reading.shell, mountPaths: reading.mountPaths };
  const out: number[] = [];
  words.forEach((arg, i) => {
    const login = loginAt > 0 && loginAt < i;
    const own = client !== undefined && i > argv.program
      && (attachedPassword(client, arg, exec, login) || (passwordFlag(client, words[i - 1], login) && literal(arg, exec)));
    if (own || (/\s/.test(arg) && clientPasswords(commandArgv(arg.trim().split(/\s+/)), reading).length > 0)) out.push(i);
  });
  return out;
}

/**
 * The arguments that pass a credential on the command line, where it shows in the YAML, in Git
 * and in the process list, each as `command[i]` or `args[i]`: the value of a flag named for one
 * (`--password=…`, `--aes-key …`; not `--password-file`, `--key-size`, `--cache-key`, a path to a
 * mounted secret file, a Secret or data key a flag such as `--password-key` names, or a `$(VAR)`
 * reference), a client's password flag (`mysql -p…`, `redis-cli -a …`, `-p …`, `-p=…` or `-p…` of `az login`,
 * `docker login`, …) of the program the launchers run (`tini -- mysql -p…`, `timeout 5 redis-cli -a …`),
 * openssl's `pass:…`, HTTP credentials, assignments of credentials, and literal secrets (tokens,
 * private keys, URLs with a password). The command and the arguments are read as the one list the
 * container runs, with the command line env's `-S` splits out of an entry (`env -S 'mysql -p…'`)
 * read in its place, as that entry; entries that are not strings are skipped.
 */
export function credentialArguments(command: unknown, args: unknown, options: CommandLineOptions = {}): string[] {
  const mountPaths = Array.isArray(options.mountPaths) ? options.mountPaths.filter(m => typeof m === 'string') : [];
  const at: string[] = [];
  const entries: unknown[] = [];
  for (const [field, value] of [['command', command], ['args', args]] as const) {
    if (Array.isArray(value)) value.forEach((arg, i) => {
      at.push(`${field}[${i}]`);
      entries.push(arg);
    });
  }
  // The program the container runs, when the manifest names it (else the image's entrypoint).
  const named = Array.isArray(command) && typeof command[0] === 'string';
  const argv = commandArgv(entries);
  const found = new Set(argvCredentials(argv, { shell: false, mountPaths, program: named }).map(i => argv.words[i].from));
  return [...found].sort((a, b) => a - b).map(i => at[i]);
}
