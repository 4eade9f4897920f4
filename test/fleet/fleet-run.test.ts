import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FleetReport } from '../../src/model/fleet.js';
import type { Report } from '../../src/model/result.js';
import { schemaValidator } from '../../src/util/schema-validator.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const ONLY = 'SMTP-STARTTLS-OFFERED,TLS-VERSIONS,X509-CERT-VALID,X509-CERT-HOSTNAME';
const TARGETS = ['sandbox', 'sandbox:mta-no-starttls', 'sandbox:smtp-cert-expired', 'sandbox:mta-accepts-tls10+smtp-cert-wrong-host'];
const COMMON = ['--only', ONLY, '--as-of', '2026-01-15', '--format', 'json,md,html', '-q'];

/** What a report judged, without what changes from run to run (times, ports, evidence). */
function judged(r: Report): unknown {
  return {
    verdict: r.summary.verdict,
    byStatus: r.summary.byStatus,
    identification: r.identification?.verdict,
    scenarios: r.scenarios.map((s) => ({ id: s.id, status: s.status, reason: s.reason?.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT'), assertions: s.assertions.map((a) => ({ d: a.description, s: a.status })) })),
  };
}

function fleetOf(r: CliResult, dir: string): FleetReport {
  return JSON.parse(readFileSync(join(r.cwd, dir, 'fleet.json'), 'utf8')) as FleetReport;
}

function targetReport(cwd: string, dir: string, f: FleetReport, id: string): Report {
  return JSON.parse(readFileSync(join(cwd, dir, f.targets.find((t) => t.id === id)!.reportFile!), 'utf8')) as Report;
}

/** A fleet report without its times and shard list, with what its targets judged: what a merge must reproduce. */
function comparable(cwd: string, dir: string, f: FleetReport): unknown {
  return { summary: f.summary, requirements: f.requirements, platforms: f.platforms, targets: f.targets.map((t) => ({ ...t, report: t.reportFile && judged(targetReport(cwd, dir, f, t.id)) })) };
}

describe('fleet runs: many sandbox operators in one process', () => {
  let single: CliResult;
  let fleet: FleetReport;
  beforeAll(async () => {
    single = await runCli(['run', '--targets', ...TARGETS, '--out', 'fleet', ...COMMON]);
    fleet = fleetOf(single, 'fleet');
  }, 180_000);

  it('reports every target, with its own verdict, in a stable order', () => {
    expect(single.code, single.stderr).toBe(1);
    const validate = schemaValidator('fleet-report');
    expect(validate(fleet), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(fleet.targets.map((t) => t.id)).toEqual(['sandbox', 'sandbox+mta-accepts-tls10+smtp-cert-wrong-host', 'sandbox+mta-no-starttls', 'sandbox+smtp-cert-expired']);
    expect(fleet.targets.map((t) => t.verdict)).toEqual(['conformant', 'non-conformant', 'non-conformant', 'non-conformant']);
    expect(fleet.summary).toMatchObject({ targets: 4, verdict: 'non-conformant', exitCode: 1 });
    expect(fleet.summary.byVerdict).toMatchObject({ conformant: 1, 'non-conformant': 3 });
  });

  it("each target's report equals the report of the same target run alone", async () => {
    for (const spec of TARGETS) {
      const defects = spec.split(':')[1]?.replace(/\+/g, ',');
      const alone = await runCli(['run', ...(defects ? ['--sandbox-defects', defects] : []), '--out', 'alone', ...COMMON]);
      const aloneReport = JSON.parse(readFileSync(join(alone.cwd, 'alone', 'report.json'), 'utf8')) as Report;
      const inFleet = targetReport(single.cwd, 'fleet', fleet, spec.replace(':', '+'));
      expect(judged(inFleet), spec).toEqual(judged(aloneReport));
      expect(fleet.targets.find((t) => t.id === spec.replace(':', '+'))!.reportFile).toBe(`targets/${spec.replace(':', '+')}/report.json`);
    }
  }, 180_000);

  it('the requirement table and the platform view are derived from the targets', () => {
    const starttls = fleet.requirements.find((r) => r.id === 'ECO.1.0.1')!;
    expect(starttls.pass + starttls.fail + starttls.error + starttls.other).toBe(4);
    expect(starttls.fail).toBeGreaterThanOrEqual(1);
    // The four sandboxes are one platform-less operator: each failing scenario is listed once with the targets it affects.
    expect(fleet.platforms).toHaveLength(1);
    const findings = fleet.platforms[0]!.findings;
    expect(new Set(findings.map((f) => f.scenario)).size).toBe(findings.length);
    const expired = findings.find((f) => f.scenario === 'X509-CERT-VALID/mta');
    expect(expired?.targets).toEqual(['sandbox+smtp-cert-expired']);
    const md = readFileSync(join(single.cwd, 'fleet', 'fleet.md'), 'utf8');
    expect(md).toContain('| `sandbox+mta-no-starttls` |');
    expect(readFileSync(join(single.cwd, 'fleet', 'fleet.html'), 'utf8')).toContain('targets/sandbox%2Bmta-no-starttls/report.html');
  });

  it('four shards, merged, give the single run', async () => {
    const cwd = single.cwd;
    const shardIds: string[][] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await runCli(['run', '--targets', ...TARGETS, '--shard', `${i}/4`, '--out', `shard-${i}`, ...COMMON], { cwd });
      expect([0, 1]).toContain(r.code);
      shardIds.push(fleetOf(r, `shard-${i}`).targets.map((t) => t.id));
    }
    // Every target in exactly one shard.
    expect(shardIds.flat().sort()).toEqual(fleet.targets.map((t) => t.id));
    const m = await runCli(['merge-reports', 'shard-1', 'shard-2', 'shard-3', 'shard-4', '--out', 'merged', '--format', 'json,md'], { cwd });
    expect(m.code, m.stderr).toBe(1);
    const merged = fleetOf(m, 'merged');
    expect(merged.shards).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect(comparable(cwd, 'merged', merged)).toEqual(comparable(cwd, 'fleet', fleet));
    // In French: the fleet views and the targets' own reports.
    const fr = await runCli(['merge-reports', 'shard-1', 'shard-2', 'shard-3', 'shard-4', '--out', 'merged-fr', '--format', 'json,md,html', '--lang', 'fr'], { cwd });
    expect(fr.code, fr.stderr).toBe(1);
    expect(fr.stdout).toContain('rapports de lots fusionnés');
    const md = readFileSync(join(cwd, 'merged-fr', 'fleet.md'), 'utf8');
    expect(md).toContain('## Cibles');
    expect(md).toContain('non conforme');
    expect(md).not.toContain('The server certificate is valid');
    expect(readFileSync(join(cwd, 'merged-fr', 'fleet.html'), 'utf8')).toContain('<html lang="fr">');
    // Merging a shard twice, or shards of another selection, is refused.
    const twice = await runCli(['merge-reports', 'shard-1', 'shard-1', '--out', 'bad'], { cwd });
    expect(twice.code).toBe(2);
  }, 240_000);

  it('bad fleet input exits 2 before any run', async () => {
    const r = await runCli(['run', '--targets', 'sandbox:no-such-defect', ...COMMON]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown sandbox defect no-such-defect');
    const s = await runCli(['run', '--targets', 'sandbox', '--shard', '5/4', ...COMMON]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--shard');
    const again = await runCli(['run', '--targets', 'sandbox', '--out', 'fleet', ...COMMON], { cwd: single.cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
  });
});
