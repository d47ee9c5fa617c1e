/** A YAML document that could not be read, and why. */
export interface StreamFailure {
  readonly index: number;
  readonly line: number;
  readonly column?: number;
  readonly problem: StreamProblem;
  readonly message: string;
  /** Whether the problem stops the reading of the rest of the text (a budget passed): no document follows it. @default false */
  readonly refusesRest?: boolean;
}

/** One YAML document of a stream: its value, or why it could not be read. */
export type StreamDocument =
  | {
    readonly index: number; readonly line: number; readonly value: unknown; readonly empty: boolean;
    /** For a Kubernetes list (`kind: List`, `<Kind>List`), the line where each of its `items` starts. */
    readonly itemLines?: readonly number[];
  }
  | StreamFailure;

/** What went wrong with one document. */
export type StreamProblem = 'syntax' | 'duplicate-key' | 'alias-limit' | 'too-deep' | 'too-complex';

/** Limits applied to every document. */
export interface StreamLimits {
  readonly maxDepth: number;
  readonly maxAliasCount: number;
  /**
   * Most lexical tokens in the whole text (bounds the memory of what is read): JSON tokens for
   * the JSON that JSON.parse reads (`oversizedJsonValue`), YAML tokens for the text the
   * YAML reader reads (`TokenCounter`).
   */
  readonly maxTokens: number;
}
