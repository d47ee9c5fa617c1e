import { isFromAllowedRegistry, isValidDigest, parseImageRef } from '../../../src/compliance/common/image-ref';

const DIGEST = `sha256:${'f'.repeat(64)}`;

describe('parseImageRef', () => {
  test.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx', tag: undefined, digest: undefined, normalized: 'docker.io/library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: undefined, normalized: 'docker.io/library/nginx:1.27' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7', digest: undefined, normalized: 'docker.io/bitnami/redis:7' }],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: undefined, digest: undefined, normalized: 'localhost/app' }],
    ['registry.local:5000/team/app', { registry: 'registry.local:5000', repository: 'team/app', tag: undefined, digest: undefined, normalized: 'registry.local:5000/team/app' }],
    [`ghcr.io/o/app:v1@${DIGEST}`, { registry: 'ghcr.io', repository: 'o/app', tag: 'v1', digest: DIGEST, normalized: `ghcr.io/o/app:v1@${DIGEST}` }],
    [`app@${DIGEST}`, { registry: 'docker.io', repository: 'library/app', tag: undefined, digest: DIGEST, normalized: `docker.io/library/app@${DIGEST}` }],
    // Docker Hub's own name and its legacy one ("the Docker Index") name official images under library/, as a bare name does.
    ['docker.io/nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: undefined, normalized: 'docker.io/library/nginx:1.27' }],
    ['index.docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx', tag: undefined, digest: undefined, normalized: 'docker.io/library/nginx' }],
    ['index.docker.io/bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7', digest: undefined, normalized: 'docker.io/bitnami/redis:7' }],
    // Repositories are lower-case: a first part with an upper-case letter can only be a registry host.
    ['Registry/app:1', { registry: 'Registry', repository: 'app', tag: '1', digest: undefined, normalized: 'Registry/app:1' }],
    // Other registries keep a one-part repository as written.
    ['ghcr.io/app:1', { registry: 'ghcr.io', repository: 'app', tag: '1', digest: undefined, normalized: 'ghcr.io/app:1' }],
  ])('%s', (image, expected) => {
    expect(parseImageRef(image)).toEqual(expected);
  });
});

describe('isValidDigest', () => {
  test('accepts sha256 and sha512 hex digests only', () => {
    expect(isValidDigest(DIGEST)).toBe(true);
    expect(isValidDigest(`sha512:${'0'.repeat(128)}`)).toBe(true);
    expect(isValidDigest('sha256:abc')).toBe(false);
    expect(isValidDigest(`md5:${'0'.repeat(32)}`)).toBe(false);
    expect(isValidDigest(`sha256:${'F'.repeat(64)}`)).toBe(false);
  });
});

describe('isFromAllowedRegistry', () => {
  test('matches a registry host only at a boundary', () => {
    expect(isFromAllowedRegistry('registry.example.com/app:1', ['registry.example.com'])).toBe(true);
    expect(isFromAllowedRegistry('registry.example.com:5000/app:1', ['registry.example.com'])).toBe(true);
    expect(isFromAllowedRegistry('registry.example.com.evil.io/app:1', ['registry.example.com'])).toBe(false);
    expect(isFromAllowedRegistry('registry.example.com-evil/app:1', ['registry.example.com'])).toBe(false);
  });

  test('matches a repository prefix ending in a slash by prefix', () => {
    expect(isFromAllowedRegistry('registry.example.com/team/app:1', ['registry.example.com/team/'])).toBe(true);
    expect(isFromAllowedRegistry('registry.example.com/team-x/app:1', ['registry.example.com/team/'])).toBe(false);
  });

  test('matches Docker Hub images through their normalized name', () => {
    expect(isFromAllowedRegistry('nginx:1.27', ['docker.io/library/'])).toBe(true);
    expect(isFromAllowedRegistry('bitnami/redis:7', ['docker.io/library/'])).toBe(false);
    expect(isFromAllowedRegistry('docker.io/nginx:1.27', ['docker.io/library/'])).toBe(true);
    expect(isFromAllowedRegistry('index.docker.io/library/nginx:1.27', ['docker.io/library/'])).toBe(true);
    expect(isFromAllowedRegistry('index.docker.io/bitnami/redis:7', ['docker.io/library/'])).toBe(false);
  });

  test('an empty prefix allows nothing', () => {
    expect(isFromAllowedRegistry('nginx:1', [''])).toBe(false);
  });
});
