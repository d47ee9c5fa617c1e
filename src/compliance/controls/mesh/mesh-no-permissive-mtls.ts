import { ResolvedComplianceConfig } from '../../config';
import { defineControl, fail, pass } from '../../control';
import { addDays } from '../../private/days';
import { suppressionsOf } from '../../suppressions';
import { Control, Suppression } from '../../types';
import { istioObjects, SECURITY_GROUP } from './private/istio';
import { modeLocations } from './private/peer-authentication';

const ID = 'mesh-no-permissive-mtls';

/** The longest PERMISSIVE migration window, in days from the day of the check. */
export const MAX_MIGRATION_WINDOW_DAYS = 180;

/**
 * What the message says about the migration window a suppression declares: one that runs past
 * the latest day accepted (the shorter of {@link MAX_MIGRATION_WINDOW_DAYS} and the
 * maxSuppressionDays setting) is not honoured, and is not called a window.
 */
function windowNote(suppression: Suppression | undefined, config: ResolvedComplianceConfig): string {
  if (suppression === undefined) return '; use STRICT, or declare a migration window with a suppression that has an expiry';
  if (suppression.expires === undefined) {
    return ', and its suppression has no expiry: PERMISSIVE is accepted only as a migration window ("until YYYY-MM-DD: reason")';
  }
  if (suppression.expires < config.today) return `, and its migration window ended on ${suppression.expires}`;
  const latest = addDays(config.today, Math.min(MAX_MIGRATION_WINDOW_DAYS, config.maxSuppressionDays ?? MAX_MIGRATION_WINDOW_DAYS));
  if (suppression.expires > latest) return `, and its migration window until ${suppression.expires} runs past ${latest}, the latest accepted today`;
  return ` during a migration window until ${suppression.expires}`;
}

const control = {
  id: ID,
  title: 'PERMISSIVE mTLS only as a dated migration window',
  condition: 'No PeerAuthentication sets mode PERMISSIVE unless a suppression with a reason and an expiry date declares a migration window.',
  severity: 'high',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit (service mesh mTLS)',
  },
  remediation: 'Set the mode to STRICT once every client has a sidecar. While migrating, annotate the PeerAuthentication with '
    + `soc2.cdk8s.io/suppress.${ID}: "until YYYY-MM-DD: <reason>".`,
  example: `metadata:\n  annotations:\n    soc2.cdk8s.io/suppress.${ID}: "until 2027-03-31: legacy batch clients move into the mesh; SEC-201"`,
  suppressionRequiresExpiry: true,
  maxSuppressionDays: MAX_MIGRATION_WINDOW_DAYS,
  check: ctx => istioObjects(ctx.index, 'PeerAuthentication', SECURITY_GROUP).map(pa => {
    const permissive = modeLocations(pa).filter(l => l.mode === 'PERMISSIVE');
    if (permissive.length === 0) return pass(pa);
    const where = `mTLS is PERMISSIVE (accepts plaintext) at ${permissive.map(l => l.label).join(', ')}`;
    const suppression = suppressionsOf(pa).get(ID);
    return fail(pa, `${where}${windowNote(suppression, ctx.config)}`, permissive[0].path);
  }),
} satisfies Control;

/**
 * PERMISSIVE mTLS accepts plaintext: it exists only as a migration window, declared by a
 * suppression with a reason and an expiry.
 */
export const meshNoPermissiveMtls = defineControl(control);
