import { Control } from '../../types';
import { certificateKeyStrength } from './certificate-key-strength';
import { certificateLifetime } from './certificate-lifetime';
import { certificateRotation } from './certificate-rotation';
import { gatewayHttpsOnly } from './gateway-https-only';
import { ingressCertificateCoverage } from './ingress-certificate-coverage';
import { ingressHttpsRedirect } from './ingress-https-redirect';
import { ingressTlsAllHosts } from './ingress-tls-all-hosts';
import { issuerAcmeHttps } from './issuer-acme-https';

/** The ingress controls, in catalogue order. */
export const INGRESS_CONTROLS: readonly Control[] = [
  ingressTlsAllHosts,
  ingressHttpsRedirect,
  gatewayHttpsOnly,
  ingressCertificateCoverage,
  certificateKeyStrength,
  certificateRotation,
  certificateLifetime,
  issuerAcmeHttps,
];
