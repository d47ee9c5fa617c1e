/**
 * The script files a container runs from a ConfigMap volume (`command: [/scripts/setup.sh]`,
 * `sh /scripts/setup.sh`), read from the ConfigMap of the set like a `sh -c` script.
 */
import { scriptFileCommand, shebangShell } from '../../../common/shell-command';
import { ManifestIndex } from '../../../manifest-index';
import { PodTemplate } from '../../../types';
import { CommandLine, cutShortWhy, entries, scriptSecrets, SecretVariables } from './command-lines';
import { configMapSources, volumePath } from './config-map-key-uses';
import { normalPath, SecretFiles } from './secret-files';

/** A file of a ConfigMap volume, with the ConfigMap's text of it. */
export interface ConfigMapFile {
  /** The ConfigMap's name. */
  readonly configMap: string;
  /** The key the file holds. */
  readonly key: string;
  /** The key's value. */
  readonly text: string;
}

/** The files of a container's ConfigMap volumes: the ConfigMap key a path holds, when the ConfigMap is in the set. */
export type ConfigMapFiles = (path: string) => ConfigMapFile | undefined;

/**
 * The ConfigMap files of a container: what the file at an absolute path holds when the mount
 * that covers it (the one with the longest mount path, which hides the others) is of a
 * `configMap` volume or a projected volume's `configMap` source, as its `items` name the keys
 * (without them, each file is named by its key), also through a `subPath` mount, and the
 * ConfigMap is in the set, in the pod's namespace. A `subPathExpr` mount, named at run time, holds
 * none; nor does a `binaryData` key.
 */
export function configMapFiles(index: ManifestIndex, pod: PodTemplate, container: any): ConfigMapFiles {
  const volumes: any[] = Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : [];
  const mounts = (Array.isArray(container?.volumeMounts) ? container.volumeMounts as any[] : [])
    .filter(m => typeof m?.mountPath === 'string' && m.mountPath.startsWith('/'))
    .map(m => ({ mount: m, root: normalPath(m.mountPath) }))
    .sort((a, b) => b.root.length - a.root.length);
  return path => {
    const p = normalPath(path);
    const covering = mounts.find(m => p === m.root || p.startsWith(m.root === '/' ? '/' : `${m.root}/`));
    if (covering === undefined || typeof covering.mount.subPathExpr === 'string') return undefined;
    const below = p.slice(covering.root.length);
    const sub = typeof covering.mount.subPath === 'string' ? covering.mount.subPath : '';
    const relative = volumePath(`${sub}/${below}`);
    if (relative === '') return undefined;
    for (const source of configMapSources(volumes.find(v => v?.name === covering.mount.name))) {
      const key = source.items === undefined ? (relative.includes('/') ? undefined : relative)
        : source.items.find(i => volumePath(i.path) === relative)?.key;
      if (key === undefined) continue;
      const configMap = index.get('ConfigMap', pod.namespace, source.name);
      const text = configMap?.group === '' ? (configMap.raw as any).data?.[key] : undefined;
      return typeof text === 'string' ? { configMap: source.name, key, text } : undefined;
    }
    return undefined;
  };
}

/** The secrets a script file a command line runs puts into its programs' arguments. */
export interface ScriptFileSecrets {
  /** The finding's words: `runs script /scripts/setup.sh (ConfigMap db-scripts, key setup.sh), which passes …`. */
  readonly message: string;
  /** The entry that names the file (`command[0]`). */
  readonly path: string;
}

/**
 * The Secret-backed env vars and mounted Secret files that a script file a command line runs
 * (`sh /scripts/setup.sh`, or `/scripts/setup.sh` whose `#!` line names a shell) expands into the
 * arguments of the programs it runs, when the file is a key of a ConfigMap of the set: the script
 * is read as a `sh -c` script is. Only when the container holds a secret at all.
 */
export function scriptFileSecrets(
  line: CommandLine, secret: SecretVariables, secretFiles: SecretFiles, files: () => ConfigMapFiles, workingDir: unknown,
): ScriptFileSecrets | undefined {
  if (!secret.any && !secretFiles.any) return undefined;
  const list = entries(line);
  const command = scriptFileCommand(list.map(e => e.arg));
  if (command === undefined) return undefined;
  const { at } = list[command.file];
  const name = command.name;
  // A relative file is found from the working directory when the shell runs it, and only with a `/` when it is the program (else on PATH).
  const relativeFound = typeof workingDir === 'string' && workingDir.startsWith('/') && (command.shell !== undefined || name.includes('/'));
  const path = name.startsWith('/') ? name : relativeFound ? `${workingDir}/${name}` : undefined;
  if (path === undefined) return undefined;
  const file = files()(path);
  if (file === undefined) return undefined;
  const shell = command.shell ?? shebangShell(file.text);
  if (shell === undefined) return undefined;
  const reading = scriptSecrets(file.text, shell, secret, secretFiles);
  const found = reading.secrets;
  if (found.length === 0 && reading.cutShort.length === 0) return undefined;
  const described = (list: typeof found): string => list.map(e => `${e.name} (${e.how})`).join(', ');
  const vars = found.filter(e => !e.file);
  const read = found.filter(e => e.file);
  const parts: string[] = [];
  if (vars.length > 0) parts.push(`passes Secret-backed env vars into its programs' arguments: ${described(vars)}`);
  if (read.length > 0) parts.push(`reads mounted Secret files into ${vars.length > 0 ? 'them' : 'its programs\' arguments'}: ${described(read)}`);
  if (parts.length > 0) parts[parts.length - 1] += ', where the process list shows them';
  if (reading.cutShort.length > 0) parts.push(`cannot be read fully: ${cutShortWhy(reading.cutShort)}, where a credential would go unseen`);
  return { message: `runs script ${name} (ConfigMap ${file.configMap}, key ${file.key}) in ${at}, which ${parts.join(', and ')}`, path: at };
}
