import { relative, resolve } from 'node:path';
import { fleetDirOf, mergeFleetReports, readFleetReport } from '../../fleet/merge.js';
import { FleetReportWriter } from '../../reporters/fleet/write.js';
import { parseFormats, runDirName } from '../../reporters/write.js';
import type { Io } from '../main.js';
import { translator } from '../../i18n/index.js';

export interface MergeReportsFlags {
  out?: string;
  force?: boolean;
  format?: string;
}

/** `msscheck merge-reports DIR…`: the shards' fleet reports joined into one, as one process would have written it. */
export async function mergeReportsCommand(dirs: string[], flags: MergeReportsFlags, io: Io): Promise<number> {
  const formats = parseFormats(flags.format ?? 'json,junit,html,md');
  const reports = dirs.map((d) => ({ path: d, report: readFleetReport(resolve(io.cwd, d)) }));
  const merged = mergeFleetReports(reports);
  const outDir = flags.out ? resolve(io.cwd, flags.out) : resolve(io.cwd, 'reports', `fleet-merged-${runDirName(io.now().toISOString())}`);
  const writer = await FleetReportWriter.open(outDir, { formats, force: flags.force, lang: io.lang });
  let written;
  try {
    // Each target's own reports come along unchanged (their checksums still hold).
    for (const { path, report } of reports) for (const t of report.targets) if (t.reportFile) await writer.copyTarget(t.id, fleetDirOf(resolve(io.cwd, path)));
    written = await writer.commit(merged);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const tr = translator(io.lang ?? 'en');
  io.stdout.write(`${tr.t('fleet-console-merged', { count: reports.length, targets: merged.summary.targets, verdict: tr.t(`fleet-verdict-${merged.summary.verdict}`) })}\n`);
  io.stdout.write(`${tr.t('fleet-console-reports', { files: written.files.map((f) => relative(io.cwd, f) || f).join(', ') })}\n`);
  return merged.summary.exitCode;
}
