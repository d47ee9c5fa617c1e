import { commandLines, secretVariables } from '../../../../../src/compliance/controls/workload/private/command-lines';

const ref = { valueFrom: { secretKeyRef: { name: 's', key: 'k' } } };

describe('secretVariables', () => {
  test('holds env vars from a Secret and those whose value expands one, in the order Kubernetes defines them', () => {
    const vars = secretVariables({ env: [
      { name: 'EARLY', value: '$(PASS)' },
      { name: 'PASS', ...ref },
      { name: 'URL', value: 'redis://:$(PASS)@redis:6379' },
      { name: 'ESCAPED', value: '$$(PASS)' },
      { name: 'REPLACED', ...ref },
      { name: 'REPLACED', value: 'plain' },
    ] });
    expect(['EARLY', 'PASS', 'URL', 'ESCAPED', 'REPLACED'].filter(n => vars.has(n))).toEqual(['PASS', 'URL']);
    expect(vars.any).toBe(true);
  });

  test('holds, with envFrom a Secret, the names that read as credentials after the prefix, unless env defines them', () => {
    const vars = secretVariables({ envFrom: [{ prefix: 'DB_', secretRef: { name: 'db' } }], env: [{ name: 'DB_TOKEN', value: '' }] });
    expect(['DB_PASSWORD', 'DB_TOKEN', 'DB_HOST', 'PASSWORD'].filter(n => vars.has(n))).toEqual(['DB_PASSWORD']);
  });

  test('holds nothing without Secrets, and reads malformed env as none', () => {
    const vars = secretVariables({ env: [null, 'x', { name: 1 }], envFrom: [{ configMapRef: { name: 'c' } }, null] });
    expect([vars.any, vars.has('DB_PASSWORD')]).toEqual([false, false]);
  });
});

describe('commandLines', () => {
  test('lists command and args, then the exec commands of probes and hooks, with their paths', () => {
    const lines = commandLines({
      command: ['app'], livenessProbe: { exec: { command: ['check'] } }, readinessProbe: { httpGet: { path: '/' } },
      lifecycle: { preStop: { exec: { command: ['drain'] } }, postStart: 'bad' },
    });
    expect(lines.map(l => [l.prefix, l.kubernetes])).toEqual([['', true], ['livenessProbe.exec.', false], ['lifecycle.preStop.exec.', false]]);
  });

  test('lists only the lines that hold an entry: none for the image\'s entrypoint with HTTP probes', () => {
    expect(commandLines({ image: 'app', livenessProbe: { httpGet: { path: '/' } } })).toEqual([]);
    expect(commandLines({ command: [], args: ['--port=8080'], startupProbe: { exec: { command: [] } } }).map(l => l.prefix)).toEqual(['']);
  });
});
