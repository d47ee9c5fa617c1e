/**
 * Values written where a credential will go rather than a credential: placeholders left for the
 * reader to fill in (`<your-password>`, `YOUR_TOKEN_HERE`), which are no credential anywhere, and
 * the example values of documentation (`DB_PASSWORD=changeme`, `password: mysecretpassword`,
 * `postgres://postgres:postgres@localhost`), which no program reads from a README but which in a
 * configuration file are passwords in use: a default left unchanged.
 */

/**
 * A value left for the reader to fill in: a marker (`YOUR_…`, `…_HERE`, `REPLACE_ME`, `<…>`,
 * `TODO`) around words that say what goes there (`YOUR_PASSWORD_HERE`, `<db-password>`).
 */
const FILL_IN = /^(?:(?:YOUR|INSERT|ENTER|PUT|PASTE|REPLACE)[_-](.*)|(.*)[_-]HERE|REPLACE[_-]?ME|TODO|TBD|FIXME|<(.*)>)$/i;

/**
 * What a fill-in's marker may surround: words of letters, each in one case (`password`, `DB`,
 * `Token`), joined by separators. Digits or mixed case (`REPLACE-kq8Zr2mXv9Tq`, `<Kq8Zr2>`) are a
 * value the marker was put around, not words: a credential.
 */
const FILL_IN_WORDS = /^(?:[A-Z]?[a-z]+|[A-Z]+)(?:[-_. ]+(?:[A-Z]?[a-z]+|[A-Z]+))*$/;

/**
 * The words example credentials are made of: what the value stands for (`password`, `token`),
 * words that say it is an example (`changeme`, Java's `changeit`, Redis's `foobared`, `dummy`) and
 * the words around them (`my`, `your`, `super`).
 */
const EXAMPLE_WORDS: readonly string[] = [
  'password', 'passwd', 'passphrase', 'pass', 'pwd', 'pw', 'secret', 'secrets', 'token', 'tokens', 'key', 'keys', 'api',
  'access', 'auth', 'private', 'credential', 'credentials',
  'change', 'me', 'it', 'example', 'sample', 'dummy', 'fake', 'test', 'demo', 'placeholder', 'redacted', 'replace',
  'foo', 'bar', 'baz', 'qux', 'foobared', 'here', 'value', 'default',
  'my', 'your', 'our', 'the', 'a', 'some', 'super', 'very', 'strong', 'new', 'own',
];

/** Longest value read as an example: longer ones are not the short words examples are. */
const MAX_EXAMPLE_LENGTH = 48;

/** Whether a value is left for the reader to fill in (`<password>`, `YOUR_TOKEN_HERE`, `REPLACE_ME`): no credential anywhere. */
export function isFillIn(value: string): boolean {
  const m = FILL_IN.exec(value);
  if (m === null) return false;
  const words = m[1] ?? m[2] ?? m[3];
  return words === undefined || (words.length <= MAX_EXAMPLE_LENGTH && FILL_IN_WORDS.test(words));
}

/**
 * Whether a value given to `name` reads as documentation's example of a credential: a fill-in, no
 * letter or digit at all (`...`), or nothing but example words and the words of the name itself,
 * case, separators and trailing digits ignored (`changeme`, `my-secret-password`, `password123`,
 * `postgres` for `POSTGRES_PASSWORD` or the user `postgres`). Meant for documentation only: in a
 * configuration file such a value is a weak password in use.
 */
export function isExampleValue(value: string, name = ''): boolean {
  if (isFillIn(value)) return true;
  const compact = value.toLowerCase().replace(/[^a-z0-9]+/g, '');
  if (compact === '') return true;
  if (compact.length > MAX_EXAMPLE_LENGTH) return false;
  const letters = compact.replace(/[0-9]+$/, '');
  if (letters === '' || /[0-9]/.test(letters)) return false;
  const own = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w.length > 1);
  return isMadeOf(letters, [...EXAMPLE_WORDS, ...own, own.join('')]);
}

/** Whether `text` is a run of `words`, each used any number of times. */
function isMadeOf(text: string, words: readonly string[]): boolean {
  const reachable = new Array<boolean>(text.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < text.length; i++) {
    if (!reachable[i]) continue;
    for (const w of words) if (w !== '' && text.startsWith(w, i)) reachable[i + w.length] = true;
  }
  return reachable[text.length];
}
