import { sameProbeHandler } from '../../../../../src/compliance/controls/workload/private/probes';

const container = { ports: [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9090 }] };

describe('sameProbeHandler', () => {
  test('HTTP probes are the same when path and (resolved) port match, whatever their timing', () => {
    expect(sameProbeHandler({ httpGet: { path: '/h', port: 'http' }, periodSeconds: 1 }, { httpGet: { path: '/h', port: 8080 }, periodSeconds: 9 }, container)).toBe(true);
    expect(sameProbeHandler({ httpGet: { port: 8080 } }, { httpGet: { path: '/', port: 8080 } }, container)).toBe(true);
    expect(sameProbeHandler({ httpGet: { path: '/ready', port: 8080 } }, { httpGet: { path: '/live', port: 8080 } }, container)).toBe(false);
  });

  test('TCP, gRPC and exec probes compare their own fields', () => {
    expect(sameProbeHandler({ tcpSocket: { port: 'http' } }, { tcpSocket: { port: 8080 } }, container)).toBe(true);
    expect(sameProbeHandler({ grpc: { port: 9090 } }, { grpc: { port: 9090, service: 'liveness' } }, container)).toBe(false);
    expect(sameProbeHandler({ grpc: { port: 9090, service: 'x' } }, { grpc: { port: 9090, service: 'x' } }, container)).toBe(true);
    expect(sameProbeHandler({ exec: { command: ['check', '--ready'] } }, { exec: { command: ['check', '--ready'] } }, container)).toBe(true);
    expect(sameProbeHandler({ exec: { command: ['check', '--ready'] } }, { exec: { command: ['check', '--live'] } }, container)).toBe(false);
  });

  test('probes of different kinds, or missing ones, are not the same', () => {
    expect(sameProbeHandler({ httpGet: { port: 8080 } }, { tcpSocket: { port: 8080 } }, container)).toBe(false);
    expect(sameProbeHandler(undefined, { tcpSocket: { port: 8080 } }, container)).toBe(false);
  });
});
