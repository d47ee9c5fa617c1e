import { imageRegistryAllowed } from '../../../../src/compliance/controls/workload/image-registry-allowed';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withImage = (image: string) => hardenedDeployment({ containers: [hardenedContainer('app', { image })] });
const config = { allowedRegistries: ['registry.example.com', 'docker.io/library/'] };

describe('image-registry-allowed', () => {
  test('passes for images from allowed registries, including Docker Hub official images written short', () => {
    expect(outcome(imageRegistryAllowed, [withImage('registry.example.com/team/app:1')], config)).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(imageRegistryAllowed, [withImage('nginx:1.27')], config)).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes for an official image named through Docker Hub\'s host, which the runtime reads under library/', () => {
    expect(outcome(imageRegistryAllowed, [withImage('docker.io/nginx:1.27')], config)).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(imageRegistryAllowed, [withImage('index.docker.io/nginx:1.27')], config)).toEqual({ 'Deployment/team/api': 'pass' });
    expect(messages(imageRegistryAllowed, [withImage('docker.io/bitnami/redis:7')], config))
      .toEqual(['container "app": image "docker.io/bitnami/redis:7" is not from an allowed registry (registry.example.com, docker.io/library/)']);
  });

  test('fails for a look-alike registry host', () => {
    expect(messages(imageRegistryAllowed, [withImage('registry.example.com.evil.io/app:1')], config))
      .toEqual(['container "app": image "registry.example.com.evil.io/app:1" is not from an allowed registry (registry.example.com, docker.io/library/)']);
  });

  test('does not apply when no registries are configured, nor to objects without pods', () => {
    expect(outcome(imageRegistryAllowed, [withImage('anything:1')])).toEqual({});
    expect(outcome(imageRegistryAllowed, [CONFIG_MAP], config)).toEqual({});
  });
});
