import { podRestrictedVolumeTypes } from '../../../../src/compliance/controls/workload/pod-restricted-volume-types';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

describe('pod-restricted-volume-types', () => {
  test('passes with every allowed volume type, and a volume with no source (defaulted to emptyDir)', () => {
    const d = hardenedDeployment({
      volumes: [
        { name: 'a', configMap: { name: 'x' } }, { name: 'b', csi: { driver: 'd' } }, { name: 'c', downwardAPI: {} },
        { name: 'd', emptyDir: {} }, { name: 'e', ephemeral: {} }, { name: 'f', persistentVolumeClaim: { claimName: 'p' } },
        { name: 'g', projected: { sources: [] } }, { name: 'h', secret: { secretName: 's' } }, { name: 'i' },
      ],
    });
    expect(outcome(podRestrictedVolumeTypes, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes with an image volume, allowed by Pod Security restricted since Kubernetes v1.33', () => {
    const d = hardenedDeployment({ volumes: [{ name: 'models', image: { reference: 'registry.example.com/models@sha256:0123', pullPolicy: 'IfNotPresent' } }] });
    expect(outcome(podRestrictedVolumeTypes, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for an inline nfs volume', () => {
    const d = hardenedDeployment({ volumes: [{ name: 'shared', nfs: { server: 'nas', path: '/export' } }] });
    expect(messages(podRestrictedVolumeTypes, [d])).toEqual(['volume "shared" uses restricted volume type nfs']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podRestrictedVolumeTypes, [CONFIG_MAP])).toEqual({});
  });
});
