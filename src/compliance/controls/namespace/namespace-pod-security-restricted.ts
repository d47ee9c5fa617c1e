import { defineControl, fail, pass } from '../../control';
import { applicationNamespaces, namespaceSubject } from './private/application-namespaces';
import { podSecurityProblems } from './private/pod-security-labels';

/** Every application namespace enforces the restricted Pod Security Standard at a pinned version. */
export const namespacePodSecurityRestricted = defineControl({
  id: 'namespace-pod-security-restricted',
  title: 'Namespaces enforce the restricted Pod Security Standard',
  condition: 'Every application namespace is declared with pod-security.kubernetes.io/enforce, audit and warn set to restricted '
    + 'and enforce-version pinned (not latest) to v1.23 or later, whose restricted profile holds every container check of today\'s (dropping all capabilities, refusing runAsUser 0); '
    + 'audit-version and warn-version, when set, are latest or a version Pod Security admission reads (v1.27, no leading zero), as it refuses the Namespace otherwise.',
  severity: 'high',
  criteria: ['CC6.8', 'CC6.1'],
  references: {
    pss: 'Pod Security Admission: restricted profile enforced per namespace',
    cis: '5.2.1',
    nsa: 'Pod security: use Pod Security Admission',
  },
  remediation: 'Declare the Namespace with the labels pod-security.kubernetes.io/enforce: restricted, '
    + 'pod-security.kubernetes.io/enforce-version: v1.27 (your cluster\'s version), audit: restricted and warn: restricted.',
  example: 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.27\n'
    + '    pod-security.kubernetes.io/audit: restricted\n    pod-security.kubernetes.io/warn: restricted',
  check: ctx => applicationNamespaces(ctx).map(ns => {
    const subject = namespaceSubject(ctx.index, ns);
    if (!ctx.index.namespaceObject(ns)) return fail(subject, `namespace "${ns}" is not declared, so nothing sets its Pod Security labels`);
    const problems = podSecurityProblems(subject.labels);
    return problems.length === 0 ? pass(subject) : fail(subject, problems.map(p => p.message).join('; '), problems[0].path);
  }),
});
