import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/util/schema-validator.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { runCli } from '../helpers/cli.js';

const asOf = pkiManifest().referenceAsOf;

describe('msscheck run against the built-in sandbox', () => {
  it('runs the whole catalogue, writes JSON, JUnit, HTML and Markdown, and exits 0', async () => {
    const r = await runCli(['run', '--as-of', asOf, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CONFORMANT');
    const dir = join(r.cwd, 'reports', 'latest');
    for (const f of ['report.json', 'junit.xml', 'report.html', 'summary.md', 'report.json.sha256']) expect(existsSync(join(dir, f)), f).toBe(true);
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    const report = JSON.parse(json);
    const validate = schemaValidator('report');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.asOf).toBe(`${asOf}T00:00:00+01:00`);
    expect(report.target.source).toBe('sandbox');
    expect(report.catalogue.version).toBeTruthy();
    expect(report.policy.id).toBe('msscheck-default');
    expect(readFileSync(join(dir, 'report.json.sha256'), 'utf8')).toContain(createHash('sha256').update(json).digest('hex'));
  });

  it('with a sandbox defect, exits 1 and names the failing scenario', async () => {
    const r = await runCli(['run', '--as-of', asOf, '--quiet', '--sandbox-defects', 'mta-no-starttls', '--only', 'SMTP-*', '--format', 'json,md', '--out', 'out']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SMTP-STARTTLS-OFFERED/mta');
    const md = readFileSync(join(r.cwd, 'out', 'summary.md'), 'utf8');
    expect(md).toContain('SMTP-STARTTLS-OFFERED/mta');
    // The report carries the rule behind the failure: summary, source, version, confidence.
    expect(md).toContain('Rules behind the failures');
    expect(md).toMatch(/\*\*RFC3207§4\*\* \[P\] .*rfc3207.*\(February 2002\)/);
    expect(existsSync(join(r.cwd, 'out', 'junit.xml'))).toBe(false);
  });

  it('an unconfirmed rule (?) gives review and exit 0, with or without --strict; the report says why', async () => {
    for (const strict of [[], ['--strict']]) {
      const r = await runCli(['run', '--as-of', asOf, '--quiet', '--sandbox-defects', 'mta-plaintext-mail', '--only', 'SMTP-MTA-PLAINTEXT-MAIL-REFUSED', '--format', 'json,md', '--out', 'out', ...strict]);
      expect(r.code).toBe(0);
      const report = JSON.parse(readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8'));
      expect(report.scenarios[0].status).toBe('review');
      expect(report.scenarios[0].assertions[0]).toMatchObject({ status: 'review', confidence: '?', downgrade: { from: 'fail', to: 'review' } });
      expect(readFileSync(join(r.cwd, 'out', 'summary.md'), 'utf8')).toContain('To review');
    }
  });

  it('--fail-on high ignores failures of lower severity', async () => {
    const r = await runCli(['run', '--as-of', asOf, '--quiet', '--sandbox-defects', 'mta-no-starttls', '--only', 'SMTP-STARTTLS-OFFERED/mta', '--fail-on', 'critical', '--format', 'json', '--out', 'out']);
    const report = JSON.parse(readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8'));
    const failing = report.scenarios.filter((s: { status: string }) => s.status === 'fail');
    expect(failing.length).toBe(1);
    expect(r.code).toBe(failing[0].severity === 'critical' ? 1 : 0);
    // the verdict stays the truth; the gate only decides the exit code
    expect(report.summary.verdict).toBe('non-conformant');
    expect(report.summary.gate).toEqual({ failOn: 'critical', passed: failing[0].severity === 'critical' ? false : true });
  });

  it('sandbox --list-defects --json prints name, description and fails for each defect', async () => {
    const r = await runCli(['sandbox', '--list-defects', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; description: string; fails: string[]; warns?: string[] }[];
    expect(list.length).toBeGreaterThan(5);
    for (const d of list) {
      expect(Object.keys(d).filter((k) => k !== 'warns' && k !== 'reviews' && k !== 'unverifiable' && k !== 'inconclusive').sort()).toEqual(['description', 'fails', 'name']);
      const { reviews, inconclusive } = d as { reviews?: string[]; inconclusive?: string[] };
      expect(d.fails.length + (d.warns?.length ?? 0) + (reviews?.length ?? 0) + (inconclusive?.length ?? 0), `${d.name} names no instance`).toBeGreaterThan(0);
    }
  });

  it('list and explain show scenarios and requirements', async () => {
    const list = await runCli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('SMTP-STARTTLS-OFFERED/mta');
    const scen = await runCli(['explain', 'SMTP-STARTTLS-OFFERED']);
    expect(scen.code).toBe(0);
    expect(scen.stdout).toContain('ECO.1.0.1');
    expect(scen.stdout).toContain('mta-no-starttls');
    const req = await runCli(['explain', 'ECO.1.1.1']);
    expect(req.code).toBe(0);
    expect(req.stdout).toContain('TLS-VERSIONS');
    expect((await runCli(['explain', 'NOPE-NOPE'])).code).toBe(2);
  });
});
