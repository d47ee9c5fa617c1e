import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runners } from './helpers';

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe.each(runners())('cdk8s-soc2 usage (%s)', (_runner, run) => {
  test('without a command it exits 2 and names the commands', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-soc2: choose a command: check, controls, explain, report, diagram, diff\nRun "cdk8s-soc2 --help" for usage.\n');
  });

  test('--help lists every command and the exit codes, and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['check', 'controls', 'explain', 'report', 'diagram', 'diff']) expect(r.stdout).toContain(`cdk8s-soc2 ${command}`);
    expect(r.stdout).toContain('Exit codes: 0 clean, 1 findings');
    expect(r.stderr).toBe('');
  });

  test('check --help documents its options', async () => {
    const r = await run(['check', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--format', '--output', '--severity', '--control', '--skip', '--config', '--max-file-size']) expect(r.stdout).toContain(option);
  });

  test('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  test('a misspelt command exits 2 with a suggestion', async () => {
    const r = await run(['chek', 'dist']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-soc2: unknown command "chek"; did you mean "check"?\nRun "cdk8s-soc2 --help" for usage.\n');
  });

  test('an unknown flag exits 2 with the closest option of the command', async () => {
    const r = await run(['check', 'test/fixtures/bad', '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cdk8s-soc2: unknown option --formt; did you mean "--format"?\nRun "cdk8s-soc2 check --help" for usage.\n');
  });

  test('an unknown flag without a close match exits 2 without a suggestion', async () => {
    const r = await run(['controls', '--zzzzzz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-soc2: unknown option --zzzzzz\nRun "cdk8s-soc2 controls --help" for usage\.\n$/);
  });

  test('an invalid choice exits 2 and lists the valid ones on one line', async () => {
    const r = await run(['check', 'test/fixtures/bad', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: invalid value "xml" for --format; choose from text, json, sarif, markdown');
  });

  test('an option without its value exits 2', async () => {
    const r = await run(['check', 'test/fixtures/bad', '--severity']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: --severity needs a value');
    const short = await run(['check', 'test/fixtures/bad', '-o']);
    expect(short.stderr.split('\n')[0]).toBe('cdk8s-soc2: -o needs a value');
  });

  test('an unexpected positional argument exits 2', async () => {
    const r = await run(['controls', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: unexpected argument "extra" for controls');
  });

  test('an option that takes one value, given twice, exits 2 instead of being read as a list', async () => {
    for (const [args, option] of [
      [['check', 'test/fixtures/bad', '--severity', 'high', '--severity', 'high'], 'severity'],
      [['check', 'test/fixtures/bad', '-f', 'json', '--format', 'json'], 'format'],
      [['diff', 'dist', 'dist', '--fail-on', 'any', '--fail-on', 'any'], 'fail-on'],
      [['controls', '--criterion', 'CC6.7', '--criterion', 'CC6.1'], 'criterion'],
      [['report', 'dist', '-o', 'a.md', '-o', 'b.md'], 'output'],
    ] as const) {
      const r = await run([...args]);
      expect([option, r.code, r.stderr.split('\n')[0]]).toEqual([option, 2, `cdk8s-soc2: --${option} is given 2 times; give it once`]);
      expect(r.stdout).toBe('');
    }
  });

  test('--control and --skip may be repeated', async () => {
    const r = await run(['check', 'test/fixtures/bad/privileged-pod.yaml', '--control', 'pod-no-privileged', '--control', 'pod-run-as-non-root', '--format', 'json']);
    expect(r.code).toBe(1);
    expect([...new Set(JSON.parse(r.stdout).findings.map((f: any) => f.controlId))].sort()).toEqual(['pod-no-privileged', 'pod-run-as-non-root']);
  });

  test('paths after -- are paths, even when they start with -; an empty path is refused', async () => {
    const r = await run(['check', '--format', 'json', '--', 'test/fixtures/bad/privileged-pod.yaml', 'test/fixtures/bad/host-path.yaml']);
    expect(r.code).toBe(1);
    expect(new Set(JSON.parse(r.stdout).findings.map((f: any) => f.object.source.file).filter(Boolean))).toEqual(new Set(['test/fixtures/bad/privileged-pod.yaml', 'test/fixtures/bad/host-path.yaml']));
    const empty = await run(['check', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr.split('\n')[0]).toBe('cdk8s-soc2: check was given an empty path (an unset variable?); name a file, a directory, or - for stdin (use . for the current directory)');
  });

  test('a selection of controls that leaves none, or an empty --control, exits 2', async () => {
    for (const [args, message] of [
      [['check', 'dist', '--control', 'pod-no-privileged', '--skip', 'pod-no-privileged'], '--control, --skip and --severity together leave no control to run'],
      [['check', 'dist', '--severity', 'critical', '--control', 'pod-run-as-non-root'], '--control, --skip and --severity together leave no control to run'],
      [['check', 'dist', '--control', ''], '--control needs a control id (run "cdk8s-soc2 controls" to list them)'],
      [['check', 'dist', '--skip', ','], '--skip needs a control id (run "cdk8s-soc2 controls" to list them)'],
    ] as const) {
      const r = await run([...args]);
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `cdk8s-soc2: ${message}`]);
    }
  });

  test('an empty file name for --output, --config or --json exits 2 before anything is written', async () => {
    for (const [args, message] of [
      [['check', 'dist', '-o', ''], '--output is empty (an unset variable?); name a file, or - for stdout'],
      [['check', 'dist', '--config', ''], '--config is empty (an unset variable?); name a file'],
      [['report', 'dist', '--json', ''], '--json is empty (an unset variable?); name a file, or - for stdout'],
    ] as const) {
      const r = await run([...args]);
      expect([r.code, r.stderr.split('\n')[0], r.stdout]).toEqual([2, `cdk8s-soc2: ${message}`, '']);
    }
  });

  test('stdin cannot be both the config and a side of a diff', async () => {
    for (const args of [['diff', 'dist', '-', '--config', '-'], ['diff', '-', 'dist', '--config', '-']]) {
      const r = await run(args, { stdin: '{}' });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: stdin cannot be both the config (--config -) and an input (-)');
    }
  });

  test('no error ever prints a stack trace', async () => {
    for (const args of [[], ['chek'], ['check'], ['check', 'nope'], ['explain', 'nope'], ['check', '.', '--max-file-size', 'lots']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
  });
});
