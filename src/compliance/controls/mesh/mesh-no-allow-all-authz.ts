import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { allowAllProblems, isAllowPolicy, isDryRun } from './private/authorization';
import { istioObjects, meshNotRequired, SECURITY_GROUP } from './private/istio';

/** Every ALLOW rule names the callers it admits. */
export const meshNoAllowAllAuthz = defineControl({
  id: 'mesh-no-allow-all-authz',
  title: 'Authorization rules name their callers',
  condition: 'No ALLOW AuthorizationPolicy has an empty rule, a rule without from, or a source that names no caller '
    + '(only negative matches, only IP blocks, the wildcard "*", a principal prefix that stops short of a namespace — cluster.local/*, '
    + 'cluster.local*, cluster.local/n*, c* — or a namespace pattern Istio matches for every principal, such as *a or */*); '
    + 'callers are named by principals or namespaces, or by requestPrincipals where a RequestAuthentication validates the JWT, '
    + 'in from or in a when condition on source.principal, source.namespace or request.auth.principal.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    nsa: 'Network separation and hardening: least-privilege network policies',
  },
  remediation: 'Give every rule a from.source with the principals (cluster.local/ns/<ns>/sa/<sa>) or namespaces it admits. '
    + 'Use positive matches in ALLOW policies and put exclusions in DENY policies.',
  example: 'rules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/payments/sa/api"]\n  to:\n  - operation:\n      ports: ["8080"]',
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const root = ctx.config.meshRootNamespace;
    const jwt = ctx.index.cached('mesh:request-authn-namespaces', () =>
      new Set(istioObjects(ctx.index, 'RequestAuthentication', SECURITY_GROUP).map(o => o.namespace)));
    const out: CheckResult[] = [];
    for (const policy of istioObjects(ctx.index, 'AuthorizationPolicy', SECURITY_GROUP)) {
      if (!isAllowPolicy(policy) || isDryRun(policy)) continue;
      const problems = allowAllProblems(policy, jwt.has(root) || jwt.has(policy.namespace));
      out.push(problems.length === 0 ? pass(policy) : fail(policy, problems.map(p => p.message).join('; '), problems[0].path));
    }
    return out;
  },
});
