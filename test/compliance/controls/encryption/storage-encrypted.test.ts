import { parseAllDocuments } from 'yaml';
import { storageEncrypted } from '../../../../src/compliance/controls/encryption/storage-encrypted';
import { check, messages, outcome } from '../../helpers';

const storageClass = (name: string, provisioner: unknown, parameters?: unknown) => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, ...(parameters === undefined ? {} : { parameters }),
});

describe('storage-encrypted', () => {
  test('passes an EBS class that encrypts, and one that leaves encryption to the account default, saying so', () => {
    const objects = [storageClass('gp3', 'ebs.csi.aws.com', { type: 'gp3', encrypted: 'true', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/x' }), storageClass('plain', 'ebs.csi.aws.com', { type: 'gp3' })];
    expect(outcome(storageEncrypted, objects)).toEqual({ 'StorageClass/gp3': 'pass', 'StorageClass/plain': 'pass' });
    expect(check(storageEncrypted, objects).map(r => r.message)).toEqual([
      'parameters.encrypted is "true"',
      'parameters.encrypted is not set: encryption is left to the account\'s EBS encryption by default',
    ]);
  });

  test('fails encrypted: "false" for the EBS CSI driver, EKS Auto Mode and the in-tree plugin, naming the object\'s field and provisioner', () => {
    const objects = ['ebs.csi.aws.com', 'ebs.csi.eks.amazonaws.com', 'kubernetes.io/aws-ebs'].map((p, i) => storageClass(`sc-${i}`, p, { type: 'gp3', encrypted: 'false' }));
    expect(outcome(storageEncrypted, objects)).toEqual({ 'StorageClass/sc-0': 'fail', 'StorageClass/sc-1': 'fail', 'StorageClass/sc-2': 'fail' });
    expect(messages(storageEncrypted, objects.slice(0, 1))).toEqual([
      'parameters.encrypted is "false", so Amazon EBS volumes of provisioner ebs.csi.aws.com are created unencrypted unless the account encrypts new volumes by default: set it to "true", or remove it',
    ]);
    expect(check(storageEncrypted, objects).map(r => r.path)).toEqual(['parameters.encrypted', 'parameters.encrypted', 'parameters.encrypted']);
  });

  test('the driver encrypts only on exactly "true", and reads the key in any case', () => {
    const objects = [storageClass('upper', 'ebs.csi.aws.com', { Encrypted: 'false' }), storageClass('cased', 'ebs.csi.aws.com', { encrypted: 'True' }), storageClass('zero', 'ebs.csi.aws.com', { ENCRYPTED: '0' })];
    expect(check(storageEncrypted, objects).map(r => [r.object.ref, r.passed, r.path])).toEqual([
      ['StorageClass/upper', false, 'parameters.Encrypted'],
      ['StorageClass/cased', false, 'parameters.encrypted'],
      ['StorageClass/zero', false, 'parameters.ENCRYPTED'],
    ]);
  });

  test('a key written twice in different cases fails unless both say "true": the driver reads them in map order, so either may win', () => {
    const objects = [
      storageClass('both', 'ebs.csi.aws.com', { encrypted: 'true', Encrypted: 'false' }),
      storageClass('both-true', 'ebs.csi.aws.com', { encrypted: 'true', ENCRYPTED: 'true' }),
    ];
    expect(check(storageEncrypted, objects).map(r => [r.object.ref, r.passed, r.path])).toEqual([
      ['StorageClass/both', false, 'parameters.Encrypted'],
      ['StorageClass/both-true', true, undefined],
    ]);
  });

  test('a parameter that is not a string is refused by the API server, and the finding says to quote it', () => {
    expect(messages(storageEncrypted, [storageClass('bool', 'ebs.csi.aws.com', { encrypted: false })])).toEqual([
      'parameters.encrypted is false, not a string, which the API server refuses (StorageClass parameters are strings): write "true"',
    ]);
  });

  test('its example passes', () => {
    const objects = parseAllDocuments(storageEncrypted.example ?? '').map(d => d.toJS());
    expect(outcome(storageEncrypted, objects)).toEqual({ 'StorageClass/gp3-encrypted': 'pass' });
  });

  test('does not apply to other provisioners: GCE PD, Azure, Ceph RBD, local storage', () => {
    const objects = [
      storageClass('pd', 'pd.csi.storage.gke.io', { type: 'pd-balanced' }), storageClass('azure', 'disk.csi.azure.com', { skuName: 'Premium_LRS' }),
      storageClass('ceph', 'rbd.csi.ceph.com', { encrypted: 'false' }), storageClass('local', 'kubernetes.io/no-provisioner'),
      { ...storageClass('other-group', 'ebs.csi.aws.com', { encrypted: 'false' }), apiVersion: 'example.com/v1' },
    ];
    expect(outcome(storageEncrypted, objects)).toEqual({});
  });

  test('reads malformed StorageClasses without throwing', () => {
    const odd = [null, 'x', [], 7].map((parameters, i) => storageClass(`odd-${i}`, 'ebs.csi.aws.com', parameters));
    expect(outcome(storageEncrypted, [...odd, storageClass('no-provisioner', null), storageClass('numeric', 42)]))
      .toEqual({ 'StorageClass/odd-0': 'pass', 'StorageClass/odd-1': 'pass', 'StorageClass/odd-2': 'pass', 'StorageClass/odd-3': 'pass' });
  });
});
