import { SourceLocation } from '../types';

/** What kind of input problem an {@link InputError} is, for programs that react to it. */
export type InputErrorCode =
  /** The path does not exist. */
  | 'not-found'
  /** The path exists but could not be read (permissions, I/O). */
  | 'unreadable'
  /** The path is neither a regular file nor a directory (FIFO, device, socket). */
  | 'not-a-file'
  /** The file or stdin is larger than the size limit. */
  | 'too-large'
  /** The file holds binary data (NUL bytes). */
  | 'binary'
  /** The file is not UTF-8 (invalid bytes, or UTF-16/32). */
  | 'encoding'
  /** The YAML or JSON is malformed. */
  | 'syntax'
  /** A mapping repeats a key. */
  | 'duplicate-key'
  /** Aliases expand beyond the limit (an alias bomb). */
  | 'alias-limit'
  /** A file has more tokens than the limit, reached in this document (what it reads into would not fit in memory). */
  | 'too-complex'
  /** The document nests deeper than the limit. */
  | 'too-deep'
  /** The document parsed but is not a Kubernetes object. */
  | 'not-kubernetes'
  /** A file (or stdin) named explicitly holds no document at all. */
  | 'empty'
  /** A directory holds no `.yaml`, `.yml` or `.json` file with Kubernetes objects. */
  | 'no-manifests'
  /** More documents than the limit; the rest were not read. */
  | 'too-many-documents'
  /** A directory holds more directories than the limit; none of its files were read. */
  | 'too-many-directories';

/** A problem with the input, located as precisely as possible. */
export interface InputError {
  /** The file relative to the working directory, or `<stdin>` (unless {@link LoadOptions.stdinName} names it). */
  readonly file: string;
  /** 1-based document number inside the file. @default - the whole file */
  readonly document?: number;
  /** 1-based line. @default - unknown */
  readonly line?: number;
  /** 1-based column. @default - unknown */
  readonly column?: number;
  readonly code: InputErrorCode;
  /** What is wrong, in one line. */
  readonly message: string;
}

/** A parsed document and where it came from. */
export interface LoadedDocument {
  readonly doc: unknown;
  readonly source: SourceLocation;
}

/** The Kubernetes objects read from the inputs and the problems met on the way. */
export interface LoadResult {
  /** Every Kubernetes object, in input order (files sorted, `List` items expanded). */
  readonly documents: LoadedDocument[];
  readonly errors: InputError[];
  /**
   * Files found inside directories that were skipped because none of their documents has a
   * `kind` (package.json, tsconfig.json, cdk8s.yaml, Helm values, SARIF or evidence JSON, …): they
   * are not manifests. Files named explicitly are never skipped.
   */
  readonly skipped: string[];
}

/** Limits of parsing, shared by files and in-memory text. */
export interface ParseLimits {
  /**
   * Deepest nesting of mappings and sequences accepted in a document (Kubernetes objects rarely
   * exceed 20; a CRD schema stays well under 100).
   * @default 100
   */
  readonly maxDepth?: number;
  /** Most alias expansions accepted in a document. @default 100 */
  readonly maxAliasCount?: number;
  /**
   * Most tokens accepted in one file or stdin: YAML tokens (scalars, indicators, spaces, line
   * breaks) in what the YAML reader reads, JSON tokens (strings, numbers, `true`, `false`, `null`
   * and the punctuation `{}[]:,`) in JSON that JSON.parse reads, which are never more than the
   * YAML tokens of the same text, and about half of them or more when it has no spaces. A
   * document's syntax tree (each item's, in a kubectl `List`), built whole, costs about 550 bytes
   * per YAML token; JSON.parse's values about 40 bytes per JSON token at most (empty objects), and
   * a file is counted before any tree larger than a Kubernetes object is built, so this bounds memory whatever the file
   * holds (the heaviest 10 MiB peaks at about 1.8 GB): manifests written as block YAML have about
   * 0.25 YAML tokens per byte; JSON 0.19 without spaces and 0.12 as kubectl indents it, which are
   * 0.19 and 0.06 JSON tokens; a flow sequence of `{},{},…` has 1.
   * @default - 0.3 per byte of `maxFileBytes` (3.1 million for 10 MiB)
   */
  readonly maxTokens?: number;
  /** Most objects accepted in total; reading stops after that. @default 100000 */
  readonly maxDocuments?: number;
}

/** Options of {@link loadManifests}. */
export interface LoadOptions extends ParseLimits {
  /** Largest file (and stdin) accepted, in bytes. @default 10 MiB */
  readonly maxFileBytes?: number;
  /** The stream read for the input `-`. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
  /**
   * The file the input `-` stands for (`chart/rendered.yaml`), named in its sources and errors as
   * the paths of files are (relative to `cwd` when below it), so that reports locate its objects
   * in that file. It need not exist; it is never read. @default `<stdin>`
   */
  readonly stdinName?: string;
  /** The directory relative paths are resolved from and reported against. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Most directories visited under one directory argument (symbolic links followed), so that a
   * path such as `/` or `/proc` is refused instead of walked for ever. @default 10000
   */
  readonly maxDirectories?: number;
}

/** Default of {@link LoadOptions.maxDirectories}. */
export const DEFAULT_MAX_DIRECTORIES = 10_000;
/** Default of {@link LoadOptions.maxFileBytes}: 10 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Default of {@link ParseLimits.maxDepth}. */
export const DEFAULT_MAX_DEPTH = 100;
/** Default of {@link ParseLimits.maxAliasCount}. */
export const DEFAULT_MAX_ALIAS_COUNT = 100;
/** Default of {@link ParseLimits.maxTokens} per byte of {@link LoadOptions.maxFileBytes}. */
export const DEFAULT_TOKENS_PER_BYTE = 0.3;
/** Default of {@link ParseLimits.maxTokens} for the default file size. */
export const DEFAULT_MAX_TOKENS = Math.ceil(DEFAULT_MAX_FILE_BYTES * DEFAULT_TOKENS_PER_BYTE);
/** Default of {@link ParseLimits.maxDocuments}. */
export const DEFAULT_MAX_DOCUMENTS = 100_000;
/** How stdin is named in sources and errors. */
export const STDIN_NAME = '<stdin>';
