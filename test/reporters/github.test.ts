import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { escapeData, escapeProperty, githubAnnotations } from '../../src/reporters/github.js';
import { runCli } from '../helpers/cli.js';
import { fixtureReport } from './fixture.js';

describe('GitHub Actions annotations and step summary', () => {
  it('escapes messages and properties as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('one annotation per scenario needing attention: ::error for a failure, ::warning, ::notice', () => {
    const report = fixtureReport();
    report.target!.source = '/work/ci/operator.yaml';
    const lines = githubAnnotations(report, translator('en'), '/work/ci');
    expect(lines).toEqual([
      '::error file=operator.yaml,title=fail%3A TLS-VERSIONS/mta [critical]::TLS <script>alert("pwned")</script> & \'quotes\' | pipes: TLS 1.0 is refused <b>: expected notContains "TLSv1", found ["TLSv1","TLSv1.2"] (ECO.1.1.1, SC.MSS/CONF.05)',
      expect.stringMatching(/^::warning file=operator\.yaml,title=error%3A IMAP-LOGIN-TLS \[\w+\]::/),
      expect.stringMatching(/^::warning file=operator\.yaml,title=warn%3A /),
      expect.stringMatching(/^::notice file=operator\.yaml,title=review%3A /),
    ]);
    // the sandbox has no file to point at
    report.target!.source = 'sandbox';
    expect(githubAnnotations(report)[0]).toMatch(/^::error title=fail%3A TLS-VERSIONS\/mta/);
    expect(githubAnnotations(report, translator('fr'))[0]).toMatch(/^::error title=échec%3A TLS-VERSIONS\/mta \[critique\]::/);
  });

  it('a run under GITHUB_ACTIONS prints the annotation lines and appends the Markdown summary to GITHUB_STEP_SUMMARY', async () => {
    const first = await runCli(['--version']);
    const summary = join(first.cwd, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const args = ['run', '--as-of', pkiManifest().referenceAsOf, '--quiet', '--sandbox-defects', 'mta-no-starttls', '--only', 'SMTP-STARTTLS-OFFERED/mta', '--format', 'json', '--out', 'out'];
    const r = await runCli(args, { cwd: first.cwd, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error title=fail%3A SMTP-STARTTLS-OFFERED(\/\S+)? \[\w+\]::.+/);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## ❌ msscheck: non-conformant; gate failed at --fail-on info')).toBe(true);
    expect(md).toContain('SMTP-STARTTLS-OFFERED');

    // without GITHUB_ACTIONS: neither
    const plain = await runCli(args, { cwd: first.cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(plain.stdout).not.toMatch(/^::/m);
    expect(readFileSync(summary, 'utf8')).toBe(md);
  });
});
