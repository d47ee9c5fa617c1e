/** Where the CLI reads and writes: the process, or anything that looks like it (tests). */
export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream;
  /** The directory relative paths are resolved from. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The part of a writable stream the CLI uses. */
export interface OutputStream {
  write(text: string): unknown;
  /** Whether it is a terminal (colours, widths). */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The real process streams, directory and environment. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}
