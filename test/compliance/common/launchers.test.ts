import { commandArgv, MAX_SPLITS } from '../../../src/compliance/common/launchers';

/** The program's word and the words after it, for a command line. */
const run = (entries: unknown[]) => {
  const argv = commandArgv(entries);
  return argv.words.slice(argv.program).map(w => w.text);
};

describe('commandArgv', () => {
  test.each([
    [['mysql', '-px'], ['mysql', '-px']],
    [['tini', '-p', 'SIGTERM', '--', 'mysql', '-px'], ['mysql', '-px']],
    [['env', '-i', 'PATH=/bin', '-u', 'HOME', 'mysql'], ['mysql']],
    [['exec', '-a', 'client', 'mysql'], ['mysql']],
    [['timeout', '-s', 'KILL', '-k', '5', '30', 'redis-cli', 'ping'], ['redis-cli', 'ping']],
    [['timeout', '--preserve-status', '10s', 'app'], ['app']],
    [['nice', '-n', '10', 'ionice', '-c', '3', 'app'], ['app']],
    [['gosu', 'postgres', 'postgres', '-D', '/data'], ['postgres', '-D', '/data']],
    [['su-exec', 'redis:redis', 'redis-server'], ['redis-server']],
    [['nohup', 'setsid', 'stdbuf', '-oL', 'app'], ['app']],
    [['sudo', '-u', 'app', 'app'], ['app']],
    [['dumb-init', '--', 'app'], ['app']],
  ])('runs the program after the launchers of %j', (entries, program) => {
    expect(run(entries)).toEqual(program);
  });

  test.each([
    [['env', '-S', 'mysql -px', 'extra'], ['mysql', '-px', 'extra']],
    [['env', '-Smysql -px'], ['mysql', '-px']],
    // As env reads it: quotes glued to -S in an exec-form entry (no shell removes them) make one word.
    [['env', "-S'mysql -px'"], ['mysql -px']],
    [['env', '-iS', 'A=1 mysql'], ['mysql']],
    [['env', '--split-string=mysql -px'], ['mysql', '-px']],
    [['env', '--split-string', 'mysql -px'], ['mysql', '-px']],
    [['env', '-S', '-u HOME tini -- mysql'], ['mysql']],
    [['env', '-S', "-S 'mysql -px'"], ['mysql', '-px']],
  ])('splits env -S into the words it stands for, in its place: %j', (entries, program) => {
    expect(run(entries)).toEqual(program);
  });

  test('gives each word the entry it comes from, and the ${NAME}s env expands in a split word', () => {
    const argv = commandArgv(['env', '-S', 'mysql -p${PW}', 'db']);
    expect(argv.words.map(w => [w.text, w.from, w.split])).toEqual([
      ['env', 0, undefined], ['mysql', 2, []], ['-p${PW}', 2, ['PW']], ['db', 3, undefined],
    ]);
    expect(argv.program).toBe(1);
  });

  test('stops at an entry that is not a string, and marks env -S nested beyond the bound as truncated', () => {
    expect(commandArgv(['tini', 42, 'app']).program).toBe(1);
    expect(commandArgv(['env', '-S', 'mysql']).truncated).toBeUndefined();
    let value = 'mysql -px';
    for (let i = 0; i <= MAX_SPLITS; i++) value = `env -S ${JSON.stringify(value)}`;
    expect(commandArgv(['env', '-S', value]).truncated).toBe(true);
  });
});
