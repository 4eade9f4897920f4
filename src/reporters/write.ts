/**
 * Writing the reports, atomically. Everything is rendered in memory first; then written into a
 * temporary directory beside the target, each file fsynced, and the directory renamed into place.
 * A renderer that throws, a full disk or a crash leaves no half-written report directory.
 * `report.json.sha256` (sha256sum format) lets an auditor check report.json was not altered, and
 * an optional `latest` symlink is replaced atomically (rename of a fresh symlink over the old one).
 * A folder that already holds a report is refused unless `force` (reports never overwrite silently);
 * with `force`, the report files of the earlier run that this one does not rewrite are removed, so
 * the folder never mixes two runs.
 */
import { phrase } from '../i18n/phrase.js';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, open, readdir, rename, rm, rmdir, stat, symlink, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Report } from '../model/result.js';
import { translator, type Lang } from '../i18n/index.js';
import { localise } from '../i18n/data.js';
import { localiseReport } from '../i18n/localise-report.js';
import { InputError, saying } from '../util/input-error.js';
import { CHECKSUM_FILE_NAME, REPORT_FILE_NAMES, REPORT_FORMATS, renderers, type Renderer, type ReportFormat } from './renderers.js';

export interface WriteReportsOptions {
  /** The run directory, e.g. `reports/2025-06-01T10-00-00-000Z`. Created if missing. */
  outDir: string;
  formats: readonly ReportFormat[];
  /** Path of a symlink to point at `outDir` once written, e.g. `reports/latest`. */
  latestLink?: string;
  /** Language of the human-readable formats (HTML, Markdown, JUnit messages); default English. */
  lang?: Lang;
  /** Replaces some renderers (tests; a caller wanting a variant). */
  renderers?: Partial<Record<ReportFormat, Renderer>>;
  /** Replace a report already in `outDir` (`--force`); without it, such a folder is refused. */
  force?: boolean;
  /** Called after the files are written and synced, before they are moved into place (tests). */
  beforeCommit?: (tempDir: string) => void | Promise<void>;
}

export interface WrittenReports {
  /** Absolute path of the run directory. */
  dir: string;
  /** Absolute paths of the files written, the checksum file last. */
  files: string[];
  /** SHA-256 (hex) of report.json, when it was written. */
  sha256?: string;
  /** Absolute path of the `latest` link, when it was updated. */
  latest?: string;
  /** Things that went wrong but did not lose a report (the `latest` link could not be replaced). */
  warnings: string[];
}

const formatFix = () => phrase('format-fix', { formats: REPORT_FORMATS.join(', ') });

/** Parses the `--format` flag: `json,junit,html,md` (any subset, any order, duplicates ignored). */
export function parseFormats(list: string): ReportFormat[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InputError({ field: '--format', ...saying(phrase('format-none'), formatFix()) });
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new InputError(unknown.map((n) => ({ field: '--format', ...saying(phrase('format-unknown', { format: n }), formatFix()) })));
  }
  return [...new Set(names)] as ReportFormat[];
}

/** A directory name for a run started at `startedAt` (ISO): `2025-06-01T10-00-00-000Z`, safe on every file system. */
export function runDirName(startedAt: string): string {
  return startedAt.replace(/:/g, '-').replace(/\./g, '-');
}

/** The msscheck report files a folder already holds (any format, or the checksum). */
export async function existingReportFiles(dir: string): Promise<string[]> {
  const ours = new Set<string>([...Object.values(REPORT_FILE_NAMES), CHECKSUM_FILE_NAME]);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => ours.has(n)).sort();
}

/**
 * Refuses (exit 2, with the fix) an `--out` folder that already holds a report, unless `force`.
 * Commands call it before a run starts; `writeReports` checks again just before writing.
 */
export async function assertReportDirFree(outDir: string, force: boolean | undefined, flag = '--out'): Promise<void> {
  if (force) return;
  const dir = resolve(outDir);
  const found = await existingReportFiles(dir);
  if (found.length) {
    throw new InputError({ field: flag, ...saying(phrase('out-holds-report', { dir, files: found.join(', ') }), phrase('out-holds-report-fix', { flag })) });
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

async function writeSynced(path: string, text: string): Promise<void> {
  const fh = await open(path, 'wx', 0o644);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync a directory so renames inside it survive a crash; not every platform allows it. */
async function syncDir(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EPERM on some platforms: nothing more we can do.
  } finally {
    await fh?.close();
  }
}

export async function writeReports(report: Report, options: WriteReportsOptions): Promise<WrittenReports> {
  const formats = [...new Set(options.formats)];
  if (formats.length === 0) throw new InputError({ field: '--format', ...saying(phrase('format-none'), formatFix()) });
  const render = { ...renderers, ...options.renderers };
  const tr = translator(options.lang ?? 'en');

  // 1. Render everything before touching the disk. report.json stays the canonical English record;
  //    the formats a person reads get the data texts (titles, descriptions...) in their language.
  const readable = localiseReport(report, localise(tr.lang));
  const contents: { name: string; text: string }[] = formats.map((f) => ({ name: REPORT_FILE_NAMES[f], text: render[f](f === 'json' ? report : readable, tr) }));
  const json = contents.find((c) => c.name === REPORT_FILE_NAMES.json);
  const sha256 = json ? sha256Hex(json.text) : undefined;
  if (json && sha256) contents.push({ name: CHECKSUM_FILE_NAME, text: `${sha256}  ${REPORT_FILE_NAMES.json}\n` });

  // 2. Write into a temporary directory beside the target (inside it when it already holds files,
  //    so the final renames never cross a file system).
  const dir = resolve(options.outDir);
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new InputError({ field: '--out', ...saying(phrase('out-not-directory', { dir }), phrase('out-not-directory-fix')) });
  }
  if (existing) await assertReportDirFree(dir, options.force);
  const stale = existing && options.force ? (await existingReportFiles(dir)).filter((n) => !contents.some((c) => c.name === n)) : [];
  const mergeInto = existing ? (await readdir(dir)).length > 0 : false;
  const tmp = await mkdtemp(join(mergeInto ? dir : parent, `.${basename(dir)}.tmp-`));
  try {
    for (const c of contents) await writeSynced(join(tmp, c.name), c.text);
    await chmod(tmp, 0o755);
    await syncDir(tmp);
    await options.beforeCommit?.(tmp);

    // 3. Move into place.
    if (!mergeInto) {
      if (existing) await rmdir(dir); // empty: replace it with the complete one
      await rename(tmp, dir);
      await syncDir(parent);
    } else {
      // The directory already holds files: replace ours one by one (each rename is atomic), the
      // checksum last so that it never vouches for a report.json that is not there yet.
      // A stale checksum goes first: it must never vouch for a report.json of another run.
      for (const n of stale) await unlink(join(dir, n)).catch(() => undefined);
      for (const c of contents) await rename(join(tmp, c.name), join(dir, c.name));
      await rmdir(tmp);
      await syncDir(dir);
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }

  const result: WrittenReports = { dir, files: contents.map((c) => join(dir, c.name)), sha256, warnings: [] };
  if (options.latestLink) {
    const link = resolve(options.latestLink);
    const tmpLink = `${link}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(dirname(link), { recursive: true });
      await symlink(relative(dirname(link), dir) || '.', tmpLink, 'dir');
      await rename(tmpLink, link);
      result.latest = link;
    } catch (err) {
      await rm(tmpLink, { force: true });
      result.warnings.push(`could not point ${link} at ${dir}: ${(err as Error).message}`);
    }
  }
  return result;
}
