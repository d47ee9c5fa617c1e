import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { fieldLabel, fieldPath, RequestedCertificate, requestedCertificates, requestPath } from './private/requested-certificates';

/** The smallest ECDSA curve accepted (P-256). */
const MIN_ECDSA_SIZE = 256;

/**
 * The key size a request sets, or `undefined` for cert-manager's default: it uses the default
 * for an absent size and for 0 (`if size > 0`), which the ingress-shim refuses for RSA and ECDSA.
 */
function givenSize(c: RequestedCertificate): unknown {
  const size = c.spec.privateKey?.size;
  return size === undefined || size === null || (size === 0 && !c.shim) ? undefined : size;
}

/** The ECDSA curves cert-manager generates keys on. */
const ECDSA_SIZES: readonly number[] = [256, 384, 521];

/**
 * Why cert-manager's ingress-shim refuses a key size annotation for an algorithm, as it validates
 * them: an integer; for RSA 2048 to 8192, for ECDSA 256, 384 or 521; ignored for Ed25519.
 */
function shimRefusal(algorithm: unknown, size: unknown): string | undefined {
  if (size === undefined) return undefined;
  // The shim parses the size before it looks at the algorithm.
  if (!Number.isInteger(size)) return 'is not an integer';
  if (algorithm === 'Ed25519') return undefined;
  if (algorithm === 'ECDSA' && !ECDSA_SIZES.includes(size as number)) return `is not an ECDSA curve size (${ECDSA_SIZES.join(', ')})`;
  if (algorithm === 'RSA' && ((size as number) < 2048 || (size as number) > 8192)) return 'is not an RSA size from 2048 to 8192';
  return undefined;
}

function checkKey(c: RequestedCertificate, minRsa: number): CheckResult {
  const cert = c.object;
  const pk = c.spec.privateKey ?? {};
  const algorithm = pk.algorithm ?? 'RSA';
  const given = givenSize(c);
  const where = given === undefined ? requestPath(c, true) : fieldPath(c, 'privateKey.size');
  if (c.shim) {
    const refused = shimRefusal(algorithm, given);
    if (refused !== undefined) return fail(cert, `${fieldLabel(c, 'privateKey.size')} "${given}" ${refused}: the ingress-shim refuses it and creates no Certificate`, where);
  }
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
 * cert-manager's ingress-shim creates for an annotated Ingress are judged by the Ingress's
 * `cert-manager.io/private-key-algorithm` and `private-key-size` annotations.
 */
export const certificateKeyStrength = defineControl({
  id: 'certificate-key-strength',
  title: 'Certificates use strong keys',
  condition: 'Every Certificate, and every Certificate an Ingress requests through ingress-shim annotations, uses ECDSA with size >= 256, Ed25519, or RSA with size >= minRsaKeySize (absent algorithm = RSA, absent or 0 size = 2048 for RSA, 256 for ECDSA).',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.privateKey to algorithm ECDSA with size 256 (or 384), or RSA with a size of at least the configured minimum (on an Ingress: the cert-manager.io/private-key-algorithm and cert-manager.io/private-key-size annotations).',
  example: 'spec:\n  privateKey:\n    algorithm: ECDSA\n    size: 256\n    rotationPolicy: Always',
  check: ctx => requestedCertificates(ctx.index).map(c => checkKey(c, ctx.config.minRsaKeySize)),
});
