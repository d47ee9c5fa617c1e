/** The provider name used for an access-logging entry that names none (the mesh default). */
const DEFAULT_PROVIDER = '';

/**
 * The access-log providers left enabled by a chain of Telemetry `accessLogging` lists, applied
 * from the least to the most specific (root namespace, namespace, workload). A later entry
 * overrides earlier ones for the providers it names; an entry without providers addresses the
 * mesh's default providers, and when it is `disabled` it is taken to turn every provider off.
 * Only named providers are returned: a default provider is configured outside the manifests, so
 * it is no evidence that logs are written.
 */
export function enabledAccessLogProviders(chain: readonly unknown[]): string[] {
  const state = new Map<string, boolean>();
  for (const list of chain) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!entry || typeof entry !== 'object') continue;
      const on = (entry as any).disabled !== true;
      const providers = Array.isArray((entry as any).providers) ? (entry as any).providers : [];
      const names = providers.map((p: any) => p?.name).filter((n: unknown): n is string => typeof n === 'string' && n !== '');
      if (names.length > 0) {
        for (const n of names) state.set(n, on);
      } else if (on) {
        state.set(DEFAULT_PROVIDER, true);
      } else {
        for (const k of [...state.keys()]) state.set(k, false);
      }
    }
  }
  return [...state].filter(([name, on]) => on && name !== DEFAULT_PROVIDER).map(([name]) => name).sort();
}
