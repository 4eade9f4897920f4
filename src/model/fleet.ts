/**
 * The fleet report: one run of the catalogue over many targets (`run --targets`, `--whitelist`),
 * or several shards merged (`merge-reports`). Each target keeps its own canonical `Report`; the
 * fleet views (a row per target, a table per requirement, the platforms) are derived from them by
 * `summariseFleet`, so that merged shards and a single run give the same fleet report.
 */
import { SEVERITIES, type Report, type Severity, type Status, type Verdict, type VersionedSource } from './result.js';

export type FleetTargetVerdict = Verdict | 'crashed';

export interface FleetTarget {
  /** Stable id: the profile's file name, or `sandbox+defects`. Shards are cut by it. */
  id: string;
  source: string;
  operator: string;
  platform?: string;
  verdict: FleetTargetVerdict;
  /** The exit code the target alone would have given (its gate at --fail-on); 3 when it crashed. */
  exitCode: 0 | 1 | 3;
  /** Why the target has no report (it crashed: unreadable endpoint set-up, sandbox start...). */
  error?: string;
  /** Failing scenario instances by severity. */
  failuresBySeverity: Record<Severity, number>;
  /** First date its identification means stop being compliant (null: never with this policy). */
  firstNonCompliantDate: string | null;
  /** Its canonical report, relative to the fleet report's folder (`targets/<id>/report.json`). */
  reportFile?: string;
  /** What the fleet views need of each scenario (the full results are in the target's report). */
  scenarios?: FleetScenario[];
}

/** A scenario instance's outcome, as the fleet views use it. */
export interface FleetScenario {
  id: string;
  scenarioId: string;
  variant?: string;
  title: string;
  severity: Severity;
  requirements: string[];
  status: Status;
}

export interface FleetRequirementRow {
  id: string;
  /** Targets where every scenario citing the requirement passed (or warned). */
  pass: number;
  fail: number;
  error: number;
  /** Targets where the requirement's scenarios were skipped or not applicable. */
  other: number;
}

/** One finding shown once for a platform, with the tenants (targets) it affects. */
export interface PlatformFinding {
  scenario: string;
  scenarioId: string;
  variant?: string;
  title: string;
  severity: Severity;
  requirements: string[];
  targets: string[];
}

export interface FleetPlatform {
  platform: string;
  targets: string[];
  findings: PlatformFinding[];
}

export interface FleetSummary {
  targets: number;
  byVerdict: Record<FleetTargetVerdict, number>;
  verdict: Verdict;
  exitCode: 0 | 1 | 3;
  failOn: Severity;
}

export interface FleetReport {
  schema: 'https://msscheck.dev/schemas/fleet-report/1.json';
  kind: 'fleet';
  tool: Report['tool'];
  catalogue: VersionedSource;
  policy: VersionedSource;
  asOf: string;
  selection: Report['selection'];
  /** The shards this report covers: one for a shard's run, all of them once merged. */
  shards: { index: number; count: number }[] | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  summary: FleetSummary;
  targets: FleetTarget[];
  requirements: FleetRequirementRow[];
  platforms: FleetPlatform[];
}

/** The folder of a target's own reports inside a fleet report folder. */
export function targetReportDir(id: string): string {
  return `targets/${id}`;
}

/**
 * A target's row, from its report (or from why it has none). The row keeps only what the fleet
 * views need, so that a fleet of thousands holds thousands of rows, not thousands of reports.
 */
export function fleetTarget(input: { id: string; source: string; operator: string; platform?: string; report?: Report; error?: string }): FleetTarget {
  const failuresBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const s of input.report?.scenarios ?? []) if (s.status === 'fail') failuresBySeverity[s.severity]++;
  return {
    id: input.id,
    source: input.source,
    operator: input.operator,
    platform: input.platform,
    verdict: input.report ? input.report.summary.verdict : 'crashed',
    exitCode: input.report ? input.report.summary.exitCode : 3,
    error: input.error,
    failuresBySeverity,
    firstNonCompliantDate: input.report?.identification?.firstNonCompliantDate ?? null,
    ...(input.report
      ? {
          reportFile: `${targetReportDir(input.id)}/report.json`,
          scenarios: input.report.scenarios.map((x) => ({ id: x.id, scenarioId: x.scenarioId, ...(x.variant !== undefined ? { variant: x.variant } : {}), title: x.title, severity: x.severity, requirements: x.requirements, status: x.status })),
        }
      : {}),
  };
}

const rank: Record<string, number> = { fail: 3, error: 2, pass: 1, warn: 1, review: 1 };

/** The fleet views, derived from the target rows alone (so merging shards is concatenating rows). */
export function summariseFleet(targets: FleetTarget[], failOn: Severity): Pick<FleetReport, 'summary' | 'requirements' | 'platforms'> {
  const sorted = [...targets].sort((a, b) => a.id.localeCompare(b.id));
  const byVerdict: Record<FleetTargetVerdict, number> = { conformant: 0, 'non-conformant': 0, incomplete: 0, crashed: 0 };
  for (const t of sorted) byVerdict[t.verdict]++;
  const failing = sorted.some((t) => t.exitCode === 1);
  const verdict: Verdict = byVerdict['non-conformant'] > 0 ? 'non-conformant' : byVerdict.incomplete + byVerdict.crashed > 0 ? 'incomplete' : 'conformant';
  const incomplete = sorted.some((t) => t.verdict === 'crashed' || t.exitCode === 3);
  const exitCode: 0 | 1 | 3 = failing ? 1 : incomplete ? 3 : 0;

  // Per requirement: the worst status of the scenarios citing it, per target.
  const rows = new Map<string, FleetRequirementRow>();
  for (const t of sorted) {
    const worst = new Map<string, string>();
    for (const s of t.scenarios ?? []) {
      const status = s.status === 'fail' || s.status === 'error' || s.status === 'pass' || s.status === 'warn' || s.status === 'review' ? s.status : 'other';
      for (const id of s.requirements) {
        const before = worst.get(id);
        if (before === undefined || (rank[status] ?? 0) > (rank[before] ?? 0)) worst.set(id, status);
      }
    }
    for (const [id, status] of worst) {
      const row = rows.get(id) ?? { id, pass: 0, fail: 0, error: 0, other: 0 };
      if (status === 'fail') row.fail++;
      else if (status === 'error') row.error++;
      else if (status === 'other') row.other++;
      else row.pass++;
      rows.set(id, row);
    }
  }

  // Platforms: a finding shared by a platform's tenants is shown once, with the tenants it affects.
  const platforms = new Map<string, FleetPlatform>();
  for (const t of sorted) {
    const name = t.platform ?? t.operator;
    const p = platforms.get(name) ?? { platform: name, targets: [], findings: [] };
    p.targets.push(t.id);
    for (const s of t.scenarios ?? []) {
      if (s.status !== 'fail') continue;
      let f = p.findings.find((x) => x.scenario === s.id);
      if (!f) p.findings.push((f = { scenario: s.id, scenarioId: s.scenarioId, ...(s.variant !== undefined ? { variant: s.variant } : {}), title: s.title, severity: s.severity, requirements: s.requirements, targets: [] }));
      f.targets.push(t.id);
    }
    platforms.set(name, p);
  }
  for (const p of platforms.values()) p.findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.scenario.localeCompare(b.scenario));

  return {
    summary: { targets: sorted.length, byVerdict, verdict, exitCode, failOn },
    requirements: [...rows.values()].sort((a, b) => a.id.localeCompare(b.id)),
    platforms: [...platforms.values()].sort((a, b) => a.platform.localeCompare(b.platform)),
  };
}
