import { validateConfig } from '../../src/cli/config-file';
import { parseByteSize, splitList } from '../../src/cli/options';

describe('parseByteSize', () => {
  test.each([
    ['1048576', 1048576], ['512KiB', 512 * 1024], ['10MiB', 10 * 1024 * 1024], ['10m', 10 * 1024 * 1024],
    ['256MiB', 256 * 1024 ** 2], ['1.5k', 1536], [2048, 2048],
  ])('reads %s as %d bytes', (input, bytes) => {
    expect(parseByteSize(input)).toBe(bytes);
  });

  test.each(['0', '-1', 'lots', '10 parsecs', '', '1e9'])('refuses %j', input => {
    expect(() => parseByteSize(input)).toThrow(/^invalid --max-file-size/);
  });

  test('refuses more than 256MiB, which could not be read as one text', () => {
    expect(() => parseByteSize('1G')).toThrow(/^invalid --max-file-size "1G": at most 256MiB/);
    expect(() => parseByteSize(256 * 1024 ** 2 + 1)).toThrow(/at most 256MiB/);
  });
});

describe('splitList', () => {
  test('flattens repeated and comma-separated values, dropping blanks', () => {
    expect(splitList(['a,b', ' c ', ',d,'])).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList('x')).toEqual(['x']);
    expect(splitList(undefined)).toEqual([]);
  });
});

describe('validateConfig', () => {
  test('accepts every documented setting', () => {
    expect(validateConfig({
      allowedRegistries: ['registry.example.com/'], requiredWorkloadLabels: ['app'], classificationLabel: 'c', ownerLabel: 'o',
      ingressControllerNamespaces: ['ingress'], monitoringNamespaces: ['mon'], meshRootNamespace: 'istio-system', requireMesh: false,
      systemNamespaces: ['kube-system'], minReplicas: 3, maxCertificateDays: 30, minRsaKeySize: 3072, maxSuppressionDays: 365, today: '2026-01-31',
    })).toEqual([]);
  });

  test('names each wrong value and unknown key', () => {
    expect(validateConfig({ minReplicas: 1.5, today: '2026-02-30', allowedRegistries: 'x', colour: 'red' })).toEqual([
      'minReplicas must be a positive integer, got 1.5',
      'today must be a date as YYYY-MM-DD, got "2026-02-30"',
      'allowedRegistries must be a list of non-empty strings, got "x"',
      'unknown key "colour"',
    ]);
  });

  test('refuses anything but a mapping', () => {
    expect(validateConfig(['a'])).toEqual(['expected a mapping of settings']);
    expect(validateConfig('a')).toEqual(['expected a mapping of settings']);
  });

  test('names the value given, unless the problem quotes the entry itself; a value the message happens to contain is still named', () => {
    expect(validateConfig({ minRsaKeySize: 20, istioProxyImages: ['registry.example.com/istio/proxyv2:1.2', ''] })).toEqual([
      'minRsaKeySize must be between 2048 and 8192: RSA below 2048 bits is disallowed (NIST SP 800-131A), and cert-manager generates at most 8192, got 20',
      'istioProxyImages entry "registry.example.com/istio/proxyv2:1.2" names a tag: write the repository alone, "registry.example.com/istio/proxyv2", whose every tag and digest counts',
      'istioProxyImages has an empty entry: name a repository as registry/repository (registry.example.com/istio/proxyv2), or remove the entry, got ""',
    ]);
  });
});
