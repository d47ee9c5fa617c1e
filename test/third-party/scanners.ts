/** The mirrored third-party scanners, by name. */
import { check as kubeScore } from './kube-score';
import { check as kubescape } from './kubescape';
import { check as podSecurityStandards } from './pod-security-standards';
import { check as polaris } from './polaris';
import { ScannerCheck } from './shared';

/** Every mirrored scanner's `check`, keyed by scanner name. */
export const SCANNERS: Readonly<Record<string, ScannerCheck>> = {
  'polaris': polaris,
  'kube-score': kubeScore,
  'kubescape': kubescape,
  'pod-security-standards': podSecurityStandards,
};
