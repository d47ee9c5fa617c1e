import { scriptFileCommand, shebangShell, shellCommand } from '../../../src/compliance/common/shell-command';

describe('shellCommand: the entry that holds the script', () => {
  test.each([
    [['sh', '-c', 'x'], 2],
    [['/bin/sh', '-c', 'x'], 2],
    [['bash', '-ec', 'x'], 2],
    [['bash', '-e', '-o', 'pipefail', '-c', 'x'], 5],
    [['/usr/bin/env', 'bash', '-c', 'x'], 3],
    [['busybox', 'sh', '-c', 'x'], 3],
    [['dash', '-c', '--', 'x'], 3],
    [['zsh', '-c', 'x', 'arg0'], 2],
    [['env', '-i', 'sh', '-c', 'x'], 4],
    [['env', 'PATH=/bin', 'HOME=/tmp', 'sh', '-c', 'x'], 5],
    [['env', '-u', 'NAME', 'sh', '-c', 'x'], 5],
    [['/usr/bin/env', '-iu', 'NAME', '--unset', 'OTHER', '-C', '/tmp', 'bash', '-c', 'x'], 9],
    [['env', '-uNAME', '--unset=OTHER', '--chdir=/tmp', '--', 'sh', '-c', 'x'], 7],
    [['tini', '-p', 'SIGTERM', '--', 'sh', '-c', 'x'], 6],
    [['dumb-init', '--rewrite', '15:2', 'sh', '-c', 'x'], 5],
  ])('finds the script a shell runs with -c: %j', (line, index) => {
    expect(shellCommand(line)?.script).toBe(index);
  });

  test.each([
    [['sh', '/scripts/run.sh']],
    [['bash', '-e', '/scripts/run.sh']],
    [['python', '-c', 'print(1)']],
    [['sh', '-c']],
    [[]],
    [['env', '-u', 'sh', 'bash', '/run.sh']],
    [['env', '-C', 'sh', 'python', '-c', 'x']],
  ])('finds none where no shell runs a -c script: %j', line => {
    expect(shellCommand(line)?.script).toBeUndefined();
  });
});

describe('shellCommand', () => {
  test('names the shell that runs the script', () => {
    expect(shellCommand(['/usr/bin/env', '-u', 'HISTFILE', 'zsh', '-c', 'x'])).toMatchObject({ script: 5, shell: 'zsh', text: 'x' });
    expect(shellCommand(['/bin/bash', '-ec', 'x'])).toMatchObject({ script: 2, shell: 'bash', text: 'x' });
  });

  test('gives the words after the script, which it reads as $0, $1, …', () => {
    expect(shellCommand(['sh', '-c', 'exec "$@"', 'sh', 'app', '--port=8080'])?.args.map(w => w.text)).toEqual(['sh', 'app', '--port=8080']);
  });

  test('reads -o and a cluster ending in o as taking the next word (bash -euo pipefail -c …)', () => {
    expect(shellCommand(['bash', '-euo', 'pipefail', '-c', 'x'])).toMatchObject({ script: 4, text: 'x' });
    expect(shellCommand(['bash', '-e', '-o', 'pipefail', '-O', 'extglob', '-c', 'x'])).toMatchObject({ script: 7, text: 'x' });
  });

  test('follows the command line env splits out of one word (-S, -S…, --split-string), at the entry that holds it', () => {
    expect(shellCommand(['env', '-S', 'sh -c', 'x'])).toMatchObject({ script: 3, text: 'x' });
    expect(shellCommand(['env', '-iS', 'sh -c', 'x'])).toMatchObject({ script: 3, text: 'x' });
    expect(shellCommand(['env', '--split-string=sh -c', 'x'])).toMatchObject({ script: 2, text: 'x' });
    expect(shellCommand(['env', "-S'sh' -c 'mysql -p\"$P\"'"])).toMatchObject({ script: 1, shell: 'sh', text: 'mysql -p"$P"' });
    expect(shellCommand(['/usr/bin/env', '--split-string', 'bash -e -c "app --port=8080"'])).toMatchObject({ script: 2, shell: 'bash', text: 'app --port=8080' });
  });
});

describe('scriptFileCommand', () => {
  test.each([
    [['/scripts/run.sh'], { file: 0, name: '/scripts/run.sh' }],
    [['/scripts/run.sh', 'arg'], { file: 0, name: '/scripts/run.sh' }],
    [['tini', '--', '/scripts/run.sh'], { file: 2, name: '/scripts/run.sh' }],
    [['sh', '/scripts/run.sh'], { file: 1, name: '/scripts/run.sh', shell: 'sh' }],
    [['/bin/bash', '-e', '-o', 'pipefail', '/scripts/run.sh', 'arg'], { file: 4, name: '/scripts/run.sh', shell: 'bash' }],
    [['bash', '--noprofile', '--rcfile', '/etc/rc', 'run.sh'], { file: 4, name: 'run.sh', shell: 'bash' }],
    [['env', '-u', 'X', 'dash', '--', '-run.sh'], { file: 5, name: '-run.sh', shell: 'dash' }],
    [['bash', '-euo', 'pipefail', '/scripts/run.sh'], { file: 3, name: '/scripts/run.sh', shell: 'bash' }],
    [['env', '-S', 'sh /scripts/run.sh'], { file: 2, name: '/scripts/run.sh', shell: 'sh' }],
    [['timeout', '-s', 'KILL', '30', '/scripts/run.sh'], { file: 4, name: '/scripts/run.sh' }],
  ])('%j runs the file at %j', (words, expected) => {
    expect(scriptFileCommand(words)).toEqual(expected);
  });

  test.each([
    [['sh', '-c', '/scripts/run.sh']],
    [['bash', '-ec', 'x']],
    [['sh', '-s', 'arg']],
    [['sh']],
    [['sh', '-e']],
    [[]],
    [[42]],
  ])('%j runs no file', words => {
    expect(scriptFileCommand(words)).toBeUndefined();
  });
});

describe('shebangShell', () => {
  test.each([
    ['#!/bin/sh\necho', 'sh'],
    ['#! /bin/bash -e\n', 'bash'],
    ['#!/usr/bin/env bash', 'bash'],
    ['#!/usr/bin/env -S bash -e\n', 'bash'],
    ['#!/usr/bin/env LC_ALL=C zsh\n', 'zsh'],
  ])('%j names %s', (text, shell) => {
    expect(shebangShell(text)).toBe(shell);
  });

  test.each([['#!/usr/bin/env python3\n'], ['#!/usr/bin/perl\n'], ['echo hi\n'], [' #!/bin/sh\n'], ['#!\n']])('%j names no shell', text => {
    expect(shebangShell(text)).toBeUndefined();
  });
});
