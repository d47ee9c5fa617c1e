import { defineControl, fail, pass } from '../../control';
import { istioObjects, SECURITY_GROUP } from './private/istio';
import { modeLocations } from './private/peer-authentication';

/** No PeerAuthentication turns mutual TLS off, for a workload or for one of its ports. */
export const meshNoMtlsDisable = defineControl({
  id: 'mesh-no-mtls-disable',
  title: 'No PeerAuthentication disables mutual TLS',
  condition: 'No PeerAuthentication sets mode DISABLE, at the top level or in portLevelMtls.',
  severity: 'high',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit (service mesh mTLS)',
  },
  remediation: 'Set the mode to STRICT (or remove it to inherit). A workload that cannot speak mTLS belongs outside the mesh, '
    + 'behind its own encryption.',
  suppressible: false,
  check: ctx => istioObjects(ctx.index, 'PeerAuthentication', SECURITY_GROUP).map(pa => {
    const disabled = modeLocations(pa).filter(l => l.mode === 'DISABLE');
    if (disabled.length === 0) return pass(pa);
    return fail(pa, `mTLS is DISABLE (plaintext) at ${disabled.map(l => l.label).join(', ')}`, disabled[0].path);
  }),
});
