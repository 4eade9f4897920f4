/**
 * Writing a fleet's reports, atomically as a whole: `fleet.json` (canonical), `fleet.md`,
 * `fleet.html`, `fleet.json.sha256`, and each target's own reports under `targets/<id>/`, exactly
 * as `run` writes them. A target's reports are written as soon as it is judged (so a fleet of
 * thousands never holds thousands of reports in memory) into a staging folder beside `--out`,
 * which is renamed into place at the end: a crash or an interrupted run leaves no half fleet.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { targetReportDir, type FleetReport } from '../../model/fleet.js';
import type { Report } from '../../model/result.js';
import { translator, type Lang } from '../../i18n/index.js';
import { InputError, saying } from '../../util/input-error.js';
import { phrase } from '../../i18n/phrase.js';
import type { ReportFormat } from '../renderers.js';
import { writeReports } from '../write.js';
import { renderFleetHtml } from './html.js';
import { renderFleetMarkdown } from './markdown.js';

export const FLEET_FILE_NAMES = { json: 'fleet.json', md: 'fleet.md', html: 'fleet.html', checksum: 'fleet.json.sha256' } as const;

export function renderFleetJson(f: FleetReport): string {
  return `${JSON.stringify(f, null, 2)}\n`;
}

export class FleetReportWriter {
  private constructor(
    readonly dir: string,
    private readonly staging: string,
    private readonly replace: boolean,
    private readonly formats: readonly ReportFormat[],
    private readonly lang: Lang,
  ) {}

  /** Checks `--out` (refused when it holds files, unless `force`) and opens a staging folder. */
  static async open(outDir: string, options: { formats: readonly ReportFormat[]; force?: boolean; lang?: Lang }): Promise<FleetReportWriter> {
    const dir = resolve(outDir);
    const existing = await stat(dir).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new InputError({ field: '--out', ...saying(phrase('fleet-out-not-folder', { dir }), phrase('fleet-out-not-folder-fix')) });
    const holdsFiles = existing ? (await readdir(dir)).length > 0 : false;
    if (holdsFiles && !options.force) throw new InputError({ field: '--out', ...saying(phrase('flag-out-not-empty', { dir }), phrase('fleet-out-not-empty-fix')) });
    await mkdir(dirname(dir), { recursive: true });
    const staging = await mkdtemp(join(dirname(dir), `.${basename(dir)}.tmp-`));
    return new FleetReportWriter(dir, staging, !!existing, options.formats, options.lang ?? 'en');
  }

  /** Writes one target's reports (report.json, its checksum, and the other formats asked for). */
  async addTarget(id: string, report: Report): Promise<void> {
    await writeReports(report, { outDir: join(this.staging, targetReportDir(id)), formats: [...new Set(['json' as const, ...this.formats])], lang: this.lang });
  }

  /** Copies a target's reports from another fleet report folder (a shard being merged). */
  async copyTarget(id: string, fromFleetDir: string): Promise<void> {
    await cp(join(fromFleetDir, targetReportDir(id)), join(this.staging, targetReportDir(id)), { recursive: true, errorOnExist: true, force: false });
  }

  /** Writes the fleet files and moves the whole folder into place. */
  async commit(fleet: FleetReport): Promise<{ dir: string; files: string[] }> {
    const files: string[] = [];
    const put = async (name: string, text: string): Promise<void> => {
      await writeFile(join(this.staging, name), text);
      files.push(join(this.dir, name));
    };
    try {
      const json = renderFleetJson(fleet);
      await put(FLEET_FILE_NAMES.json, json);
      await put(FLEET_FILE_NAMES.checksum, `${createHash('sha256').update(json).digest('hex')}  ${FLEET_FILE_NAMES.json}\n`);
      if (this.formats.includes('md')) await put(FLEET_FILE_NAMES.md, renderFleetMarkdown(fleet, translator(this.lang)));
      if (this.formats.includes('html')) await put(FLEET_FILE_NAMES.html, renderFleetHtml(fleet, translator(this.lang)));
      if (this.replace) {
        const old = `${this.staging}.old`;
        await rename(this.dir, old);
        await rename(this.staging, this.dir);
        await rm(old, { recursive: true, force: true });
      } else {
        await rename(this.staging, this.dir);
      }
    } catch (err) {
      await this.abort();
      throw err;
    }
    return { dir: this.dir, files };
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
