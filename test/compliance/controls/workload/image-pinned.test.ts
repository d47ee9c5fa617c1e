import { imagePinned } from '../../../../src/compliance/controls/workload/image-pinned';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withImage = (image: unknown) => hardenedDeployment({ containers: [hardenedContainer('app', { image })] });

describe('image-pinned', () => {
  test('passes for a digest and for an explicit tag on a registry with a port', () => {
    expect(outcome(imagePinned, [withImage(`nginx@sha256:${'0'.repeat(64)}`)])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(imagePinned, [withImage('registry.local:5000/team/app:2024.11.1')])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for an untagged image, even on a registry with a port', () => {
    expect(messages(imagePinned, [withImage('registry.local:5000/team/app')]))
      .toEqual(['container "app": image "registry.local:5000/team/app" has no tag or digest (it resolves to latest)']);
  });

  test('fails for the latest tag', () => {
    expect(messages(imagePinned, [withImage('nginx:latest')])).toEqual(['container "app": image "nginx:latest" uses the mutable "latest" tag']);
  });

  test('fails for a malformed digest and a missing image', () => {
    expect(messages(imagePinned, [withImage('nginx@sha256:abc')])).toEqual(['container "app": image "nginx@sha256:abc" has a malformed digest']);
    expect(messages(imagePinned, [withImage(undefined)])).toEqual(['container "app": has no image']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(imagePinned, [CONFIG_MAP])).toEqual({});
  });
});
