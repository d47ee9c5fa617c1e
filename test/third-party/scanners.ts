/** The mirrored third-party scanners, by name. */
import { check as kubeScore } from './kube-score';
import { check as kubescape, checkAll as kubescapeAll } from './kubescape';
import { check as podSecurityStandards } from './pod-security-standards';
import { check as polaris } from './polaris';
import { ScannerCheck } from './shared';

/** Every mirrored scanner's `check`, keyed by scanner name: every finding but the deliberate exceptions (exceptions.ts). */
export const SCANNERS: Readonly<Record<string, ScannerCheck>> = {
  'polaris': polaris,
  'kube-score': kubeScore,
  'kubescape': kubescape,
  'pod-security-standards': podSecurityStandards,
};

/** Every mirrored scanner as the real tool reports: the deliberate exceptions included. */
export const SCANNERS_WITH_EXCEPTIONS: Readonly<Record<string, ScannerCheck>> = {
  ...SCANNERS,
  kubescape: kubescapeAll,
};
