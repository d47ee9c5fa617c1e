/** The side of a request a proxy logs: the requests a workload sends (CLIENT) or receives (SERVER). */
export type AccessLogMode = 'CLIENT' | 'SERVER';

/** The entries of one level's `accessLogging` list that are mappings; a level without a list has none. */
function entriesOf(level: unknown): any[] {
  return Array.isArray(level) ? level.filter(e => e !== null && typeof e === 'object' && !Array.isArray(e)) : [];
}

/** The provider names an entry gives. */
function providerNames(entry: any): string[] {
  const providers: unknown[] = Array.isArray(entry.providers) ? entry.providers : [];
  return providers.map((p: any) => p?.name).filter((n: unknown): n is string => typeof n === 'string' && n !== '');
}

/** Whether an entry applies to one side (`match.mode` absent or CLIENT_AND_SERVER: both). */
function matchesMode(entry: any, mode: AccessLogMode): boolean {
  const m = entry.match?.mode;
  return m === undefined || m === null || m === 'CLIENT_AND_SERVER' || m === mode;
}

/** What the mesh configuration says of access logs. */
export interface MeshLogging {
  /** `defaultProviders.accessLogging`: the providers in scope and on before any Telemetry. */
  readonly defaults: readonly string[];
  /** `accessLogFile`, the file every proxy logs to when no Telemetry and no default provider configures logging. @default - none */
  readonly file?: string;
}

/** A mesh configuration that says nothing of access logs: Istio's defaults. */
const NO_MESH_LOGGING: MeshLogging = { defaults: [] };

/**
 * The access-log providers left enabled for one side by a chain of Telemetry `accessLogging`
 * lists, applied from the least to the most specific (root namespace, namespace, workload), as
 * istiod merges them:
 * - only the providers named by the most specific level that names any (for that side) are in
 *   scope, else the mesh's default providers: a namespace that names only `otel`, even to turn it
 *   off, drops the root's `envoy`;
 * - an entry without providers addresses the providers of the entry before it (the mesh's default
 *   providers for the first);
 * - the mesh's default providers are on until an entry turns them off; each entry for that side
 *   turns its providers on, or off when `disabled: true`;
 * - with no entry and no default provider, istiod falls back to the mesh's `accessLogFile`, which
 *   logs both sides (named `accessLogFile <path>`).
 *
 * `mesh` is what the manifests show of the mesh configuration ({@link MeshLogging}); without it an
 * entry that names no provider, with nothing before it, is no evidence that logs are written.
 * @see https://istio.io/latest/docs/tasks/observability/telemetry/
 */
export function enabledAccessLogProviders(chain: readonly unknown[], mode: AccessLogMode, mesh: MeshLogging = NO_MESH_LOGGING): string[] {
  const given = chain.map(entriesOf).filter(entries => entries.length > 0);
  if (given.length === 0 && mesh.defaults.length === 0) return mesh.file ? [`accessLogFile ${mesh.file}`] : [];
  const levels = mesh.defaults.length > 0 ? [[{ providers: mesh.defaults.map(name => ({ name })) }], ...given] : given;
  let scope = new Set<string>();
  for (const entries of levels) {
    const named = new Set(entries.filter(e => matchesMode(e, mode)).flatMap(providerNames));
    if (named.size > 0) scope = named;
  }
  const state = new Map<string, boolean>();
  let parent: string[] = [];
  for (const entries of levels) {
    for (const entry of entries) {
      const own = providerNames(entry);
      const names = own.length > 0 ? own : parent;
      parent = names;
      if (!matchesMode(entry, mode)) continue;
      for (const name of names) if (scope.has(name)) state.set(name, entry.disabled !== true);
    }
  }
  return [...state].filter(([, on]) => on).map(([name]) => name).sort();
}

/** The providers enabled on each side ({@link enabledAccessLogProviders}). */
export interface AccessLogProviders {
  readonly client: readonly string[];
  readonly server: readonly string[];
}

/** The providers a chain of `accessLogging` lists enables on each side, under what the mesh configuration says of logs. */
export function accessLogProviders(chain: readonly unknown[], mesh: MeshLogging = NO_MESH_LOGGING): AccessLogProviders {
  return { client: enabledAccessLogProviders(chain, 'CLIENT', mesh), server: enabledAccessLogProviders(chain, 'SERVER', mesh) };
}

/** What a mesh configuration says of access logs: its default providers and its `accessLogFile`. */
export function meshLogging(config: Readonly<Record<string, any>> | undefined): MeshLogging {
  const defaults: unknown[] = Array.isArray(config?.defaultProviders?.accessLogging) ? config!.defaultProviders.accessLogging : [];
  const file = config?.accessLogFile;
  return {
    defaults: defaults.filter((n): n is string => typeof n === 'string' && n !== ''),
    ...(typeof file === 'string' && file !== '' ? { file } : {}),
  };
}

/**
 * What a message adds about the requests left without logs, naming the workloads as `who`:
 * `undefined` when the requests they receive (SERVER) are logged, which records every call made
 * to them whatever logs their callers keep; nothing more when no side is logged; else that the
 * received side is not.
 */
export function missingSide(providers: AccessLogProviders, who: string): string | undefined {
  if (providers.server.length > 0) return undefined;
  return providers.client.length > 0 ? ` for the requests ${who} receive (SERVER)` : '';
}
