import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { certificates } from './private/cert-manager';

/** The smallest ECDSA curve accepted (P-256). */
const MIN_ECDSA_SIZE = 256;

function checkKey(cert: IndexedObject, minRsa: number): CheckResult {
  const pk = (cert.raw as any).spec?.privateKey ?? {};
  const algorithm = pk.algorithm ?? 'RSA';
  const explicit = pk.size !== undefined && pk.size !== null;
  const where = explicit ? 'spec.privateKey.size' : 'spec.privateKey';
  switch (algorithm) {
    case 'Ed25519':
      return pass(cert, 'Ed25519 key');
    case 'ECDSA': {
      const size = explicit ? Number(pk.size) : 256;
      return size >= MIN_ECDSA_SIZE ? pass(cert, `ECDSA P-${size} key`) : fail(cert, `ECDSA key size ${pk.size} is below ${MIN_ECDSA_SIZE}`, where);
    }
    case 'RSA': {
      const size = explicit ? Number(pk.size) : 2048;
      if (size >= minRsa) return pass(cert, `RSA ${size}-bit key`);
      const defaulted = explicit ? '' : ' (cert-manager\'s default when privateKey.size is not set)';
      return fail(cert, `RSA key of ${size} bits${defaulted} is below the minimum of ${minRsa}`, where);
    }
    default:
      return fail(cert, `privateKey.algorithm "${algorithm}" is not RSA, ECDSA or Ed25519`, 'spec.privateKey.algorithm');
  }
}

/**
 * Every Certificate's private key is strong enough: ECDSA of at least 256 bits (the default size),
 * Ed25519, or RSA of at least `minRsaKeySize` bits. RSA with 2048 bits is what cert-manager
 * generates when privateKey.algorithm and size are not set.
 */
export const certificateKeyStrength = defineControl({
  id: 'certificate-key-strength',
  title: 'Certificates use strong keys',
  condition: 'Every Certificate uses ECDSA with size >= 256, Ed25519, or RSA with size >= minRsaKeySize (absent algorithm = RSA, absent size = 2048 for RSA, 256 for ECDSA).',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.privateKey to algorithm ECDSA with size 256 (or 384), or RSA with a size of at least the configured minimum.',
  example: 'spec:\n  privateKey:\n    algorithm: ECDSA\n    size: 256\n    rotationPolicy: Always',
  check: ctx => certificates(ctx.index).map(cert => checkKey(cert, ctx.config.minRsaKeySize)),
});
