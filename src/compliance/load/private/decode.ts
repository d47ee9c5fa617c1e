import { isUtf8 } from 'node:buffer';

/** The text of a file, or why it is not UTF-8 text. */
export type Decoded =
  | { readonly text: string }
  | { readonly problem: 'binary' | 'encoding'; readonly message: string; readonly line?: number };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes manifest bytes as UTF-8 text. Refuses binary data (NUL bytes), UTF-16/32 (named, so the
 * user knows to convert) and invalid UTF-8 (with the line of the first bad byte). Drops a UTF-8
 * byte-order mark.
 */
export function decodeManifestBytes(bytes: Buffer): Decoded {
  const utf16 = utf16Bom(bytes);
  if (utf16) return { problem: 'encoding', message: `the file is ${utf16}; convert it to UTF-8` };
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { problem: 'binary', message: 'binary data (NUL byte); expected UTF-8 YAML or JSON', line: lineAt(bytes, nul) };
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    return { problem: 'encoding', message: `invalid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad})`, line: lineAt(bytes, bad) };
  }
  const start = UTF8_BOM.every((b, i) => bytes[i] === b) ? UTF8_BOM.length : 0;
  return { text: normaliseBreaks(bytes.toString('utf8', start)) };
}

function utf16Bom(bytes: Buffer): string | undefined {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'UTF-32LE';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'UTF-32BE';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return undefined;
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, at most
 * U+10FFFF). Only called once `isUtf8` said the buffer is invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = leadByte(bytes[i]);
    if (!lead) return i;
    const [trailing, secondMin, secondMax] = lead;
    for (let k = 1; k <= trailing; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? secondMin : 0x80;
      const hi = k === 1 ? secondMax : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += trailing + 1;
  }
  return bytes.length;
}

/** For a lead byte: how many continuation bytes follow and the range of the first one. */
function leadByte(b: number): [number, number, number] | undefined {
  if (b < 0x80) return [0, 0, 0];
  if (b >= 0xc2 && b <= 0xdf) return [1, 0x80, 0xbf];
  if (b === 0xe0) return [2, 0xa0, 0xbf];
  if (b === 0xed) return [2, 0x80, 0x9f];
  if (b >= 0xe1 && b <= 0xef) return [2, 0x80, 0xbf];
  if (b === 0xf0) return [3, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [3, 0x80, 0xbf];
  if (b === 0xf4) return [3, 0x80, 0x8f];
  return undefined;
}

/**
 * Line breaks as the YAML parser reads them: a lone CR (old Mac files) becomes LF, and a byte
 * order mark at the start of a line (files joined with `cat`, each with its own) is dropped, as
 * YAML allows one before every document. CR LF is left as it is.
 */
function normaliseBreaks(text: string): string {
  if (!text.includes('\r') && !text.includes('\ufeff')) return text;
  return text.replace(/\r(?!\n)/g, '\n').replace(/(^|\n)\ufeff/g, '$1');
}
