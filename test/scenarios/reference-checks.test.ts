import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenarios/loader.js';
import { InputError } from '../../src/util/input-error.js';
import { runCli } from '../helpers/cli.js';

const HEAD = ['id: SMTP-BAD-ONE', 'title: a bad scenario', 'requirements: [ECO.1.0.1]', 'tags: [smtp]', 'severity: high', 'steps:', '  - id: ehlo', '    probe: smtp.session', '    with: { endpoint: smtpMta }', '    expect:'];

/** Writes a scenario whose only assertion is `assertion` (line 11) into a fresh catalogue folder. */
async function scenarioDir(assertion: string, extra: string[] = []): Promise<{ cwd: string; file: string }> {
  const r0 = await runCli(['--version']);
  const dir = join(r0.cwd, 'scen', 'smtp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'BAD.yaml');
  writeFileSync(file, [...HEAD, assertion, ...extra, ''].join('\n'));
  return { cwd: r0.cwd, file };
}

function problemsOf(file: string): InputError['problems'] {
  try {
    loadScenarioFile(file);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  return [];
}

describe('scenario facts, operators and templates are checked when loaded (exit 2, file, line, field, fix)', () => {
  it('a typo in a fact path under a negative operator: validate and run both exit 2 naming BAD.yaml:11, nothing written', async () => {
    const { cwd } = await scenarioDir('      - { fact: extensionz, op: notContains, value: STARTTLS, description: a typo }');
    const v = await runCli(['validate', 'scen/smtp/BAD.yaml'], { cwd });
    expect(v.code).toBe(2);
    expect(v.stdout + v.stderr).toMatch(/BAD\.yaml:11:\d+: field \/steps\/0\/expect\/0\/fact: probe smtp.session has no fact "extensionz"/);
    expect(v.stdout + v.stderr).toContain('fix: use one of: endpoint');
    const r = await runCli(['run', '--scenarios', 'scen', '--out', 'out'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD.yaml:11');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('an invalid regex exits 2', async () => {
    const { cwd } = await scenarioDir('      - { fact: tlsCipher, op: matches, value: "((", description: a broken pattern }');
    const r = await runCli(['run', '--scenarios', 'scen', '--out', 'out'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/BAD\.yaml:11:\d+: field \/steps\/0\/expect\/0\/value: invalid regular expression/);
  });

  it('operator arity: equals needs a value, absent takes none', async () => {
    const a = await scenarioDir('      - { fact: starttlsCode, op: equals, description: no value }');
    expect(problemsOf(a.file)).toMatchObject([{ line: 11, field: '/steps/0/expect/0', message: 'operator equals needs a value' }]);
    const b = await scenarioDir('      - { fact: starttlsCode, op: absent, value: 220, description: a value too many }');
    expect(problemsOf(b.file)).toMatchObject([{ line: 11, field: '/steps/0/expect/0/value', message: 'operator absent takes no value' }]);
  });

  it('value types against the facts schema: a string for an integer, a value outside an enum, gt on a list', async () => {
    const a = await scenarioDir('      - { fact: bannerCode, op: equals, value: "220", description: a string code }');
    expect(problemsOf(a.file)[0]).toMatchObject({ field: '/steps/0/expect/0/value', message: expect.stringContaining('can never equal this fact (an integer)') });
    const b = await scenarioDir('      - { fact: extensions, op: gt, value: 1, description: a list compared }');
    expect(problemsOf(b.file)[0]).toMatchObject({ field: '/steps/0/expect/0/op', message: expect.stringContaining('needs a number') });
  });

  it('templates: a step that has not run, a fact its probe lacks, a target field that does not exist, an undefined variable', async () => {
    const a = await scenarioDir('      - { fact: starttlsCode, op: equals, value: "${steps.nope.facts.code}", description: no such step }');
    expect(problemsOf(a.file)[0]).toMatchObject({ line: 11, message: expect.stringContaining('names step "nope", which has not run') });
    const b = await scenarioDir('      - { fact: starttlsCode, op: equals, value: "${steps.ehlo.facts.bannerCod}", description: a typo in the template }');
    expect(problemsOf(b.file)[0]).toMatchObject({ message: 'step ehlo has no fact "bannerCod"' });
    const c = await scenarioDir('      - { fact: endpoint, op: equals, value: "${target.endpoints.smtpMta.hots}", description: a target typo }');
    expect(problemsOf(c.file)[0]).toMatchObject({ message: expect.stringContaining('no field "target.endpoints.smtpMta.hots"') });
    const d = await scenarioDir('      - { fact: endpoint, op: equals, value: "${endpoint}", description: an undefined variable }');
    expect(problemsOf(d.file)[0]).toMatchObject({ message: expect.stringContaining('"endpoint" is neither a variable') });
  });

  it('an exists that cannot fail (a fact always present) is refused', async () => {
    const a = await scenarioDir('      - { fact: bannerCode, op: exists, description: always there }');
    expect(problemsOf(a.file)[0]).toMatchObject({ field: '/steps/0/expect/0/op', message: expect.stringContaining('always present') });
  });

  it('a correct scenario with deep paths, variables and earlier-step templates loads', async () => {
    const a = await scenarioDir('      - { fact: authBeforeTls.attempts.0.code, op: gte, value: 500, description: refused }', [
      '  - id: again',
      '    probe: smtp.session',
      '    with: { endpoint: "${steps.ehlo.facts.endpoint}" }',
      '    expect:',
      '      - { fact: bannerCode, op: equals, value: "${steps.ehlo.facts.bannerCode}", description: same banner }',
    ]);
    expect(problemsOf(a.file)).toEqual([]);
  });

  it('the whole built-in catalogue passes the checks', async () => {
    const r = await runCli(['validate', ...['smtp/SMTP-STARTTLS-OFFERED.yaml', 'message/MSG-MAILBOX-CONFORMANT.yaml', 'trust/TRUST-MTA-PEER-REFUSED.yaml'].map((f) => join(process.cwd(), 'scenarios', f))]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
  it("a control's meanwhile names steps of the scenario, and goes with a control scenario", async () => {
    const a = await scenarioDir('      - { fact: starttlsCode, op: equals, value: 220, description: the code }', ['control: { scenario: SMTP-OTHER, meanwhile: [ehlo, tokn] }']);
    expect(problemsOf(a.file)).toMatchObject([{ field: '/control/meanwhile/1', message: 'control meanwhile names "tokn", which is not a step of this scenario', fix: 'name one of: ehlo' }]);
    const b = await scenarioDir('      - { fact: starttlsCode, op: equals, value: 220, description: the code }', ['control: { step: ehlo, meanwhile: [ehlo] }']);
    expect(problemsOf(b.file)).toMatchObject([{ field: '/control/meanwhile', message: expect.stringContaining('meanwhile goes with a control scenario') }]);
  });
});
