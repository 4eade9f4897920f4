/**
 * A defensive ZIP reader for IHE_XDM archives. The central directory is read first and checked
 * against the limits (entry count, declared sizes, compression ratio) before anything is inflated;
 * inflation then streams in small chunks and stops as soon as an entry produces more than it
 * declared or more than the limits allow, so a zip bomb never reaches memory.
 */
import { Inflate } from 'fflate';
import * as zlib from 'node:zlib';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export interface ZipLimits {
  maxArchiveEntries: number;
  maxEntryBytes: number;
  maxTotalUncompressedBytes: number;
  maxCompressionRatio: number;
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  encrypted: boolean;
  localOffset: number;
}

export type ZipErrorCode = 'ZIP_CORRUPT' | 'ZIP_LIMIT' | 'ZIP_UNSUPPORTED';

export class ZipError extends Error {
  /** The message as a catalogue phrase: readable reports say it in the reader's language. */
  readonly phrase: Phrase;
  constructor(
    readonly code: ZipErrorCode,
    message: Phrase,
  ) {
    super(renderPhrase(message));
    this.name = 'ZipError';
    this.phrase = message;
  }
}

/** Below this size an entry's compression ratio is not judged (small runs of zeros compress well). */
const RATIO_FLOOR_BYTES = 1 << 20;
/** Compressed bytes per push: DEFLATE expands at most ~1032 times, so one push yields about 1 MiB at most. */
const INFLATE_CHUNK = 1024;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}

/** Reads and checks the central directory. Throws ZipError when corrupt or beyond the limits. */
export function readZipDirectory(buf: Uint8Array, limits: ZipLimits): ZipEntryInfo[] {
  if (buf.length < 22) throw new ZipError('ZIP_CORRUPT', phrase('zip-too-short'));
  let eocd = -1;
  for (let o = buf.length - 22; o >= Math.max(0, buf.length - 22 - 0xffff); o--) {
    if (buf[o] === 0x50 && buf[o + 1] === 0x4b && buf[o + 2] === 0x05 && buf[o + 3] === 0x06) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('ZIP_CORRUPT', phrase('zip-no-eocd'));
  const count = u16(buf, eocd + 10);
  const cdSize = u32(buf, eocd + 12);
  const cdOffset = u32(buf, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('ZIP_UNSUPPORTED', phrase('zip64-unsupported'));
  if (count > limits.maxArchiveEntries) {
    throw new ZipError('ZIP_LIMIT', phrase('zip-too-many-entries', { count: `${count}`, limit: `${limits.maxArchiveEntries}` }));
  }
  if (cdOffset + cdSize > eocd) throw new ZipError('ZIP_CORRUPT', phrase('zip-cd-outside'));
  const entries: ZipEntryInfo[] = [];
  let o = cdOffset;
  let total = 0;
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (o + 46 > buf.length || u32(buf, o) !== 0x02014b50) throw new ZipError('ZIP_CORRUPT', phrase('zip-cd-entry-damaged', { n: `${k + 1}` }));
    const flags = u16(buf, o + 8);
    const nameLen = u16(buf, o + 28);
    const extraLen = u16(buf, o + 30);
    const commentLen = u16(buf, o + 32);
    if (o + 46 + nameLen > buf.length) throw new ZipError('ZIP_CORRUPT', phrase('zip-cd-entry-truncated', { n: `${k + 1}` }));
    const e: ZipEntryInfo = {
      name: decoder.decode(buf.subarray(o + 46, o + 46 + nameLen)),
      method: u16(buf, o + 10),
      crc32: u32(buf, o + 16),
      compressedSize: u32(buf, o + 20),
      size: u32(buf, o + 24),
      encrypted: (flags & 1) === 1,
      localOffset: u32(buf, o + 42),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw new ZipError('ZIP_UNSUPPORTED', phrase('zip-entry-zip64', { name: e.name }));
    if (e.size > limits.maxEntryBytes) {
      throw new ZipError('ZIP_LIMIT', phrase('zip-entry-too-big', { name: e.name, size: `${e.size}`, limit: `${limits.maxEntryBytes}` }));
    }
    if (e.size > RATIO_FLOOR_BYTES && e.size / Math.max(1, e.compressedSize) > limits.maxCompressionRatio) {
      throw new ZipError('ZIP_LIMIT', phrase('zip-entry-ratio', { name: e.name, ratio: `${Math.round(e.size / Math.max(1, e.compressedSize))}`, limit: `${limits.maxCompressionRatio}` }));
    }
    total += e.size;
    if (total > limits.maxTotalUncompressedBytes) {
      throw new ZipError('ZIP_LIMIT', phrase('zip-total-too-big', { limit: `${limits.maxTotalUncompressedBytes}` }));
    }
    entries.push(e);
    o += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflates one entry, never producing more than it declared (nor more than the entry limit). */
export function extractZipEntry(buf: Uint8Array, e: ZipEntryInfo, limits: ZipLimits): Uint8Array {
  if (e.encrypted) throw new ZipError('ZIP_UNSUPPORTED', phrase('zip-entry-encrypted', { name: e.name }));
  const lo = e.localOffset;
  if (lo + 30 > buf.length || u32(buf, lo) !== 0x04034b50) throw new ZipError('ZIP_CORRUPT', phrase('zip-local-header-damaged', { name: e.name }));
  const start = lo + 30 + u16(buf, lo + 26) + u16(buf, lo + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new ZipError('ZIP_CORRUPT', phrase('zip-data-truncated', { name: e.name }));
  const cap = Math.min(e.size, limits.maxEntryBytes);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipError('ZIP_CORRUPT', phrase('zip-stored-sizes', { name: e.name }));
    out = buf.subarray(start, end);
  } else if (e.method === 8) {
    out = new Uint8Array(cap);
    let filled = 0;
    let overflow = false;
    const inflater = new Inflate((chunk) => {
      if (filled + chunk.length > cap) {
        overflow = true;
        return;
      }
      out.set(chunk, filled);
      filled += chunk.length;
    });
    try {
      for (let p = start; p < end && !overflow; p += INFLATE_CHUNK) {
        const q = Math.min(end, p + INFLATE_CHUNK);
        inflater.push(buf.subarray(p, q), q === end);
      }
      if (start === end) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      throw new ZipError('ZIP_CORRUPT', phrase('zip-no-inflate', { name: e.name, message: (err as Error).message }));
    }
    if (overflow) throw new ZipError('ZIP_LIMIT', phrase('zip-expands-beyond', { name: e.name, cap: `${cap}` }));
    if (filled !== e.size) throw new ZipError('ZIP_CORRUPT', phrase('zip-inflates-to', { name: e.name, filled: `${filled}`, size: `${e.size}` }));
  } else {
    throw new ZipError('ZIP_UNSUPPORTED', phrase('zip-method', { name: e.name, method: `${e.method}` }));
  }
  if (crc32(out) !== e.crc32) throw new ZipError('ZIP_CORRUPT', phrase('zip-crc', { name: e.name }));
  return out;
}

let table: Uint32Array | undefined;
function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

export function crc32(data: Uint8Array): number {
  // zlib's native CRC-32 (Node >= 20.15) when present: the same value, without a JavaScript loop per byte.
  if (nativeCrc32) return nativeCrc32(data);
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
