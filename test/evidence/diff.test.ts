import { describe, expect, it } from 'vitest';
import { classify, diffReports } from '../../src/evidence/diff.js';
import { renderDiffMarkdown } from '../../src/evidence/diff-markdown.js';
import type { Report } from '../../src/model/result.js';
import { fixtureReport } from '../reporters/fixture.js';

const clone = (r: Report): Report => JSON.parse(JSON.stringify(r)) as Report;

describe('diff of two reports', () => {
  it('classifies status changes: only a new fail, or pass to warn/review, is a regression', () => {
    expect(classify('pass', 'fail')).toBe('regressed');
    expect(classify('error', 'fail')).toBe('regressed');
    expect(classify('pass', 'warn')).toBe('regressed');
    expect(classify('pass', 'review')).toBe('regressed');
    expect(classify('fail', 'pass')).toBe('fixed');
    expect(classify('warn', 'pass')).toBe('fixed');
    expect(classify('pass', 'error')).toBe('changed');
    expect(classify('fail', 'not-applicable')).toBe('changed');
    expect(classify('skip', 'pass')).toBe('changed');
    expect(classify('pass', 'pass')).toBe('same');
  });

  it('the same report: nothing changed, no regression', () => {
    const d = diffReports(fixtureReport(), fixtureReport());
    expect(d.regression).toBe(false);
    expect([d.regressed, d.fixed, d.changed, d.appeared, d.disappeared, d.certificates, d.identification.means]).toEqual([[], [], [], [], [], [], []]);
    expect(renderDiffMarkdown(d)).toContain('**No regression**');
  });

  it('regressions, appearances, timeline changes; --fail-on decides what gates', () => {
    const a = fixtureReport();
    const b = clone(a);
    const passing = b.scenarios.find((s) => s.status === 'pass')!;
    passing.status = 'fail';
    passing.severity = 'low';
    passing.reason = 'now refused | with a pipe';
    const gone = b.scenarios.pop()!;
    b.scenarios.push({ ...passing, id: 'NEW-SCENARIO', scenarioId: 'NEW-SCENARIO', status: 'fail' });
    const pw = b.identification!.means.find((m) => m.means === 'password')!;
    pw.status = 'forbidden';
    pw.compliantUntil = '2025-06-30';
    b.identification!.verdict = 'non-compliant';
    b.identification!.firstNonCompliantDate = '2025-07-01';
    const d = diffReports(a, b);
    expect(d.regressed.map((r) => [r.id, r.from, r.to])).toEqual([[passing.id, 'pass', 'fail']]);
    expect(d.disappeared.map((r) => r.id)).toEqual([gone.id]);
    expect(d.appeared).toEqual([expect.objectContaining({ id: 'NEW-SCENARIO', status: 'fail' })]);
    expect(d.regression).toBe(true);
    expect(d.identification.verdict).toEqual({ from: 'compliant', to: 'non-compliant' });
    expect(d.identification.firstNonCompliantDate).toEqual({ from: '2026-01-01', to: '2025-07-01' });
    expect(d.identification.means).toEqual([expect.objectContaining({ means: 'password', change: 'changed', from: expect.objectContaining({ status: 'tolerated', compliantUntil: '2025-12-31' }), to: expect.objectContaining({ status: 'forbidden', compliantUntil: '2025-06-30' }) })]);
    // the regression is of severity low: a gate at high lets it through
    expect(diffReports(a, b, { failOn: 'high' }).regression).toBe(false);
    const md = renderDiffMarkdown(d);
    expect(md).toContain('## Regressed (1)');
    expect(md).toContain('now refused \\| with a pipe');
    expect(md).toContain('- password: changed: tolerated until 2025-12-31');
  });

  it('tolerates absent optional fields (an older report, a lint report: no identification, no evidence)', () => {
    const a = clone(fixtureReport());
    const b = clone(a);
    delete a.identification;
    for (const s of a.scenarios) delete (s as Partial<typeof s>).evidence;
    delete (b as Partial<Report>).summary;
    const d = diffReports(a, b);
    expect(d.identification.verdict).toEqual({ from: 'none', to: 'compliant' });
    expect(d.certificates.length).toBeGreaterThan(0);
    expect(d.certificates.every((c) => c.observed === 'new-only')).toBe(true);
    expect(() => renderDiffMarkdown(d)).not.toThrow();
  });
});

describe('msscheck diff inputs', () => {
  it('exit 2 on unreadable input; a bundle whose report.json does not match its manifest is diffed with a warning', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const { buildBundle } = await import('../../src/evidence/bundle.js');
    const { zipFiles } = await import('../../src/evidence/archive.js');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const r0 = await runCli(['--version']);
    writeFileSync(join(r0.cwd, 'bad.json'), '{"not": "a report"}');
    writeFileSync(join(r0.cwd, 'good.json'), JSON.stringify(fixtureReport()));
    const bad = await runCli(['diff', 'bad.json', 'good.json'], { cwd: r0.cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not an msscheck report');
    expect((await runCli(['diff', 'missing.json', 'good.json'], { cwd: r0.cwd })).code).toBe(2);

    const entries = buildBundle({ report: fixtureReport() }).entries.map((e) => (e.path === 'reports/report.json' ? { ...e, data: Buffer.from(Buffer.from(e.data).toString().replace('"status": "fail"', '"status": "pass"')) } : e));
    writeFileSync(join(r0.cwd, 'edited.zip'), zipFiles(entries, new Date('2025-06-15T10:00:00Z')));
    const edited = await runCli(['diff', 'good.json', 'edited.zip', '--format', 'json'], { cwd: r0.cwd });
    expect(edited.stderr).toMatch(/warning: .*edited\.zip: reports\/report\.json: SHA-256 is .* \(run `msscheck verify`\)/);
    expect(JSON.parse(edited.stdout).fixed.length + JSON.parse(edited.stdout).changed.length).toBeGreaterThanOrEqual(1);
  });
});
