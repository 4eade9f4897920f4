import { readFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRECT, DEFECTS, REVIEW, writeFixtures } from '../../src/message/fixtures/generate.js';
import { loadMessageRules } from '../../src/message/rules-data.js';
import { lintMessageSource } from '../../src/message/lint.js';
import { AS_OF, FIXTURES, lintBytes, policyWithDerogationEnded, statuses, statusOf } from './helpers.js';

/** For every rule: fixtures on which it passes and fixtures on which it fails. */
/** `weaker`: fixtures whose finding rests on a weaker assertion than the rule (e.g. a code list's form [S] under a P rule). */
const TABLE: Record<string, { pass: string[]; fail: string[]; derogationEnded?: boolean; weaker?: Record<string, 'S' | '?'> }> = {
  'MSG-MIME-STRUCTURE': { pass: ['ok-plain', 'ok-documents'], fail: ['mime-version-missing', 'multipart-unclosed'] },
  'MSG-CONTENT-TYPE': { pass: ['ok-documents'], fail: ['content-type-malformed'] },
  'MSG-MESSAGE-ID': { pass: ['ok-plain'], fail: ['message-id-missing', 'message-id-malformed'] },
  'MSG-THREADING': { pass: ['ok-plain'], fail: ['in-reply-to-malformed'] },
  'MSG-UTF8': { pass: ['ok-plain', 'ok-documents'], fail: ['text-latin1', 'text-invalid-utf8'] },
  'MSG-X-MSS-NIL': { pass: ['ok-plain', 'ok-documents', 'ok-nil-numeric'], fail: ['nil-missing', 'nil-empty'] },
  'MSG-X-MSS-CODECDA': { pass: ['ok-documents', 'ok-plain'], fail: ['codecda-missing', 'codecda-wrong-code', 'codecda-without-documents'], weaker: { 'codecda-wrong-code': 'S' } },
  'MSG-X-MSS-INS': { pass: ['ok-documents', 'ok-plain', 'ins-not-qualified'], fail: ['ins-missing', 'ins-o-without-qualified', 'ins-n-with-qualified', 'ins-on-plain'] },
  'MSG-INS-QUALIFIED': { pass: ['ok-documents', 'ok-patient'], fail: ['ins-not-qualified'], derogationEnded: true },
  'MSG-X-MSS-MES': { pass: ['ok-patient'], fail: ['mes-not-patient', 'mes-wrong-value'] },
  'MSG-PATIENT-ADDRESS': { pass: ['ok-patient', 'ok-patient-corsica'], fail: ['patient-address-malformed', 'patient-address-not-documents-ins'] },
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
  const f = CORRECT.find((c) => c.name === name) ?? DEFECTS.find((d) => d.name === name) ?? REVIEW.find((r) => r.name === name);
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

  /**
   * What a defect of a rule gives, by the verdict strength of its finding: a rule backed by a
   * primary source (P) fails; an S one warns, and fails with --strict; an unconfirmed one (?)
   * asks for review in both modes.
   */
  const expectedFinding = (ruleId: string, strict: boolean, fixture: string): string => {
    const c = TABLE[ruleId].weaker?.[fixture] ?? rules.rules.find((r) => r.id === ruleId)!.confidence;
    return c === '?' ? 'review' : c === 'S' && !strict ? 'warn' : 'fail';
  };

  for (const [ruleId, row] of Object.entries(TABLE)) {
    it(`${ruleId}: passes and finds its defects at the strength of its source (default and --strict)`, async () => {
      const policy = row.derogationEnded ? policyWithDerogationEnded() : undefined;
      for (const name of row.pass) expect([name, statusOf(await lintBytes(name, build(name), policy), ruleId)]).toEqual([name, 'pass']);
      for (const strict of [false, true]) {
        for (const name of row.fail) expect([name, strict, statusOf(await lintBytes(name, build(name), policy, strict), ruleId)]).toEqual([name, strict, expectedFinding(ruleId, strict, name)]);
      }
    });
  }

  it('the correct messages raise no failure, warning or error, before and after the derogation', async () => {
    for (const policy of [undefined, policyWithDerogationEnded()]) {
      for (const c of CORRECT.filter((x) => !x.derogationOnly || policy === undefined)) {
        const s = statuses(await lintBytes(c.name, c.build(), policy));
        const bad = Object.entries(s).filter(([, st]) => !['pass', 'not-applicable'].includes(st));
        expect([c.name, bad]).toEqual([c.name, []]);
      }
    }
  });

  it('each committed defect fails exactly the rules it names (others pass, are n/a, or cannot conclude)', async () => {
    for (const d of DEFECTS.filter((x) => !x.large && !x.fails.includes('MSG-PARSE'))) {
      // --strict: S rules fail too; an unconfirmed (?) rule names its defect by a review.
      const l = await lintBytes(d.name, d.build(), d.fails.includes('MSG-INS-QUALIFIED') ? policyWithDerogationEnded() : undefined, true);
      const finding = l.results.filter((r) => r.outcome.status === 'fail' || r.outcome.status === 'review').map((r) => r.rule.id).sort();
      expect([d.name, finding]).toEqual([d.name, [...d.fails].sort()]);
    }
  });

  it('MSG-INS-QUALIFIED is not applicable while the derogation is active', async () => {
    const l = await lintBytes('ins-not-qualified', build('ins-not-qualified'));
    const r = l.results.find((x) => x.rule.id === 'MSG-INS-QUALIFIED')!;
    expect(r.outcome.status).toBe('not-applicable');
    expect(r.outcome.reason).toMatch(/derogation/);
  });

  it('assertions record what was expected, what was found, the requirement ids, their details and the downgrade', async () => {
    const l = await lintBytes('codecda-wrong-code', build('codecda-wrong-code'));
    const a = l.results.find((x) => x.rule.id === 'MSG-X-MSS-CODECDA')!.outcome.assertions.find((x) => x.status !== 'pass')!;
    expect(a.expected).toEqual(['11488-4', '34133-9']);
    expect(a.found).toEqual(['11488-4', '18842-5']);
    expect(a.requirements).toContain('ECO.2.4.1');
    // The codes' form rests on implementer's notes (S): a warning by default, saying why.
    expect(a).toMatchObject({ status: 'warn', confidence: 'S', downgrade: { from: 'fail', to: 'warn' } });
    expect(a.requirementDetails?.find((d) => d.id === 'ECO.2.4.1')).toMatchObject({ confidence: 'P', source: expect.stringContaining('§3.8.1') });
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

describe('messages the audit showed failing (truth audit 2026-11-30)', () => {
  it('X-MSS-NIL: 3734, a bounce, a Corsican INS and a CDA without qualified INS during the derogation pass every rule', async () => {
    for (const name of ['ok-nil-numeric', 'ok-bounce', 'ok-patient-corsica', 'ok-patient-derogation']) {
      const s = statuses(await lintBytes(name, CORRECT.find((c) => c.name === name)!.build()));
      expect([name, Object.entries(s).filter(([, st]) => !['pass', 'not-applicable'].includes(st))]).toEqual([name, []]);
    }
  });

  it('a bounce is not-applicable to every client rule, with the reason', async () => {
    const l = await lintBytes('ok-bounce', CORRECT.find((c) => c.name === 'ok-bounce')!.build());
    expect(l.results.every((r) => r.outcome.status === 'not-applicable' && /not written by the client.*delivery-status/.test(r.outcome.reason ?? ''))).toBe(true);
    expect(l.summary?.authorship.clientWritten).toBe(false);
  });

  it('a configured X-MSS-NIL format (no published grammar) gives review, never fail', async () => {
    const base = loadMessageRules();
    const rules = { ...base, values: { ...base.values, nilPattern: '^[A-Z]{3}[0-9]{6}$' }, re: { ...base.re, nil: /^[A-Z]{3}[0-9]{6}$/ } };
    for (const strict of [false, true]) {
      const l = await lintMessageSource('n', CORRECT.find((c) => c.name === 'ok-nil-numeric')!.build(), { asOf: AS_OF, rules, strength: { strict } });
      expect(l.results.find((r) => r.rule.id === 'MSG-X-MSS-NIL')!.outcome.status).toBe('review');
    }
  });

  it('an MDN in error shaped as the ANS HL7v2 volet asks for review on the subject rule, naming both sources', async () => {
    const l = await lintBytes('mdn', REVIEW[0].build());
    const r = l.results.find((x) => x.rule.id === 'MSG-XDM-SUBJECT')!;
    expect(r.outcome.status).toBe('review');
    expect(r.outcome.assertions[0].requirements).toEqual(['ECO.2.1.3', 'ANS-HL7V2.MDN-ERROR']);
    expect(l.results.filter((x) => x.outcome.status === 'fail')).toEqual([]);
  });

  it('an MDN in error with the ANS volet\'s shape (5 parts: the original\'s attachments again) asks for review on MSG-MDN-STRUCTURE, naming RFC 8098 §3 and the volet; nothing fails', async () => {
    const l = await lintBytes('mdn-ko', REVIEW.find((r) => r.name === 'mdn-ko-volet-report')!.build());
    const r = l.results.find((x) => x.rule.id === 'MSG-MDN-STRUCTURE')!;
    expect(r.outcome.status).toBe('review');
    const disagreement = r.outcome.assertions.filter((a) => a.status !== 'pass');
    expect(disagreement.map((a) => [a.fact, a.requirements])).toEqual([['mime.parts', ['RFC8098§3', 'ANS-HL7V2.MDN-ERROR']]]);
    expect(l.results.filter((x) => !['pass', 'not-applicable'].includes(x.outcome.status)).map((x) => x.rule.id)).toEqual(['MSG-MDN-STRUCTURE']);
    // The shape is data: without it, the same report fails RFC 8098 §3's part count.
    const base = loadMessageRules();
    const rules = { ...base, mdn: { ...base.mdn!, alternativeShapes: [] } };
    const strict = await lintMessageSource('mdn-ko', REVIEW.find((x) => x.name === 'mdn-ko-volet-report')!.build(), { asOf: AS_OF, rules });
    expect(strict.results.find((x) => x.rule.id === 'MSG-MDN-STRUCTURE')!.outcome.status).toBe('fail');
  });

  it('an MDN with a sixth part, or an extra part that is not one of the original\'s attachments, still fails RFC 8098 §3', async () => {
    const ko = REVIEW.find((r) => r.name === 'mdn-ko-volet-report')!.build().toString('utf8');
    const odd = ko.replace('Content-Type: application/pdf; name="compte-rendu.pdf"', 'Content-Type: image/png; name="photo.png"').replace('filename="compte-rendu.pdf"', 'filename="photo.png"');
    expect(statusOf(await lintBytes('odd', Buffer.from(odd)), 'MSG-MDN-STRUCTURE')).toBe('fail');
  });

  it('X-MSS-CODECDA: any order and several header lines are accepted', async () => {
    const swapped = Buffer.from(build('ok-documents').toString('latin1').replace('X-MSS-CODECDA: 11488-4,34133-9', 'X-MSS-CODECDA: 34133-9\r\nX-MSS-CODECDA: 11488-4'), 'latin1');
    expect(swapped.toString('latin1')).toContain('X-MSS-CODECDA: 34133-9\r\n');
    expect(statusOf(await lintBytes('swapped', swapped), 'MSG-X-MSS-CODECDA')).toBe('pass');
  });

  it('a patient address without qualified INS documents fails the address rule only once the derogation has ended', async () => {
    const data = CORRECT.find((c) => c.name === 'ok-patient-derogation')!.build();
    expect(statusOf(await lintBytes('d', data), 'MSG-PATIENT-ADDRESS')).toBe('pass');
    expect(statusOf(await lintBytes('d', data, policyWithDerogationEnded(), true), 'MSG-PATIENT-ADDRESS')).toBe('fail');
  });
});
