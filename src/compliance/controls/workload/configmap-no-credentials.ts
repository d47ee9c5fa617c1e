import { cannotBeSecret, credentialInValue, isBase64PrivateKey, isCredentialName } from '../../common/credentials';
import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { NSA } from './private/references';

/** ConfigMaps hold no credentials: no credential-named keys with values, and no private keys, AWS key ids or URL passwords. */
export const configmapNoCredentials = defineControl({
  id: 'configmap-no-credentials',
  title: 'No credentials in ConfigMaps',
  condition: 'No ConfigMap key whose name denotes a credential has a value (other than empty, a boolean or a ${VAR} placeholder), and no value is a PEM private key, an AWS access key id or a URL with a password.',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    nsa: NSA.secrets,
    kubescape: ['C-0012'],
    polaris: ['sensitiveConfigmapContent'],
  },
  remediation: 'Move credentials into a Secret (ideally synced from an external secret store) and mount or reference it; rotate any credential that was committed in a manifest.',
  example: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: <from the secret store>',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const cm of ctx.index.ofKind('ConfigMap', '')) {
      const before = out.length;
      for (const field of ['data', 'binaryData'] as const) {
        const entries = (cm.raw as any)[field];
        if (!entries || typeof entries !== 'object') continue;
        for (const [key, value] of Object.entries(entries)) {
          if (typeof value !== 'string' || cannotBeSecret(value)) continue;
          const inValue = field === 'data' ? credentialInValue(value) : isBase64PrivateKey(value) ? 'a PEM private key' : undefined;
          if (inValue !== undefined) out.push(fail(cm, `key "${key}" holds ${inValue}`, `${field}['${key}']`));
          else if (isCredentialName(key)) out.push(fail(cm, `key "${key}" holds a credential`, `${field}['${key}']`));
        }
      }
      if (out.length === before) out.push(pass(cm));
    }
    return out;
  },
});
