/**
 * Writing a fleet's reports, atomically as a whole: `fleet.json` (canonical: every target's full
 * report inside, so shards can be merged), `fleet.md`, `fleet.html`, `fleet.json.sha256`, and each
 * target's own reports under `targets/<id>/` exactly as `run` writes them. Everything goes into a
 * temporary folder beside `--out`, which is then renamed into place: a crash leaves no half fleet.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { FleetReport } from '../../model/fleet.js';
import { InputError } from '../../util/input-error.js';
import type { ReportFormat } from '../renderers.js';
import { writeReports } from '../write.js';
import { renderFleetHtml } from './html.js';
import { renderFleetMarkdown } from './markdown.js';

export const FLEET_FILE_NAMES = { json: 'fleet.json', md: 'fleet.md', html: 'fleet.html', checksum: 'fleet.json.sha256' } as const;

export function renderFleetJson(f: FleetReport): string {
  return `${JSON.stringify(f, null, 2)}\n`;
}

export async function writeFleetReports(fleet: FleetReport, options: { outDir: string; formats: readonly ReportFormat[]; force?: boolean }): Promise<{ dir: string; files: string[] }> {
  const dir = resolve(options.outDir);
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new InputError({ field: '--out', message: `${dir} exists and is not a folder`, fix: 'give a folder path for --out' });
  if (existing && (await readdir(dir)).length > 0 && !options.force) {
    throw new InputError({ field: '--out', message: `${dir} already holds files`, fix: 'choose a new --out folder, or add --force to replace it' });
  }
  await mkdir(dirname(dir), { recursive: true });
  const tmp = await mkdtemp(join(dirname(dir), `.${basename(dir)}.tmp-`));
  try {
    const json = renderFleetJson(fleet);
    await writeFile(join(tmp, FLEET_FILE_NAMES.json), json);
    await writeFile(join(tmp, FLEET_FILE_NAMES.checksum), `${createHash('sha256').update(json).digest('hex')}  ${FLEET_FILE_NAMES.json}\n`);
    if (options.formats.includes('md')) await writeFile(join(tmp, FLEET_FILE_NAMES.md), renderFleetMarkdown(fleet));
    if (options.formats.includes('html')) await writeFile(join(tmp, FLEET_FILE_NAMES.html), renderFleetHtml(fleet));
    for (const t of fleet.targets) if (t.report) await writeReports(t.report, { outDir: join(tmp, 'targets', t.id), formats: options.formats });
    if (existing) {
      const old = `${tmp}.old`;
      await rename(dir, old);
      await rename(tmp, dir);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, dir);
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const files = [FLEET_FILE_NAMES.json, FLEET_FILE_NAMES.checksum, ...(options.formats.includes('md') ? [FLEET_FILE_NAMES.md] : []), ...(options.formats.includes('html') ? [FLEET_FILE_NAMES.html] : [])];
  return { dir, files: files.map((f) => join(dir, f)) };
}
