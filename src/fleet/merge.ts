import { readFileSync, statSync } from 'node:fs';
import { phrase } from '../i18n/phrase.js';
import { dirname, join } from 'node:path';
import type { FleetReport } from '../model/fleet.js';
import { InputError, saying } from '../util/input-error.js';
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
    throw new InputError({ file: path, ...saying(phrase('merge-no-such-path'), phrase('merge-no-such-path-fix')) });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError({ file, ...saying(phrase('merge-unreadable', { detail: (err as Error).message }), phrase('merge-unreadable-fix')) });
  }
  const f = parsed as Partial<FleetReport>;
  if (f?.kind !== 'fleet' || !Array.isArray(f.targets)) throw new InputError({ file, ...saying(phrase('merge-not-fleet'), phrase('merge-not-fleet-fix')) });
  return f as FleetReport;
}

/**
 * Joins shards' fleet reports into the report one process would have written: the same targets,
 * sorted by id, with the fleet views derived again. Shards must agree on what they judged against
 * (catalogue, policy, as-of, selection, fail-on) and a target may appear in one shard only.
 */
export function mergeFleetReports(reports: { path: string; report: FleetReport }[]): FleetReport {
  if (reports.length === 0) throw new InputError({ field: 'merge-reports', ...saying(phrase('merge-none'), phrase('merge-none-fix')) });
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
    if (diff) throw new InputError({ file: path, ...saying(phrase('merge-differs', { what: diff, first: reports[0]!.path }), phrase('merge-differs-fix')) });
    for (const t of report.targets) {
      const before = seen.get(t.id);
      if (before) throw new InputError({ file: path, ...saying(phrase('merge-duplicate-target', { id: t.id, other: before }), phrase('merge-duplicate-target-fix')) });
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
