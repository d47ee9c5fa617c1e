import { HealthCheck } from '../../../constructs';
import { bindHealthCheck, whyHealthCheckInvalid } from '../../../constructs/private/health-check';
import * as pkg from '../../../index';

describe('health checks as the workload binds them', () => {
  test('the package exports HealthCheck, and neither how a workload binds a check nor how it validates one', () => {
    expect(pkg.HealthCheck).toBe(HealthCheck);
    expect(Object.keys(pkg)).not.toContain('bindHealthCheck');
    expect(Object.keys(pkg)).not.toContain('whyHealthCheckInvalid');
  });

  test('a check without a port gets the workload\'s: by name for HTTP and TCP, by number for gRPC; a port of its own is kept', () => {
    expect(bindHealthCheck(HealthCheck.http('/healthz'), 'http', 8080)).toEqual({ httpGet: { path: '/healthz', port: 'http' } });
    expect(bindHealthCheck(HealthCheck.http('/healthz', 9090), 'http', 8080)).toEqual({ httpGet: { path: '/healthz', port: 9090 } });
    expect(bindHealthCheck(HealthCheck.tcp(), 'tcp', 5432)).toEqual({ tcpSocket: { port: 'tcp' } });
    expect(bindHealthCheck(HealthCheck.grpc(undefined, 'health'), 'grpc', 50051)).toEqual({ grpc: { service: 'health', port: 50051 } });
    expect(bindHealthCheck(HealthCheck.command(['/bin/check']), 'http', 8080)).toEqual({ exec: { command: ['/bin/check'] } });
  });

  test.each([
    ['not made by HealthCheck', { handler: { exec: { command: ['/bin/check'] } } }, 'must be made with HealthCheck.http/tcp/grpc/command'],
    ['a port out of range', HealthCheck.tcp(70000), 'has port 70000, not an integer from 1 to 65535'],
    ['a port given as a string', HealthCheck.http('/healthz', '8080' as never), 'has port "8080" (a string), not an integer from 1 to 65535'],
    ['a port given as an empty string', HealthCheck.tcp('' as never), 'has port "" (a string), not an integer from 1 to 65535'],
    ['a port given as a list', HealthCheck.grpc([] as never), 'has port [], not an integer from 1 to 65535'],
    ['a relative HTTP path', HealthCheck.http('healthz'), 'has an HTTP path that does not start with "/"'],
    ['a command that is not an array', HealthCheck.command('pg_isready' as never), 'has a command that is not an array of arguments (HealthCheck.command(["pg_isready", "-q"]))'],
    ['an empty argument', HealthCheck.command(['/bin/check', '']), 'has an empty command or argument'],
  ])('refuses a check %s', (_title, check, why) => {
    expect(whyHealthCheckInvalid(check)).toBe(why);
  });

  test('accepts the checks the factories make', () => {
    for (const check of [HealthCheck.http('/healthz', 9090), HealthCheck.tcp(), HealthCheck.grpc(50051, 'health'), HealthCheck.command(['/bin/check'])]) {
      expect(whyHealthCheckInvalid(check)).toBeUndefined();
    }
  });
});
