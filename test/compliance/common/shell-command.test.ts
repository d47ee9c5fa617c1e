import { scriptFileCommand, shebangShell, shellCommand, shellScriptIndex } from '../../../src/compliance/common/shell-command';

describe('shellScriptIndex', () => {
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
    expect(shellScriptIndex(line)).toBe(index);
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
    expect(shellScriptIndex(line)).toBeUndefined();
  });
});

describe('shellCommand', () => {
  test('names the shell that runs the script', () => {
    expect(shellCommand(['/usr/bin/env', '-u', 'HISTFILE', 'zsh', '-c', 'x'])).toEqual({ script: 5, shell: 'zsh' });
    expect(shellCommand(['/bin/bash', '-ec', 'x'])).toEqual({ script: 2, shell: 'bash' });
  });

  test('follows no command line env splits out of one word (-S, --split-string)', () => {
    expect(shellCommand(['env', '-S', 'sh -c', 'x'])).toBeUndefined();
    expect(shellCommand(['env', '-iS', 'sh -c', 'x'])).toBeUndefined();
    expect(shellCommand(['env', '--split-string=sh -c', 'x'])).toBeUndefined();
  });
});

describe('scriptFileCommand', () => {
  test.each([
    [['/scripts/run.sh'], { file: 0 }],
    [['/scripts/run.sh', 'arg'], { file: 0 }],
    [['tini', '--', '/scripts/run.sh'], { file: 2 }],
    [['sh', '/scripts/run.sh'], { file: 1, shell: 'sh' }],
    [['/bin/bash', '-e', '-o', 'pipefail', '/scripts/run.sh', 'arg'], { file: 4, shell: 'bash' }],
    [['bash', '--noprofile', '--rcfile', '/etc/rc', 'run.sh'], { file: 4, shell: 'bash' }],
    [['env', '-u', 'X', 'dash', '--', '-run.sh'], { file: 5, shell: 'dash' }],
  ])('%j runs the file at %j', (words, expected) => {
    expect(scriptFileCommand(words)).toEqual(expected);
  });

  test.each([
    [['sh', '-c', '/scripts/run.sh']],
    [['bash', '-ec', 'x']],
    [['sh', '-s', 'arg']],
    [['sh']],
    [['sh', '-e']],
    [['env', '-S', 'sh /scripts/run.sh']],
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
