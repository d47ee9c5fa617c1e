import { credentialAssignment, isConfigFileName } from '../../common/config-file-credentials';
import { cannotBeSecret, credentialInValue, isBase64PrivateKey, isCredentialName } from '../../common/credentials';
import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { ConfigMapKeyUses, configMapKeyUses, describeUse, usesOfKey } from './private/config-map-key-uses';
import { NSA } from './private/references';

/**
 * Keys that name documentation: Markdown, reStructuredText, AsciiDoc and HTML files, and the
 * plain-text files only documentation is named as (`README`, Helm's `NOTES.txt`, `LICENSE`). Other
 * `.txt` files may be read by programs (`userlist.txt`, `credentials.txt`), and keys such as
 * `install` or `usage` are often scripts a program runs: they are configuration.
 */
const DOCUMENTATION = /(?:\.(?:md|markdown|mdx|rst|adoc|asciidoc|html?)|^(?:readme|notes|changelog|contributing|license|copying|authors)(?:\.txt)?)$/i;

/** Whether a key names documentation, whose example values (`DB_PASSWORD=changeme`) are not credentials. */
function isDocumentation(key: string): boolean {
  return DOCUMENTATION.test(key);
}

/** Whether a value reads as a file's content rather than one secret: several lines, assignments or words. */
function isFileContent(value: string): boolean {
  return /[\n=:]/.test(value) || /\s/.test(value.trim());
}

/** What is wrong with a key's value (`holds a PEM private key`), read as documentation or not. */
function credentialProblem(field: 'data' | 'binaryData', key: string, value: string, documentation: boolean): string | undefined {
  const inValue = field === 'data' ? credentialInValue(value, { documentation }) : isBase64PrivateKey(value) ? 'a PEM private key' : undefined;
  if (inValue !== undefined) return `holds ${inValue}`;
  if (isCredentialName(key) && !(isConfigFileName(key) && isFileContent(value))) return 'holds a credential';
  if (field !== 'data') return undefined;
  const assigned = credentialAssignment(value, { documentation });
  return assigned ? `is a file that sets ${assigned.name} on line ${assigned.line}` : undefined;
}

/**
 * The first use of a documentation key that hands it to a program as configuration: mounted as a
 * file whose name is not documentation's (`app.env`), or put in an environment variable.
 */
function configurationUse(uses: ConfigMapKeyUses, cm: IndexedObject, key: string): string | undefined {
  const use = usesOfKey(uses, cm, key).find(u => u.mountedAs === undefined || !isDocumentation(u.mountedAs.slice(u.mountedAs.lastIndexOf('/') + 1)));
  return use === undefined ? undefined : describeUse(use);
}

/**
 * ConfigMaps hold no credentials: no credential-named keys with values, no configuration file that
 * assigns one (`admin_password = …`), and no value that is itself a credential (private keys,
 * access key ids, URL passwords, tokens of a known format). Documentation they ship (`README.md`)
 * may show example values (`DB_PASSWORD=changeme`), but no other value and no token; a pod that
 * mounts such a key as `app.env` or reads it into a variable makes it configuration again.
 */
export const configmapNoCredentials = defineControl({
  id: 'configmap-no-credentials',
  title: 'No credentials in ConfigMaps',
  condition: 'No ConfigMap key whose name denotes a credential has a value (other than empty, a boolean or a ${VAR} placeholder; a key named as a file is judged by its content when it holds one), no value is a '
    + 'configuration file that assigns a value to such a name (name = value, name: value, NAME=value), and no value is itself a credential (a PEM private key, plain or base64, an AWS access key id, a URL with a password, a JSON Web Token or bearer token, HTTP basic credentials, a live payment secret key, or a GitHub, GitLab, Slack, Google, npm or SendGrid token). '
    + 'In documentation (a key named *.md, *.rst, *.adoc, *.html, or README, NOTES, CHANGELOG, CONTRIBUTING, LICENSE, COPYING or AUTHORS with or without .txt) an example value given to such a name or as a URL\'s password (changeme, <your-password>, my-secret-password, a value that repeats the name or the user) is not a credential; any other value, and every token of a known format, still is. '
    + 'A key is documentation only while no pod template of the ConfigMap\'s namespace hands it to a program otherwise: mounted as a file whose name is not documentation\'s (a configMap or projected volume item\'s path, a subPath mount, or a subPathExpr mount, which may mount any key), or read into an environment variable (configMapKeyRef, or envFrom of the ConfigMap).',
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
    // Built on the first documentation key that would hold a credential if it were configuration.
    let uses: ConfigMapKeyUses | undefined;
    for (const cm of ctx.index.ofKind('ConfigMap', '')) {
      const before = out.length;
      for (const field of ['data', 'binaryData'] as const) {
        const entries = (cm.raw as any)[field];
        if (!entries || typeof entries !== 'object') continue;
        for (const [key, value] of Object.entries(entries)) {
          if (typeof value !== 'string' || cannotBeSecret(value)) continue;
          const documentation = field === 'data' && isDocumentation(key);
          let problem = credentialProblem(field, key, value, documentation);
          if (problem === undefined && documentation) {
            const asConfiguration = credentialProblem(field, key, value, false);
            const use = asConfiguration === undefined ? undefined : configurationUse(uses ??= configMapKeyUses(ctx.index), cm, key);
            if (use !== undefined) problem = `${asConfiguration}, and ${use}`;
          }
          if (problem !== undefined) out.push(fail(cm, `key "${key}" ${problem}`, `${field}['${key}']`));
        }
      }
      if (out.length === before) out.push(pass(cm));
    }
    return out;
  },
});
