import { readFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRECT, DEFECTS, writeFixtures } from '../../src/message/fixtures/generate.js';
import { loadMessageRules } from '../../src/message/rules-data.js';
import { AS_OF, FIXTURES, lintBytes, policyWithDerogationEnded, statuses, statusOf } from './helpers.js';

/** For every rule: fixtures on which it passes and fixtures on which it fails. */
const TABLE: Record<string, { pass: string[]; fail: string[]; derogationEnded?: boolean }> = {
  'MSG-MIME-STRUCTURE': { pass: ['ok-plain', 'ok-documents'], fail: ['mime-version-missing', 'multipart-unclosed'] },
  'MSG-CONTENT-TYPE': { pass: ['ok-documents'], fail: ['content-type-malformed'] },
  'MSG-MESSAGE-ID': { pass: ['ok-plain'], fail: ['message-id-missing', 'message-id-malformed'] },
  'MSG-THREADING': { pass: ['ok-plain'], fail: ['in-reply-to-malformed'] },
  'MSG-UTF8': { pass: ['ok-plain', 'ok-documents'], fail: ['text-latin1', 'text-invalid-utf8'] },
  'MSG-X-MSS-NIL': { pass: ['ok-plain', 'ok-documents'], fail: ['nil-missing', 'nil-malformed'] },
  'MSG-X-MSS-CODECDA': { pass: ['ok-documents', 'ok-plain'], fail: ['codecda-missing', 'codecda-wrong-order', 'codecda-without-documents'] },
  'MSG-X-MSS-INS': { pass: ['ok-documents', 'ok-plain', 'ins-not-qualified'], fail: ['ins-missing', 'ins-o-without-qualified', 'ins-n-with-qualified', 'ins-on-plain'] },
  'MSG-INS-QUALIFIED': { pass: ['ok-documents', 'ok-patient'], fail: ['ins-not-qualified'], derogationEnded: true },
  'MSG-X-MSS-MES': { pass: ['ok-patient'], fail: ['mes-not-patient', 'mes-wrong-value'] },
  'MSG-PATIENT-ADDRESS': { pass: ['ok-patient'], fail: ['patient-address-malformed', 'patient-address-not-documents-ins'] },
  'MSG-PATIENT-SIZE': { pass: ['ok-patient'], fail: ['patient-too-large'] },
  'MSG-XDM-PACKAGE': { pass: ['ok-documents'], fail: ['xdm-no-metadata', 'xdm-broken-zip', 'xdm-invalid-xml', 'xdm-dtd-entity'] },
  'MSG-XDM-PATIENT-ID': { pass: ['ok-documents'], fail: ['metadata-patient-mismatch', 'xdm-no-metadata'] },
  'MSG-CDA-PATIENT': { pass: ['ok-documents'], fail: ['cda-missing-traits'] },
  'MSG-ONE-PATIENT': { pass: ['ok-documents', 'ok-patient'], fail: ['two-patients'] },
  'MSG-XDM-SUBJECT': { pass: ['ok-documents'], fail: ['subject-not-xdm'] },
  'MSG-MDN-REQUEST': { pass: ['ok-plain'], fail: ['dnt-malformed'] },
  'MSG-MDN-STRUCTURE': { pass: ['ok-mdn'], fail: ['mdn-no-disposition'] },
};

function build(name: string): Buffer {
  const f = CORRECT.find((c) => c.name === name) ?? DEFECTS.find((d) => d.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.build();
}

describe('message lint rules', () => {
  const rules = loadMessageRules();

  it('every rule of the rules data has a passing and a failing fixture in the table', () => {
    const ids = rules.rules.map((r) => r.id).sort();
    expect(Object.keys(TABLE).sort()).toEqual(ids);
    for (const id of ids) {
      expect(TABLE[id].pass.length).toBeGreaterThan(0);
      expect(TABLE[id].fail.length).toBeGreaterThan(0);
    }
  });

  for (const [ruleId, row] of Object.entries(TABLE)) {
    it(`${ruleId}: passes and fails where it must`, async () => {
      const policy = row.derogationEnded ? policyWithDerogationEnded() : undefined;
      for (const name of row.pass) expect([name, statusOf(await lintBytes(name, build(name), policy), ruleId)]).toEqual([name, 'pass']);
      for (const name of row.fail) expect([name, statusOf(await lintBytes(name, build(name), policy), ruleId)]).toEqual([name, 'fail']);
    });
  }

  it('the correct messages raise no failure, warning or error, before and after the derogation', async () => {
    for (const policy of [undefined, policyWithDerogationEnded()]) {
      for (const c of CORRECT) {
        const s = statuses(await lintBytes(c.name, c.build(), policy));
        const bad = Object.entries(s).filter(([, st]) => !['pass', 'not-applicable'].includes(st));
        expect([c.name, bad]).toEqual([c.name, []]);
      }
    }
  });

  it('each committed defect fails exactly the rules it names (others pass, are n/a, or cannot conclude)', async () => {
    for (const d of DEFECTS.filter((x) => !x.large && !x.fails.includes('MSG-PARSE'))) {
      const l = await lintBytes(d.name, d.build(), d.fails.includes('MSG-INS-QUALIFIED') ? policyWithDerogationEnded() : undefined);
      const failing = l.results.filter((r) => r.outcome.status === 'fail').map((r) => r.rule.id).sort();
      expect([d.name, failing]).toEqual([d.name, [...d.fails].sort()]);
    }
  });

  it('MSG-INS-QUALIFIED is not applicable while the derogation is active', async () => {
    const l = await lintBytes('ins-not-qualified', build('ins-not-qualified'));
    const r = l.results.find((x) => x.rule.id === 'MSG-INS-QUALIFIED')!;
    expect(r.outcome.status).toBe('not-applicable');
    expect(r.outcome.reason).toMatch(/derogation/);
  });

  it('assertions record what was expected, what was found and the requirement ids', async () => {
    const l = await lintBytes('codecda-wrong-order', build('codecda-wrong-order'));
    const a = l.results.find((x) => x.rule.id === 'MSG-X-MSS-CODECDA')!.outcome.assertions.find((x) => x.status === 'fail')!;
    expect(a.expected).toEqual(['11488-4', '34133-9']);
    expect(a.found).toEqual(['34133-9', '11488-4']);
    expect(a.requirements).toContain('ECO.2.4.1');
  });

  it('the committed fixtures are what the generator writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msscheck-fixtures-'));
    try {
      writeFixtures(dir);
      const names = readdirSync(dir).sort();
      expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort()).toEqual(names);
      for (const n of names) expect([n, readFileSync(join(dir, n)).equals(readFileSync(join(FIXTURES, n)))]).toEqual([n, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the as-of date, never the clock', () => {
    expect(AS_OF.toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });
});
