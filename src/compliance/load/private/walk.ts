import { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compare as comparePaths } from '../../common/compare';
import { fsProblem, ReadProblem } from './read';

/** File names the loader reads inside directories. */
export const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The manifest files under a path, and the directories that could not be read. */
export interface Walked {
  /** Absolute paths, sorted; for a file argument, just that file. */
  readonly files: string[];
  /** Whether the path is a directory (an empty `files` then means "no manifests"). */
  readonly directory: boolean;
  readonly problems: Array<{ readonly path: string } & ReadProblem>;
}

/**
 * Lists the manifest files (`*.yaml`, `*.yml`, `*.json`) under a path: the path itself when it is a
 * file (whatever its name), or every matching file below it when it is a directory — recursively,
 * sorted, skipping dot-files, dot-directories and `node_modules`. Symbolic links are followed, each
 * directory is visited once (no loops). Iterative, so deep trees cannot overflow the stack; a tree
 * of more than `maxDirectories` directories is refused as a whole, so that time and memory stay
 * bounded whatever the path (`/`, or `/proc`, whose links lead back to `/`).
 */
export async function walkInput(path: string, maxDirectories: number): Promise<Walked | ({ readonly path: string } & ReadProblem)> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    return { path, ...fsProblem(e) };
  }
  if (!info.isDirectory()) return { files: [path], directory: false, problems: [] };
  const files: string[] = [];
  const problems: Walked['problems'] = [];
  const visited = new Set<string>();
  const pending = [path];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    try {
      const real = await realpath(dir);
      if (visited.has(real)) continue;
      if (visited.size >= maxDirectories) {
        return { path, code: 'too-many-directories', message: `holds more than ${maxDirectories} directories, so none of it was read; name the directories that hold the manifests` };
      }
      visited.add(real);
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const child = join(dir, entry.name);
        const manifest = MANIFEST_FILE.test(entry.name);
        const target = entry.isSymbolicLink() ? await linkTarget(child) : entry;
        if ('problem' in target) {
          // A link that leads nowhere is a problem only where a manifest was expected.
          if (manifest) problems.push({ path: child, ...target.problem });
        } else if (target.isDirectory()) {
          pending.push(child);
        } else if (manifest) {
          if (target.isFile()) files.push(child);
          else problems.push({ path: child, code: 'not-a-file', message: 'is not a regular file (a pipe, socket or device), so it was not read' });
        }
      }
    } catch (e) {
      problems.push({ path: dir, ...fsProblem(e) });
    }
  }
  files.sort(comparePaths);
  return { files, directory: true, problems };
}

/** What a symbolic link leads to, or why it leads nowhere (dangling, a loop, unreadable). */
async function linkTarget(path: string): Promise<Stats | { readonly problem: ReadProblem }> {
  try {
    return await stat(path);
  } catch (e) {
    return { problem: fsProblem(e) };
  }
}
