import { LoadOptions, ParseLimits } from '../types';

/** The keys of {@link ParseLimits} (one added to the interface and not here does not compile). */
export const PARSE_LIMIT_KEYS: readonly string[] = Object.keys({
  maxDepth: true, maxAliasCount: true, maxTokens: true, maxDocuments: true,
} satisfies Record<keyof ParseLimits, true>);

/** The keys of {@link LoadOptions}, its parse limits included. */
export const LOAD_OPTION_KEYS: readonly string[] = [...PARSE_LIMIT_KEYS, ...Object.keys({
  maxFileBytes: true, stdin: true, stdinName: true, cwd: true, maxDirectories: true,
} satisfies Record<Exclude<keyof LoadOptions, keyof ParseLimits>, true>)];

/** The parse limits among load options. */
export function parseLimitsOf(options: LoadOptions): ParseLimits {
  return { maxDepth: options.maxDepth, maxAliasCount: options.maxAliasCount, maxTokens: options.maxTokens, maxDocuments: options.maxDocuments };
}
