import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { weakTlsSettings } from './private/destination-rule-tls';
import { isInClusterHost } from './private/hosts';
import { istioObjects, NETWORKING_GROUP, specOf } from './private/istio';

/** No DestinationRule downgrades traffic to an in-cluster service to plaintext or one-way TLS. */
export const meshDestinationRuleMtls = defineControl({
  id: 'mesh-destination-rule-mtls',
  title: 'DestinationRules keep in-cluster traffic on mutual TLS',
  condition: 'No DestinationRule for an in-cluster host (a short name, *.local, *.svc.cluster.local) sets trafficPolicy.tls.mode '
    + 'DISABLE or SIMPLE, including port-level settings and subsets.',
  severity: 'high',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit (service mesh mTLS)',
  },
  remediation: 'Use tls.mode ISTIO_MUTUAL (or remove the tls block so Istio applies auto-mTLS).',
  example: 'spec:\n  host: ledger.payments.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const rule of istioObjects(ctx.index, 'DestinationRule', NETWORKING_GROUP)) {
      const host = specOf(rule).host;
      if (!isInClusterHost(host)) continue;
      const weak = weakTlsSettings(rule);
      out.push(weak.length === 0 ? pass(rule)
        : fail(rule, `traffic to in-cluster host "${host}" is not mutual TLS: ${weak.map(w => `${w.path.slice('spec.'.length)} is ${w.mode}`).join(', ')}`, weak[0].path));
    }
    return out;
  },
});
