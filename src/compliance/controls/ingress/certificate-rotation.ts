import { defineControl, fail, pass } from '../../control';
import { fieldLabel, fieldPath, requestedCertificates, requestPath } from './private/requested-certificates';

/**
 * Every Certificate sets `spec.privateKey.rotationPolicy: Always`, so each renewal generates a new
 * private key. The field is required explicitly: cert-manager before v1.18.0 defaults to `Never`
 * (the key is kept for ever) and v1.18.0 and later to `Always`, and the manifests do not say which
 * version runs them. The Certificates cert-manager's ingress-shim creates for an annotated Ingress
 * (and its gateway-shim for an annotated Gateway) are judged by its
 * `cert-manager.io/private-key-rotation-policy` annotation.
 * @see https://github.com/cert-manager/cert-manager/releases/tag/v1.18.0
 */
export const certificateRotation = defineControl({
  id: 'certificate-rotation',
  title: 'Certificates rotate their private keys',
  condition: 'Every Certificate has spec.privateKey.rotationPolicy: Always, and every Ingress or Gateway that requests its Certificates through ingress-shim (gateway-shim) annotations has cert-manager.io/private-key-rotation-policy: Always.',
  severity: 'medium',
  criteria: ['CC6.1'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.privateKey.rotationPolicy: Always (on an Ingress or Gateway: the annotation cert-manager.io/private-key-rotation-policy: Always).',
  example: 'spec:\n  privateKey:\n    rotationPolicy: Always',
  check: ctx => requestedCertificates(ctx.index).map(c => {
    const policy = c.spec.privateKey?.rotationPolicy;
    const field = fieldLabel(c, 'privateKey.rotationPolicy');
    if (policy === 'Always') return pass(c.object);
    if (policy === undefined || policy === null) {
      return fail(c.object, `${field} is not set: cert-manager before v1.18.0 then keeps the private key across renewals (Never); set Always explicitly`, requestPath(c, true));
    }
    return fail(c.object, `${field} is "${policy}", so renewals keep the same private key`, fieldPath(c, 'privateKey.rotationPolicy'));
  }),
});
