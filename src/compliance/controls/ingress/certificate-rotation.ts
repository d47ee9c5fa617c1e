import { defineControl, fail, pass } from '../../control';
import { certificates } from './private/cert-manager';

/**
 * Every Certificate sets `spec.privateKey.rotationPolicy: Always`, so each renewal generates a new
 * private key. The field is required explicitly: cert-manager before v1.18.0 defaults to `Never`
 * (the key is kept for ever) and v1.18.0 and later to `Always`, and the manifests do not say which
 * version runs them.
 * @see https://github.com/cert-manager/cert-manager/releases/tag/v1.18.0
 */
export const certificateRotation = defineControl({
  id: 'certificate-rotation',
  title: 'Certificates rotate their private keys',
  condition: 'Every Certificate has spec.privateKey.rotationPolicy: Always.',
  severity: 'medium',
  criteria: ['CC6.1'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.privateKey.rotationPolicy: Always.',
  example: 'spec:\n  privateKey:\n    rotationPolicy: Always',
  check: ctx => certificates(ctx.index).map(cert => {
    const policy = (cert.raw as any).spec?.privateKey?.rotationPolicy;
    if (policy === 'Always') return pass(cert);
    if (policy === undefined || policy === null) {
      return fail(cert, 'spec.privateKey.rotationPolicy is not set: cert-manager before v1.18.0 then keeps the private key across renewals (Never); set Always explicitly', 'spec.privateKey');
    }
    return fail(cert, `spec.privateKey.rotationPolicy is "${policy}", so renewals keep the same private key`, 'spec.privateKey.rotationPolicy');
  }),
});
