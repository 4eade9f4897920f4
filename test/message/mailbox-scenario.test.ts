import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { loadMessageRules } from '../../src/message/rules-data.js';
import { listDefects, startSandbox } from '../../src/sandbox/operator.js';
import { BUILTIN_SCENARIO_DIR, instancesOf, loadScenarioFile } from '../../src/scenarios/loader.js';
import { Redactor } from '../../src/util/redact.js';

/** MSG-MAILBOX-CONFORMANT against the in-process sandbox: PSC token by CIBA, then IMAP XOAUTH2 and lint. */
const FILE = join(BUILTIN_SCENARIO_DIR, 'message', 'MSG-MAILBOX-CONFORMANT.yaml');
const { spec } = loadScenarioFile(FILE);
const instances = instancesOf(spec, FILE, 'message');

async function run(defects: string[]): Promise<{ result: ScenarioResult; redactor: Redactor }> {
  const sandbox = await startSandbox({ defects });
  const redactor = new Redactor();
  try {
    const [result] = await runInstances(instances, {
      target: sandbox.target,
      asOf: new Date('2025-01-31T00:00:00Z'),
      redactor,
      timeouts: { connectMs: 3000, idleMs: 5000, overallMs: 20000 },
      concurrency: 1,
    });
    return { result: result!, redactor };
  } finally {
    await sandbox.stop();
  }
}

describe('MSG-MAILBOX-CONFORMANT', () => {
  it('names one assertion per message rule, with the rule\'s requirement ids', () => {
    const lint = spec.steps.find((s) => s.probe === 'message.lint')!;
    const byRule = new Map<string, string[]>();
    for (const e of lint.expect ?? []) {
      const m = /^rules\.([A-Z0-9-]+)\.status$/.exec(e.fact);
      if (m && (e.level ?? 'fail') === 'fail') byRule.set(m[1]!, e.requirements ?? []);
    }
    for (const rule of loadMessageRules().rules) expect(byRule.get(rule.id), rule.id).toEqual(rule.requirements);
    expect(spec.requirements).toEqual(expect.arrayContaining(['ECO.2.4.1', 'ECO.2.4.2', 'ECO.2.4.3']));
  });

  it('passes on the clean sandbox: the PSC identity\'s mailbox holds a conformant IHE_XDM message, read over XOAUTH2', async () => {
    const { result } = await run([]);
    expect(result.status, result.reason).toBe('pass');
    const found = (fact: string) => result.assertions.find((a) => a.fact === fact && a.operator === 'notEquals')?.found;
    // The rules that judge the IHE_XDM document really ran (pass, not not-applicable).
    for (const rule of ['MSG-X-MSS-CODECDA', 'MSG-X-MSS-INS', 'MSG-X-MSS-NIL', 'MSG-XDM-PACKAGE', 'MSG-XDM-PATIENT-ID', 'MSG-CDA-PATIENT']) expect(found(`rules.${rule}.status`), rule).toBe('pass');
    const transcript = result.evidence.filter((e) => e.kind === 'transcript').flatMap((e) => e.lines ?? []).join('\n');
    expect(transcript).toMatch(/AUTHENTICATE XOAUTH2/);
    expect(transcript).not.toMatch(/AUTHENTICATE OAUTHBEARER|eyJ/);
  }, 30_000);

  it('fails with the mailbox-nonconformant-message defect, on X-MSS-CODECDA only (a P rule: ECO.2.4.1)', async () => {
    expect(listDefects().find((d) => d.name === 'mailbox-nonconformant-message')?.fails).toEqual(['MSG-MAILBOX-CONFORMANT']);
    const { result } = await run(['mailbox-nonconformant-message']);
    expect(result.status).toBe('fail');
    const failed = result.assertions.filter((a) => a.status === 'fail').map((a) => a.fact);
    expect(failed).toEqual(['rules.MSG-X-MSS-CODECDA.status']);
    const a = result.assertions.find((x) => x.fact === 'rules.MSG-X-MSS-CODECDA.status')!;
    expect(a.requirements).toContain('ECO.2.4.1');
    expect(a.confidence).toBe('P');
    expect(a.requirementDetails?.map((d) => d.id)).toContain('ECO.2.4.1');
    // The evidence says which messages were judged and why.
    expect(result.evidence.find((e) => e.title.startsWith('message selection'))?.data).toEqual([expect.objectContaining({ judged: true })]);
  }, 30_000);
});
