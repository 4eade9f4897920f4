import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FleetReport } from '../model/fleet.js';
import { InputError } from '../util/input-error.js';
import { FLEET_FILE_NAMES } from '../reporters/fleet/write.js';
import { assembleFleetReport } from './run-fleet.js';

/** The folder of a fleet report given as its folder or its `fleet.json`. */
export function fleetDirOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/** Reads a shard's `fleet.json` (from its folder or the file itself). */
export function readFleetReport(path: string): FleetReport {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, FLEET_FILE_NAMES.json);
  } catch {
    throw new InputError({ file: path, message: 'no such file or folder', fix: 'give the folders the shards wrote with --out' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError({ file, message: `not a readable fleet report (${(err as Error).message})`, fix: 'give the folders the shards wrote (each holds fleet.json)' });
  }
  const f = parsed as Partial<FleetReport>;
  if (f?.kind !== 'fleet' || !Array.isArray(f.targets)) throw new InputError({ file, message: 'not a fleet report (kind is not "fleet")', fix: 'give the folders that `msscheck run --targets … --shard I/N --out DIR` wrote' });
  return f as FleetReport;
}

/**
 * Joins shards' fleet reports into the report one process would have written: the same targets,
 * sorted by id, with the fleet views derived again. Shards must agree on what they judged against
 * (catalogue, policy, as-of, selection, fail-on) and a target may appear in one shard only.
 */
export function mergeFleetReports(reports: { path: string; report: FleetReport }[]): FleetReport {
  if (reports.length === 0) throw new InputError({ field: 'merge-reports', message: 'no report given', fix: 'give the shard folders' });
  const first = reports[0]!.report;
  const same = (r: FleetReport): string | undefined => {
    if (r.catalogue.version !== first.catalogue.version || r.catalogue.id !== first.catalogue.id) return 'catalogue';
    if (r.policy.version !== first.policy.version || r.policy.id !== first.policy.id) return 'policy';
    if (r.asOf !== first.asOf) return 'as-of';
    if (JSON.stringify(r.selection) !== JSON.stringify(first.selection)) return 'selection';
    if (r.summary.failOn !== first.summary.failOn) return 'fail-on';
    return undefined;
  };
  const seen = new Map<string, string>();
  for (const { path, report } of reports) {
    const diff = same(report);
    if (diff) throw new InputError({ file: path, message: `this shard's ${diff} differs from ${reports[0]!.path}'s`, fix: 'merge only shards of one run (same catalogue, policy, --as-of, selection and --fail-on)' });
    for (const t of report.targets) {
      const before = seen.get(t.id);
      if (before) throw new InputError({ file: path, message: `target "${t.id}" is also in ${before}`, fix: 'merge each shard once; shards of one run never share a target' });
      seen.set(t.id, path);
    }
  }
  const shards = reports.flatMap((r) => r.report.shards ?? []).sort((a, b) => a.index - b.index);
  const starts = reports.map((r) => Date.parse(r.report.startedAt));
  const ends = reports.map((r) => Date.parse(r.report.finishedAt));
  return assembleFleetReport({
    targets: reports.flatMap((r) => r.report.targets),
    asOf: first.asOf,
    catalogue: first.catalogue,
    policy: first.policy,
    selection: first.selection,
    failOn: first.summary.failOn,
    shards: shards.length ? shards : null,
    startedAt: new Date(Math.min(...starts)),
    finishedAt: new Date(Math.max(...ends)),
  });
}
