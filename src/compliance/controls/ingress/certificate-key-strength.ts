import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { fieldLabel, fieldPath, RequestedCertificate, requestedCertificates, requestPath } from './private/requested-certificates';

/** The smallest ECDSA curve accepted (P-256). */
const MIN_ECDSA_SIZE = 256;

/**
 * The key size a request sets, or `undefined` for cert-manager's default: it uses the default
 * for an absent size and for 0 (`if size > 0`). The ingress-shim refuses an Ingress whose size it
 * cannot take (ingress-certificate-coverage reports it), so a request of an Ingress holds a valid one.
 */
function givenSize(c: RequestedCertificate): unknown {
  const size = c.spec.privateKey?.size;
  return size === undefined || size === null || (size === 0 && !c.shim) ? undefined : size;
}

function checkKey(c: RequestedCertificate, minRsa: number): CheckResult {
  const cert = c.object;
  const pk = c.spec.privateKey ?? {};
  const algorithm = pk.algorithm ?? 'RSA';
  const given = givenSize(c);
  const where = given === undefined ? requestPath(c, true) : fieldPath(c, 'privateKey.size');
  switch (algorithm) {
    case 'Ed25519':
      return pass(cert, 'Ed25519 key');
    case 'ECDSA': {
      const size = given === undefined ? 256 : Number(given);
      return size >= MIN_ECDSA_SIZE ? pass(cert, `ECDSA P-${size} key`) : fail(cert, `ECDSA key size ${given} is below ${MIN_ECDSA_SIZE}`, where);
    }
    case 'RSA': {
      const size = given === undefined ? 2048 : Number(given);
      if (size >= minRsa) return pass(cert, `RSA ${size}-bit key`);
      const defaulted = given === undefined ? ` (cert-manager's default when ${c.shim ? fieldLabel(c, 'privateKey.size') : 'privateKey.size'} is not set)` : '';
      return fail(cert, `RSA key of ${size} bits${defaulted} is below the minimum of ${minRsa}`, where);
    }
    default:
      return fail(cert, `${c.shim ? fieldLabel(c, 'privateKey.algorithm') : 'privateKey.algorithm'} "${algorithm}" is not RSA, ECDSA or Ed25519`, fieldPath(c, 'privateKey.algorithm'));
  }
}

/**
 * Every Certificate's private key is strong enough: ECDSA of at least 256 bits (the default size),
 * Ed25519, or RSA of at least `minRsaKeySize` bits. RSA with 2048 bits is what cert-manager
 * generates when privateKey.algorithm and size are not set (or size is 0). The Certificates
 * cert-manager's ingress-shim creates for an annotated Ingress (and its gateway-shim for an annotated
 * Gateway) are judged by its `cert-manager.io/private-key-algorithm` and `private-key-size` annotations.
 */
export const certificateKeyStrength = defineControl({
  id: 'certificate-key-strength',
  title: 'Certificates use strong keys',
  condition: 'Every Certificate, and every Certificate an Ingress or Gateway requests through ingress-shim (gateway-shim) annotations, uses ECDSA with size >= 256, Ed25519, or RSA with size >= minRsaKeySize (absent algorithm = RSA, absent or 0 size = 2048 for RSA, 256 for ECDSA).',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.privateKey to algorithm ECDSA with size 256 (or 384), or RSA with a size of at least the configured minimum (on an Ingress or Gateway: the cert-manager.io/private-key-algorithm and cert-manager.io/private-key-size annotations).',
  example: 'spec:\n  privateKey:\n    algorithm: ECDSA\n    size: 256\n    rotationPolicy: Always',
  check: ctx => requestedCertificates(ctx.index).map(c => checkKey(c, ctx.config.minRsaKeySize)),
});
