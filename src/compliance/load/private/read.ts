import { open, stat } from 'node:fs/promises';

/** Why bytes could not be read. */
export interface ReadProblem {
  readonly code: 'not-found' | 'unreadable' | 'not-a-file' | 'too-large' | 'too-many-directories';
  readonly message: string;
}

/** Bytes read, or why they could not be. */
export type ReadOutcome = { readonly bytes: Buffer } | ReadProblem;

/**
 * Reads a regular file of at most `maxBytes`. The path is checked before it is opened (opening a
 * FIFO would block), the size before reading, and the read itself stops one byte past the limit,
 * so a file that grows meanwhile never costs more than the limit in memory.
 */
export async function readCappedFile(path: string, maxBytes: number): Promise<ReadOutcome> {
  let handle;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { code: 'not-a-file', message: 'not a regular file' };
    if (info.size > maxBytes) return tooLarge(info.size, maxBytes);
    handle = await open(path, 'r');
  } catch (e) {
    return fsProblem(e);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { code: 'not-a-file', message: 'not a regular file' };
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return tooLarge(length, maxBytes);
    return { bytes: buffer.subarray(0, length) };
  } catch (e) {
    return fsProblem(e);
  } finally {
    await handle.close();
  }
}

/** Reads a stream (stdin) up to `maxBytes`; stops reading as soon as the limit is passed. */
export function readCappedStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<ReadOutcome> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (outcome: ReadOutcome) => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      resolve(outcome);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      length += bytes.length;
      if (length > maxBytes) {
        stream.pause();
        chunks.length = 0;
        finish({ code: 'too-large', message: `larger than the limit of ${maxBytes} bytes` });
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => finish({ bytes: Buffer.concat(chunks, length) });
    const onError = (e: Error) => finish({ code: 'unreadable', message: `cannot read: ${e.message}` });
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

function tooLarge(size: number, maxBytes: number): ReadProblem {
  return { code: 'too-large', message: `${size} bytes is larger than the limit of ${maxBytes} bytes` };
}

/** A file-system error as an input problem. */
export function fsProblem(e: unknown): ReadProblem {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: 'not-found', message: 'no such file or directory' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'unreadable', message: 'permission denied' };
  if (code === 'EISDIR') return { code: 'not-a-file', message: 'is a directory' };
  return { code: 'unreadable', message: `cannot read${code ? ` (${code})` : ''}` };
}
