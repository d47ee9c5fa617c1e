import { isConfigFileName } from '../../src/compliance/common/config-file-credentials';
import { isCredentialName } from '../../src/compliance/common/credentials';
import { PropProblem } from '../errors';
import type { ConfigMapKeyRef } from '../key-refs';
import { checkFileRef, MountedObject } from './mounted-files';
import type { ReadOnlyDir } from './paths';

/** Where configuration files are mounted: `<dir>/<file name>`. */
export const CONFIG_DIR = '/etc/app';

/** The configuration files' directory, which no writable volume may overlap when the workload has configFiles. */
export const CONFIG_MOUNT: ReadOnlyDir = { path: CONFIG_DIR, holds: 'configFiles' };

/** The name of the projected volume of the configuration files. */
export const CONFIG_VOLUME = 'config-files';

/** Files that hold key material whatever their name: a private key, a PKCS #12 bundle, a Java keystore, an SSH identity. */
const KEY_MATERIAL = /\.(?:key|p12|pfx|jks|keystore)$|^id_(?:rsa|dsa|ecdsa|ed25519)$/i;

/**
 * Validates `configFiles`: file names, a `{ configMap, key }` reference of a ConfigMap name and key
 * for each, and nothing that reads as a credential by its name (a file or key named for one, but a
 * configuration file judged by its content, as the configmap-no-credentials control judges it; key
 * material such as `tls.key`): credentials belong in `secretFiles`.
 */
export function checkConfigFiles(configFiles: Readonly<Record<string, unknown>>, found: PropProblem[]): void {
  for (const [file, ref] of Object.entries(configFiles)) {
    const checked = checkFileRef(CONFIG_FILES, file, ref, found);
    if (checked === undefined) continue;
    // A name refused above is not judged again: its fix would name it.
    const { name, key, fileValid, nameValid, keyValid } = checked;
    const secretLike = [fileValid ? file : undefined, keyValid ? key : undefined, nameValid ? name : undefined]
      .find(n => typeof n === 'string' && readsAsCredential(n));
    if (secretLike !== undefined) {
      found.push({ prop: `configFiles.${file}`, value: secretLike, problem: 'is named for a credential, which a ConfigMap must not hold: anyone who may read the namespace\'s ConfigMaps reads it, and it is neither encrypted at rest nor kept out of logs',
        fix: `mount it from a Secret: secretFiles: { "${file}": { secret: "<name>", key: "<key>" } }, or rename the file if it holds no secret` });
    }
  }
}

/** What `configFiles` refers to. */
const CONFIG_FILES: MountedObject = { prop: 'configFiles', kind: 'ConfigMap', nameKey: 'configMap', example: { file: 'app.yaml', name: 'app-config', key: 'app.yaml' } };

/**
 * Files programs read credentials from, whatever their content looks like: PostgreSQL's `.pgpass`,
 * `.netrc`, Apache's `htpasswd` and `htdigest`, a kubeconfig, npm's and pip's registry settings,
 * git's stored credentials.
 */
const CREDENTIAL_FILES = /^\.?(?:pgpass|netrc|htpasswd|htdigest|kubeconfig|npmrc|pypirc|git-credentials)$/i;
/** A file name's last word naming what a credential is (`db-password`, `api-token`, `credentials`). */
const CREDENTIAL_WORD = /(?:^|[-_.])(?:pass(?:word|wd)?s?|secrets?|tokens?|credentials?|api-?keys?|private-?keys?)$/i;

/**
 * Whether a file or key name reads as a credential: key material, a credential file, a name whose
 * stem (the name without its extension) ends in what a credential is (`password.txt`,
 * `credentials.json`, `api-token.env`), or a credential's name that is no configuration file's.
 * The construct never sees the ConfigMap's content, so a configuration file's extension does not
 * excuse a name that says it holds a credential; `password-policy.json` says it holds a policy.
 */
function readsAsCredential(name: string): boolean {
  const stem = name.replace(/(?<=.)\.[A-Za-z0-9]+$/, '');
  return KEY_MATERIAL.test(name) || CREDENTIAL_FILES.test(stem) || CREDENTIAL_WORD.test(stem)
    || (isCredentialName(name) && !isConfigFileName(name));
}

/**
 * The projected volume of the configuration files: one source per ConfigMap (by name), its items
 * sorted by file name, every file read-only for the pod's user and group.
 */
export function configFilesVolume(configFiles: Readonly<Record<string, ConfigMapKeyRef>>): Record<string, unknown> {
  const byConfigMap = new Map<string, { key: string; path: string }[]>();
  for (const file of Object.keys(configFiles).sort()) {
    const ref = configFiles[file];
    const items = byConfigMap.get(ref.configMap) ?? [];
    items.push({ key: ref.key, path: file });
    byConfigMap.set(ref.configMap, items);
  }
  return {
    name: CONFIG_VOLUME,
    projected: {
      defaultMode: 0o440,
      sources: [...byConfigMap.keys()].sort().map(name => ({ configMap: { name, items: byConfigMap.get(name)! } })),
    },
  };
}
