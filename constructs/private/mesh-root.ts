import { IConstruct } from 'constructs';
import { PropProblem } from '../errors';
import { appRegistry } from './app-registry';
import { appConfig } from './enforce';

/** How many construct paths a problem names before it counts the rest. */
const NAMED_PATHS = 3;

/** Where the app records its MeshMtls: one per app, as the app has one mesh root namespace. */
interface AppMesh {
  path?: string;
}

/** The construct path of the app's MeshMtls, `undefined` while it has none. */
export function appMesh(scope: IConstruct): string | undefined {
  return appRegistry<AppMesh>(scope, 'mesh:mtls', () => ({})).path;
}

/** Records `mesh` as the app's MeshMtls. */
export function setAppMesh(mesh: IConstruct): void {
  appRegistry<AppMesh>(mesh, 'mesh:mtls', () => ({})).path = mesh.node.path;
}

/**
 * The problem with a mesh root namespace given in a construct's props, `undefined` when it is the
 * app's meshRootNamespace setting. An app has one mesh root namespace, that setting: MeshMtls puts
 * the mesh-wide policies there, every SensitiveNamespace points its sidecars' way to istiod there
 * (allow-dns NetworkPolicy, Sidecar egress), and the compliance check looks there for the
 * mesh-wide policies. A prop may repeat the setting, never move one side away from the others.
 * `others` says which constructs of the app follow the setting, naming them where known.
 */
export function meshRootProblem(scope: IConstruct, prop: string, value: string, others: string): PropProblem | undefined {
  const setting = appConfig(scope).meshRootNamespace;
  if (value === setting) return undefined;
  return {
    prop, value,
    problem: `differs from the app's meshRootNamespace setting "${setting}", the app's one mesh root namespace: ${others}; `
      + `on a cluster either the sidecars could not reach istiod or the mesh-wide policies would apply to no namespace, and the compliance check looks for them in "${setting}"`,
    fix: `remove this prop to use "${setting}"; or, if the mesh's root is "${value}", set it once as the app's setting, `
      + `new CompliantApp({ compliance: { meshRootNamespace: "${value}" } }) (and in the validation plugin's properties or \`cdk8s-soc2 check --config\`)`,
  };
}

/** Construct paths for a message: the first few, and how many more there are. */
export function namePaths(paths: readonly string[]): string {
  const named = paths.slice(0, NAMED_PATHS).join(', ');
  return paths.length > NAMED_PATHS ? `${named} and ${paths.length - NAMED_PATHS} more` : named;
}
