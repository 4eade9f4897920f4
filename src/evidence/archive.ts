/**
 * The bundle's container: a ZIP archive (DEFLATE), which every operating system opens without
 * installing anything (Explorer, Finder, `unzip`), so an auditor can read the evidence years later
 * with no msscheck at hand. Written with fflate, read back with the defensive reader of
 * src/message/zip.ts (limits checked on the central directory before anything is inflated, CRC-32
 * checked), since a bundle handed to `verify` or `diff` is untrusted input.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { extractZipEntry, readZipDirectory, ZipError, type ZipLimits } from '../message/zip.js';
import { InputError, saying } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';

export interface ArchiveFile {
  /** Path inside the archive, `/`-separated, no leading slash. */
  path: string;
  data: Uint8Array;
}

/** Generous limits: a bundle holds reports, transcripts and certificates, never large media. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = {
  maxArchiveEntries: 20_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalUncompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 2000,
};

/** The ZIP bytes of `files`, in the order given, every entry dated `mtime`. */
export function zipFiles(files: ArchiveFile[], mtime: Date): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [f.data, { mtime, level: 6 }];
  return zipSync(tree);
}

/**
 * Refuses to replace an existing file unless `force` (exit 2, with the fix). Called before a run
 * starts, and again just before writing.
 */
export async function assertFileFree(path: string, force: boolean | undefined, flag = '--bundle'): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return;
  if (st.isDirectory()) throw new InputError({ field: flag, ...saying(phrase('archive-is-directory', { path }), phrase('archive-is-directory-fix', { flag, example: join(path, 'evidence.zip') })) });
  if (!force) throw new InputError({ field: flag, ...saying(phrase('archive-exists', { path }), phrase('archive-exists-fix')) });
}

/** Writes `bytes` to `path` atomically: a synced temporary file beside it, renamed into place. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  let dh;
  try {
    dh = await open(dirname(path), 'r');
    await dh.sync();
  } catch {
    // some platforms refuse to fsync a directory
  } finally {
    await dh?.close();
  }
}

export interface ReadArchive {
  /** Entries that read back intact, by path. */
  files: Map<string, Uint8Array>;
  /** Entries that could not be read (damaged data, CRC mismatch), with why. */
  damaged: { path: string; reason: string }[];
}

/**
 * Reads every entry. A damaged central directory is an Error (the archive is unreadable); a
 * damaged entry is listed in `damaged` and the others are still read.
 */
export function unzipFiles(bytes: Uint8Array, limits: ZipLimits = BUNDLE_ZIP_LIMITS): ReadArchive {
  const entries = readZipDirectory(bytes, limits);
  const files = new Map<string, Uint8Array>();
  const damaged: { path: string; reason: string }[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (files.has(e.name)) {
      damaged.push({ path: e.name, reason: 'the archive holds this name twice' });
      continue;
    }
    try {
      files.set(e.name, extractZipEntry(bytes, e, limits));
    } catch (err) {
      if (!(err instanceof ZipError)) throw err;
      damaged.push({ path: e.name, reason: err.message });
    }
  }
  return { files, damaged };
}

/** True when the bytes start like a ZIP archive (local file header or empty-archive end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}
