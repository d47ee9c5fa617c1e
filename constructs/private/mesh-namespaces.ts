import { IConstruct } from 'constructs';
import type { SensitiveNamespace } from '../sensitive-namespace';
import { appRegistry } from './app-registry';

interface Announcements {
  readonly namespaces: SensitiveNamespace[];
  readonly listeners: ((ns: SensitiveNamespace) => void)[];
}

function announcements(scope: IConstruct): Announcements {
  return appRegistry<Announcements>(scope, 'mesh:namespaces', () => ({ namespaces: [], listeners: [] }));
}

/**
 * Records that a namespace of the app is in the mesh, so that mesh-wide constructs (MeshMtls)
 * cover it whether they are created before or after it. Called by SensitiveNamespace.
 */
export function announceMeshNamespace(ns: SensitiveNamespace): void {
  const a = announcements(ns);
  if (a.namespaces.includes(ns)) return;
  a.namespaces.push(ns);
  for (const listener of a.listeners) listener(ns);
}

/** Calls `listener` for every mesh namespace of the app announced so far, and for each one announced later. */
export function onMeshNamespace(scope: IConstruct, listener: (ns: SensitiveNamespace) => void): void {
  const a = announcements(scope);
  a.listeners.push(listener);
  for (const ns of [...a.namespaces]) listener(ns);
}

/** The mesh namespaces of the app announced so far, in the order they were created. */
export function meshNamespaces(scope: IConstruct): readonly SensitiveNamespace[] {
  return [...announcements(scope).namespaces];
}
