import { defineControl, fail, pass } from '../../control';
import { applicationNamespaces, namespaceSubject } from '../namespace/private/application-namespaces';
import { deniesByDefault } from './private/authorization';
import { meshNotRequired, policyScopes, SECURITY_GROUP, wideIn } from './private/istio';

/** Every application namespace denies by default: each allowed call is named by a policy. */
export const meshDefaultDenyAuthz = defineControl({
  id: 'mesh-default-deny-authz',
  title: 'Service-to-service authorization is deny by default',
  condition: 'Every application namespace is under an enforced ALLOW AuthorizationPolicy without selector, in the namespace or in the mesh '
    + 'root namespace, whose rules admit only callers they name (see mesh-no-allow-all-authz), or that has none (the allow-nothing policy, '
    + 'spec: {}): Istio then denies every request to the namespace that no ALLOW policy matches.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    nsa: 'Network separation and hardening: default-deny policies',
  },
  remediation: 'Add an AuthorizationPolicy with `spec: {}` to the namespace (or once, mesh-wide, to the root namespace), '
    + 'then allow each caller with its own ALLOW policy.',
  example: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: allow-nothing\n  namespace: payments\nspec: {}',
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const root = ctx.config.meshRootNamespace;
    const scopes = policyScopes(ctx.index, 'AuthorizationPolicy', SECURITY_GROUP, 'spec.selector.matchLabels');
    const meshWide = wideIn(scopes, root).find(deniesByDefault);
    return applicationNamespaces(ctx).map(ns => {
      const subject = namespaceSubject(ctx.index, ns);
      const found = meshWide ?? wideIn(scopes, ns).find(deniesByDefault);
      if (found) return pass(subject, `denied by default by ${found.ref}`);
      return fail(subject, `namespace "${ns}" has no AuthorizationPolicy that denies by default (ALLOW, no selector, and rules that admit only `
        + `callers they name, or none as in the allow-nothing policy spec: {}), neither in the namespace nor in the mesh root namespace "${root}"`);
    });
  },
});
