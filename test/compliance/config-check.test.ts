import { resolveConfig } from '../../src/compliance/config';
import { configProblems } from '../../src/compliance/config-check';
import { Soc2Validation } from '../../src/compliance/plugin';

describe('configProblems', () => {
  test('accepts the defaults and every setting of the right type', () => {
    expect(configProblems(undefined)).toEqual([]);
    expect(configProblems({
      allowedRegistries: ['registry.example.com/'], minReplicas: 3, requireMesh: false, today: '2026-11-27', meshRootNamespace: 'istio-system',
    })).toEqual([]);
  });

  test('names unknown keys with the closest setting, and values of the wrong type', () => {
    expect(configProblems({ allowedRegistry: ['docker.io/'], minReplicas: 0, requireMesh: 'no', today: 'not-a-date', allowedRegistries: 'docker.io/' })).toEqual([
      { kind: 'unknown-key', key: 'allowedRegistry', value: ['docker.io/'], problem: 'is not a setting', suggestion: 'allowedRegistries' },
      { kind: 'wrong-type', key: 'minReplicas', value: 0, problem: 'must be a positive integer' },
      { kind: 'wrong-type', key: 'requireMesh', value: 'no', problem: 'must be true or false' },
      { kind: 'wrong-type', key: 'today', value: 'not-a-date', problem: 'must be a date as YYYY-MM-DD' },
      { kind: 'wrong-type', key: 'allowedRegistries', value: 'docker.io/', problem: 'must be a list of non-empty strings' },
    ]);
    expect(configProblems({ maxCertificateDays: -1, minRsaKeySize: Number.NaN }).map(p => p.key)).toEqual(['maxCertificateDays', 'minRsaKeySize']);
  });

  test('refuses certificate settings that would make the certificate checks meaningless', () => {
    expect(configProblems({ maxCertificateDays: 3650, minRsaKeySize: 1024 }).map(p => [p.key, p.value, p.problem])).toEqual([
      ['maxCertificateDays', 3650, 'must be at most 397: a longer-lived certificate is not accepted by browsers for TLS, and leaves a stolen key valid for over a year'],
      ['minRsaKeySize', 1024, 'must be between 2048 and 8192: RSA below 2048 bits is disallowed (NIST SP 800-131A), and cert-manager generates at most 8192'],
    ]);
    expect(configProblems({ minRsaKeySize: 16384 }).map(p => p.key)).toEqual(['minRsaKeySize']);
    expect(configProblems({ maxCertificateDays: 397, minRsaKeySize: 2048 })).toEqual([]);
    expect(configProblems({ maxCertificateDays: 1, minRsaKeySize: 8192 })).toEqual([]);
  });

  test('takes maxSuppressionDays as a positive integer of at most 3650 days, refusing any other with the key, the value and why', () => {
    expect(configProblems({ maxSuppressionDays: 1 })).toEqual([]);
    expect(configProblems({ maxSuppressionDays: 3650 })).toEqual([]);
    expect(configProblems({ maxSuppressionDays: null })).toEqual([]);
    expect(configProblems({ maxSuppressionDays: 0, maxSuppresionDays: 90 })).toEqual([
      { kind: 'wrong-type', key: 'maxSuppressionDays', value: 0, problem: 'must be a positive integer' },
      { kind: 'unknown-key', key: 'maxSuppresionDays', value: 90, problem: 'is not a setting', suggestion: 'maxSuppressionDays' },
    ]);
    for (const value of [-30, 1.5, '365', true]) expect(configProblems({ maxSuppressionDays: value })).toEqual([{ kind: 'wrong-type', key: 'maxSuppressionDays', value, problem: 'must be a positive integer' }]);
    expect(configProblems({ maxSuppressionDays: 3651 })).toEqual([{ kind: 'out-of-range', key: 'maxSuppressionDays', value: 3651,
      problem: 'must be at most 3650: an exception reviewed less than once in ten years is not reviewed periodically (365 has each reviewed yearly)' }]);
  });

  test('resolves maxSuppressionDays to the value given, and to none when unset', () => {
    expect(resolveConfig({ maxSuppressionDays: 365 }).maxSuppressionDays).toBe(365);
    expect(Object.keys(resolveConfig({}))).not.toContain('maxSuppressionDays');
    expect(Object.keys(resolveConfig({ maxSuppressionDays: null as unknown as number }))).not.toContain('maxSuppressionDays');
  });

  test('holds namespace settings to namespace names and label settings to label keys, and refuses classification and owner labels that clash', () => {
    expect(configProblems({ meshRootNamespace: 'Istio_System', monitoringNamespaces: ['ok', 'not ok'], requiredWorkloadLabels: ['example.com/team', 'bad key'], ownerLabel: 'example.com/team' })
      .map(p => [p.key, p.problem])).toEqual([
      ['meshRootNamespace', expect.stringMatching(/^must be a namespace name \(a DNS-1123 label/)],
      ['monitoringNamespaces', expect.stringMatching(/^must be a list of namespace names/)],
      ['requiredWorkloadLabels', expect.stringMatching(/^must be a list of label keys/)],
    ]);
    expect(configProblems({ classificationLabel: 'pod-security.kubernetes.io/enforce', ownerLabel: 'istio-injection' }).map(p => [p.key, p.problem])).toEqual([
      ['classificationLabel', expect.stringMatching(/^is a namespace label that Kubernetes, Pod Security admission or the mesh reads/)],
      ['ownerLabel', expect.stringMatching(/^is a namespace label that Kubernetes, Pod Security admission or the mesh reads/)],
    ]);
    expect(configProblems({ classificationLabel: 'example.com/x', ownerLabel: 'example.com/x' }).map(p => p.key)).toEqual(['ownerLabel']);
    expect(configProblems({ classificationLabel: 'soc2.cdk8s.io/owner' }).map(p => p.key)).toEqual(['ownerLabel']);
    expect(configProblems({ classificationLabel: 'example.com/class', ownerLabel: 'example.com/team', ingressControllerNamespaces: [] })).toEqual([]);
  });

  test('takes an optional setting given as undefined or null (JSON, an empty YAML value) as unset, and the names of object members as unknown', () => {
    expect(configProblems({ minReplicas: undefined })).toEqual([]);
    expect(configProblems({ minReplicas: null, requireMesh: null, ownerLabel: null, classificationLabel: 'soc2.cdk8s.io/owner' })).toEqual([
      { kind: 'wrong-type', key: 'ownerLabel', value: 'soc2.cdk8s.io/owner', problem: 'is the same label as classificationLabel: the namespace can record only one of them' },
    ]);
    const resolved = resolveConfig({ minReplicas: null, requireMesh: null, today: null } as never);
    expect(resolved).toMatchObject({ minReplicas: 2, requireMesh: true, todayFromSettings: false });
    expect(configProblems({ toString: 1, constructor: 2 }).map(p => [p.key, p.kind])).toEqual([['toString', 'unknown-key'], ['constructor', 'unknown-key']]);
  });

  test('holds platform image settings to whole repositories, naming the entry and what to write', () => {
    expect(configProblems({ istioProxyImages: ['registry.example.com/istio/proxyv2', 'localhost:5000/istio/proxyv2'], knativeQueueImages: [] })).toEqual([]);
    expect(configProblems({
      istioProxyImages: ['registry.example.com/istio/proxyv2:1.24.2', 'registry.example.com/istio/proxyv2@sha256:' + 'a'.repeat(64), '', 'registry.example.com/*', 'istio/proxyv2'],
      knativeQueueImages: ['registry.example.com/knative/', 'registry.example.com', 'registry.example.com/Knative/Queue'],
    }).map(p => [p.key, p.value, p.problem])).toEqual([
      ['istioProxyImages', 'registry.example.com/istio/proxyv2:1.24.2',
        'entry "registry.example.com/istio/proxyv2:1.24.2" names a tag: write the repository alone, "registry.example.com/istio/proxyv2", whose every tag and digest counts'],
      ['istioProxyImages', expect.stringMatching(/@sha256:/), expect.stringMatching(/names a digest: write the repository alone, "registry\.example\.com\/istio\/proxyv2"/)],
      ['istioProxyImages', '', 'has an empty entry: name a repository as registry/repository (registry.example.com/istio/proxyv2), or remove the entry'],
      ['istioProxyImages', 'registry.example.com/*',
        'entry "registry.example.com/*" is a pattern, which is not read: name each repository whole (registry.example.com/istio/proxyv2), since a pattern would let other images pass for the platform\'s'],
      ['istioProxyImages', 'istio/proxyv2',
        'entry "istio/proxyv2" names no registry: write it whole, "docker.io/istio/proxyv2", as images are compared by registry and repository'],
      ['knativeQueueImages', 'registry.example.com/knative/', expect.stringMatching(/^entry "registry\.example\.com\/knative\/" ends in "\/", as a prefix would, but prefixes are not read: name each repository whole \(registry\.example\.com\/knative-releases\/knative\.dev\/serving\/cmd\/queue\)/)],
      ['knativeQueueImages', 'registry.example.com',
        'entry "registry.example.com" names a registry only: add the repository (registry.example.com/knative-releases/knative.dev/serving/cmd/queue)'],
      ['knativeQueueImages', 'registry.example.com/Knative/Queue', expect.stringMatching(/^entry "registry\.example\.com\/Knative\/Queue" is not an image repository: write registry\/repository/)],
    ]);
    expect(configProblems({ istioProxyImages: ['docker.io/proxyv2', 'index.docker.io/istio/proxyv2'], knativeQueueImages: [] }).map(p => p.problem)).toEqual([
      'entry "docker.io/proxyv2" is not the name the container runtime reads it as: write it whole, "docker.io/library/proxyv2", as images are compared by registry and repository',
      'entry "index.docker.io/istio/proxyv2" is not the name the container runtime reads it as: write it whole, "docker.io/istio/proxyv2", as images are compared by registry and repository',
    ]);
    expect(configProblems({ istioProxyImages: 'registry.example.com/istio/proxyv2', knativeQueueImages: [1] }).map(p => [p.key, p.problem])).toEqual([
      ['istioProxyImages', 'must be a list of image repositories, each registry/repository without a tag or digest (registry.example.com/mirror/image)'],
      ['knativeQueueImages', 'must be a list of image repositories, each registry/repository without a tag or digest (registry.example.com/mirror/image)'],
    ]);
  });

  test('resolves the platform images to the official ones, then those the settings add', () => {
    expect(resolveConfig()).toMatchObject({
      istioProxyImages: ['docker.io/istio/proxyv2', 'gcr.io/istio-release/proxyv2'],
      knativeQueueImages: ['gcr.io/knative-releases/knative.dev/serving/cmd/queue'],
    });
    expect(resolveConfig({ istioProxyImages: ['registry.example.com/istio/proxyv2', 'docker.io/istio/proxyv2'], knativeQueueImages: null } as never)).toMatchObject({
      istioProxyImages: ['docker.io/istio/proxyv2', 'gcr.io/istio-release/proxyv2', 'registry.example.com/istio/proxyv2'],
      knativeQueueImages: ['gcr.io/knative-releases/knative.dev/serving/cmd/queue'],
    });
  });

  test('holds allowedRegistries to prefixes as images write them: a URL or a pattern, which no image would match, names the entry and what to write', () => {
    expect(configProblems({ allowedRegistries: ['registry.example.com/', 'registry.example.com', 'localhost:5000/team/', 'docker.io/library/', '[fd00::1]:5000/team/'] })).toEqual([]);
    expect(configProblems({ allowedRegistries: ['[fd00::1]:5000/*'] }).map(p => p.value)).toEqual(['[fd00::1]:5000/*']);
    expect(configProblems({ allowedRegistries: ['https://registry.example.com/', 'oci://ghcr.io/acme/', 'registry.example.com/*'] }).map(p => [p.key, p.value, p.problem, p.quotesValue])).toEqual([
      ['allowedRegistries', 'https://registry.example.com/', 'entry "https://registry.example.com/" is a URL, while an image names its registry without a scheme, so no image would match: write "registry.example.com/"', true],
      ['allowedRegistries', 'oci://ghcr.io/acme/', 'entry "oci://ghcr.io/acme/" is a URL, while an image names its registry without a scheme, so no image would match: write "ghcr.io/acme/"', true],
      ['allowedRegistries', 'registry.example.com/*', 'entry "registry.example.com/*" is a pattern, which is not read (it would match no image): write the prefix every allowed image starts with, '
        + 'registry.example.com/ or registry.example.com/team/', true],
    ]);
  });

  test('holds apiServerAudiences to one audience per string entry, naming the entry and what to write', () => {
    expect(configProblems({ apiServerAudiences: ['https://oidc.example.com', 'https://oidc.example.com/', ' api-audience ', 'api://cluster'] })).toEqual([]);
    expect(configProblems({ apiServerAudiences: [] })).toEqual([]);
    expect(configProblems({ apiServerAudiences: ['', '  ', 42, null, 'https://oidc.example.com,https://kubernetes.default.svc'] }).map(p => [p.key, p.value, p.problem])).toEqual([
      ['apiServerAudiences', '', 'has an empty entry: name an audience the API server accepts (https://oidc.example.com), or remove the entry'],
      ['apiServerAudiences', '  ', 'has an empty entry: name an audience the API server accepts (https://oidc.example.com), or remove the entry'],
      ['apiServerAudiences', 42, 'entry 42 is not a string: write each audience as a string (https://oidc.example.com), quoted in YAML if it reads as a number or boolean'],
      ['apiServerAudiences', null, 'entry null is not a string: write each audience as a string (https://oidc.example.com), quoted in YAML if it reads as a number or boolean'],
      ['apiServerAudiences', 'https://oidc.example.com,https://kubernetes.default.svc', 'entry "https://oidc.example.com,https://kubernetes.default.svc" holds several audiences, '
        + 'as the --api-audiences flag lists them: give each its own entry (["https://oidc.example.com","https://kubernetes.default.svc"])'],
    ]);
    expect(configProblems({ apiServerAudiences: 'https://oidc.example.com' })).toEqual([{
      kind: 'wrong-type', key: 'apiServerAudiences', value: 'https://oidc.example.com',
      problem: 'must be a list of the audiences the API server accepts, as its --api-audiences flag names them ([https://oidc.example.com])',
    }]);
  });

  test('resolves apiServerAudiences to none by default, else to the entries trimmed, once each', () => {
    expect(resolveConfig().apiServerAudiences).toEqual([]);
    expect(resolveConfig({ apiServerAudiences: null } as never).apiServerAudiences).toEqual([]);
    expect(resolveConfig({ apiServerAudiences: [' https://oidc.example.com ', 'https://oidc.example.com', 'https://oidc.example.com/'] }).apiServerAudiences)
      .toEqual(['https://oidc.example.com', 'https://oidc.example.com/']);
  });

  test('refuses a value that is not a mapping', () => {
    expect(configProblems(null)).toEqual([{ kind: 'not-a-mapping', value: null, problem: 'expected a mapping of settings' }]);
    expect(configProblems(['x'])[0].kind).toBe('not-a-mapping');
  });

  test('the validation plugin refuses invalid properties', () => {
    expect(() => new Soc2Validation({ minReplica: 2 } as never)).toThrow('invalid properties of the cdk8s-soc2 validation: minReplica is not a setting (did you mean "minReplicas"?)');
    expect(() => new Soc2Validation({ minReplicas: 2 })).not.toThrow();
    expect(() => new Soc2Validation({ istioProxyImages: ['registry.example.com/istio/proxyv2:1.24'] })).toThrow('invalid properties of the cdk8s-soc2 validation: '
      + 'istioProxyImages entry "registry.example.com/istio/proxyv2:1.24" names a tag: write the repository alone, "registry.example.com/istio/proxyv2", whose every tag and digest counts');
    expect(() => new Soc2Validation({ apiServerAudiences: [''] })).toThrow('invalid properties of the cdk8s-soc2 validation: '
      + 'apiServerAudiences has an empty entry: name an audience the API server accepts (https://oidc.example.com), or remove the entry');
  });
});
