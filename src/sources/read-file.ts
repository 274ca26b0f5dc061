import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Fragment, Notice, Provenance } from '../core/types.js';

export interface ReadOptions {
  /** Files larger than this are skipped with a notice. */
  maxFileSize: number;
  /** Files larger than this are scanned as overlapping chunks, so memory stays bounded. */
  chunkSize: number;
  /** Characters each chunk repeats from the previous one, so a secret cut by a boundary is seen whole. */
  overlap: number;
}

export const DEFAULT_READ: ReadOptions = { maxFileSize: 25 * 1024 * 1024, chunkSize: 8 * 1024 * 1024, overlap: 64 * 1024 };

/** git and ripgrep's heuristic: a NUL byte in the first 8 KiB means binary. */
const SNIFF = 8192;

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

function sniff(head: Buffer): { encoding: Encoding; bomLength: number } | 'binary' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  return head.includes(0) ? 'binary' : { encoding: 'utf8', bomLength: 0 };
}

/** Whether content would be skipped as binary (NUL in the first 8 KiB, no UTF-16 byte order mark). */
export function looksBinary(bytes: Buffer): boolean {
  return sniff(bytes.subarray(0, SNIFF)) === 'binary';
}

function swapBytes(b: Buffer): Buffer {
  const out = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  return out.swap16();
}

/** Counts line breaks and the length of the last partial line, to position the next chunk. */
function advance(text: string, state: { lines: number; column: number }): void {
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    state.lines++;
    last = i;
  }
  state.column = last === -1 ? state.column + text.length : text.length - last - 1;
}

/**
 * Reads a file as text fragments. Small files give one fragment; large ones give overlapping
 * chunks whose positions are those of the whole file. Binary and oversized files give a notice.
 */
export async function* readFragments(absPath: string, provenance: Provenance, size: number, options: ReadOptions, notices: Notice[]): AsyncGenerator<Fragment> {
  const path = provenance.path;
  if (size > options.maxFileSize) {
    notices.push({ kind: 'too-large', path, level: 'warning', message: `skipped: ${formatBytes(size)} is over --max-file-size ${formatBytes(options.maxFileSize)}` });
    return;
  }
  if (size <= options.chunkSize) {
    yield* readSmall(absPath, provenance, options, notices);
    return;
  }
  let handle: FileHandle;
  try {
    handle = await open(absPath, 'r');
  } catch (e) {
    notices.push({ kind: 'unreadable', path, level: 'warning', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  try {
    const head = Buffer.alloc(Math.min(SNIFF, Math.max(size, 1)));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const kind = sniff(head.subarray(0, bytesRead));
    if (kind === 'binary') {
      notices.push({ kind: 'binary', path, level: 'info', message: 'skipped: binary file (NUL byte in the first 8 KiB)' });
      return;
    }
    const decoder = new StringDecoder(kind.encoding === 'utf16be' ? 'utf16le' : kind.encoding);
    const buffer = Buffer.alloc(Math.min(options.chunkSize, Math.max(size, 1)));
    let position = kind.bomLength;
    let carry = '';
    const state = { lines: 0, column: 0, offset: 0 };
    let invalid = false;
    for (;;) {
      const { bytesRead: n } = await handle.read(buffer, 0, buffer.length, position);
      position += n;
      // The size seen by the walk bounds the read: a file that grows meanwhile is not chased.
      const eof = n === 0 || position >= size;
      let bytes: Buffer = buffer.subarray(0, n);
      if (kind.encoding === 'utf16be') bytes = swapBytes(bytes);
      // Most source is ASCII: latin1 is then the same text, copied instead of decoded. The decoder
      // holds no partial character here, since a split one would make this chunk start non-ASCII.
      const text = kind.encoding === 'utf8' && isAscii(bytes) ? bytes.toString('latin1') + (eof ? decoder.end() : '') : decoder.write(bytes) + (eof ? decoder.end() : '');
      if (!invalid && text.includes('\uFFFD')) invalid = true;
      // Nothing new: the carry was already scanned at the end of the previous fragment.
      if (text.length === 0) {
        if (eof) break;
        continue;
      }
      const whole = carry + text;
      yield { text: whole, provenance, lineBase: state.lines, offsetBase: state.offset, columnBase: state.column };
      if (eof) break;
      // The overlap must stay below the chunk size, or the carried tail would grow without bound.
      const keep = Math.min(options.overlap, Math.floor(options.chunkSize / 2), whole.length);
      const consumed = whole.slice(0, whole.length - keep);
      advance(consumed, state);
      state.offset += consumed.length;
      carry = whole.slice(whole.length - keep);
    }
    if (invalid) notices.push({ kind: 'invalid-utf8', path, level: 'info', message: 'contains invalid UTF-8; scanned with replacement characters' });
  } catch (e) {
    notices.push({ kind: 'unreadable', path, level: 'warning', message: `read failed: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  } finally {
    await handle.close();
  }
}

/**
 * A file that fits in one chunk is read in one blocking call: in a worker thread nothing else
 * waits on it, and it saves the open/read/close round trips through the thread pool.
 */
function* readSmall(absPath: string, provenance: Provenance, options: ReadOptions, notices: Notice[]): Generator<Fragment> {
  const path = provenance.path;
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (e) {
    notices.push({ kind: 'unreadable', path, level: 'warning', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  if (bytes.length > options.maxFileSize) {
    notices.push({ kind: 'too-large', path, level: 'warning', message: `skipped: ${formatBytes(bytes.length)} is over --max-file-size ${formatBytes(options.maxFileSize)}` });
    return;
  }
  const text = decodeBytes(bytes, path, notices);
  if (text !== undefined && text.length > 0) yield { text, provenance, lineBase: 0, offsetBase: 0, columnBase: 0 };
}

/**
 * Content already in memory (a file read whole, a git blob) as text: BOMs and UTF-16 honoured,
 * ASCII fast path; undefined, with a notice, when it is binary.
 */
export function decodeBytes(bytes: Buffer, path: string, notices: Notice[]): string | undefined {
  const kind = sniff(bytes.subarray(0, SNIFF));
  if (kind === 'binary') {
    notices.push({ kind: 'binary', path, level: 'info', message: 'skipped: binary file (NUL byte in the first 8 KiB)' });
    return undefined;
  }
  const body = bytes.subarray(kind.bomLength);
  if (kind.encoding === 'utf16le') return body.toString('utf16le');
  if (kind.encoding === 'utf16be') return swapBytes(body).toString('utf16le');
  if (isAscii(body)) return body.toString('latin1');
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) notices.push({ kind: 'invalid-utf8', path, level: 'info', message: 'contains invalid UTF-8; scanned with replacement characters' });
  return text;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
