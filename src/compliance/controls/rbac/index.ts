import { Control } from '../../types';
import { rbacBindingsResolve } from './rbac-bindings-resolve';
import { rbacLegitimateSubjects } from './rbac-legitimate-subjects';
import { rbacNoClusterAdminBinding } from './rbac-no-cluster-admin-binding';
import { rbacNoEscalationVerbs } from './rbac-no-escalation-verbs';
import { rbacNoPodExec } from './rbac-no-pod-exec';
import { rbacNoPrivilegePaths } from './rbac-no-privilege-paths';
import { rbacNoSecretsRead } from './rbac-no-secrets-read';
import { rbacNoWildcards } from './rbac-no-wildcards';

/** The rbac controls, in catalogue order. */
export const RBAC_CONTROLS: readonly Control[] = [
  rbacNoWildcards,
  rbacNoSecretsRead,
  rbacNoPodExec,
  rbacNoEscalationVerbs,
  rbacNoPrivilegePaths,
  rbacNoClusterAdminBinding,
  rbacLegitimateSubjects,
  rbacBindingsResolve,
];
