import { Control } from '../../types';
import { commandNoCredentials } from './command-no-credentials';
import { configmapNoCredentials } from './configmap-no-credentials';
import { containerEphemeralStorage } from './container-ephemeral-storage';
import { containerProbes } from './container-probes';
import { containerResourceLimits } from './container-resource-limits';
import { containerResourceRequests } from './container-resource-requests';
import { envNoSecretLiterals } from './env-no-secret-literals';
import { envNoSecretRefs } from './env-no-secret-refs';
import { imagePinned } from './image-pinned';
import { imagePullPolicyAlways } from './image-pull-policy-always';
import { imageRegistryAllowed } from './image-registry-allowed';
import { podAppArmorNotUnconfined } from './pod-apparmor-not-unconfined';
import { podDedicatedServiceAccount } from './pod-dedicated-service-account';
import { podDropAllCapabilities } from './pod-drop-all-capabilities';
import { podHighUidGid } from './pod-high-uid-gid';
import { podNoDangerousCapabilities } from './pod-no-dangerous-capabilities';
import { podNoHostNamespaces } from './pod-no-host-namespaces';
import { podNoHostPath } from './pod-no-host-path';
import { podNoHostPorts } from './pod-no-host-ports';
import { podNoPrivilegeEscalation } from './pod-no-privilege-escalation';
import { podNoPrivileged } from './pod-no-privileged';
import { podNoProbeHost } from './pod-no-probe-host';
import { podNoUnsafeSysctls } from './pod-no-unsafe-sysctls';
import { podNoWindowsHostProcess } from './pod-no-windows-host-process';
import { podNonRootGroup } from './pod-non-root-group';
import { podProcMountDefault } from './pod-proc-mount-default';
import { podReadOnlyRootFs } from './pod-read-only-root-fs';
import { podRestrictedVolumeTypes } from './pod-restricted-volume-types';
import { podRunAsNonRoot } from './pod-run-as-non-root';
import { podSeccompRuntimeDefault } from './pod-seccomp-runtime-default';
import { podSelinuxRestricted } from './pod-selinux-restricted';
import { podServiceAccountToken } from './pod-service-account-token';
import { workloadNotInDefaultNamespace } from './workload-not-in-default-namespace';
import { workloadRequiredLabels } from './workload-required-labels';

/** The workload controls, in catalogue order. */
export const WORKLOAD_CONTROLS: readonly Control[] = [
  podRunAsNonRoot,
  podNoPrivileged,
  podNoPrivilegeEscalation,
  podDropAllCapabilities,
  podNoDangerousCapabilities,
  podSeccompRuntimeDefault,
  podNoHostNamespaces,
  podNoHostPath,
  podNoHostPorts,
  podRestrictedVolumeTypes,
  podNoUnsafeSysctls,
  podAppArmorNotUnconfined,
  podSelinuxRestricted,
  podProcMountDefault,
  podNoWindowsHostProcess,
  podNoProbeHost,
  podReadOnlyRootFs,
  podNonRootGroup,
  podHighUidGid,
  containerResourceLimits,
  containerResourceRequests,
  containerEphemeralStorage,
  containerProbes,
  imagePinned,
  imagePullPolicyAlways,
  imageRegistryAllowed,
  podDedicatedServiceAccount,
  podServiceAccountToken,
  envNoSecretLiterals,
  envNoSecretRefs,
  commandNoCredentials,
  configmapNoCredentials,
  workloadRequiredLabels,
  workloadNotInDefaultNamespace,
];
