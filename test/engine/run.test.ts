import { describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import type { FactsSchema } from '../../src/probes/facts-schema.js';
import { ProbeError, type Probe } from '../../src/probes/types.js';
import type { ScenarioInstance, ScenarioSpec } from '../../src/scenarios/types.js';
import type { ResolvedTarget } from '../../src/target/profile.js';
import { Redactor } from '../../src/util/redact.js';

const target: ResolvedTarget = {
  source: 'test',
  baseDir: '/tmp',
  profile: { operator: { name: 'Op' }, domains: ['op.test'], endpoints: { imap: { host: '127.0.0.1', port: 1 } } },
};

/** Facts a test probe may return: anything (scenarios here are not loaded from files). */
const OPEN_FACTS: FactsSchema = { type: 'object', properties: {}, additionalProperties: {} };

/** Test probes: each does one thing the engine must handle. */
const probes: Record<string, Probe> = {
  'test.facts': {
    name: 'test.facts',
    summary: 'returns its input as facts',
    inputSchema: { type: 'object' },
    facts: OPEN_FACTS,
    run: async (input) => input as Record<string, unknown>,
  },
  'test.hang': {
    name: 'test.hang',
    summary: 'never answers',
    inputSchema: { type: 'object' },
    facts: OPEN_FACTS,
    run: (_input, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
  },
  'test.throw': {
    name: 'test.throw',
    summary: 'throws',
    inputSchema: { type: 'object', properties: { code: { type: 'string' }, outcome: { type: 'string' } } },
    facts: OPEN_FACTS,
    run: async (input: { code?: string; outcome?: 'skip' | 'error' }) => {
      if (input.code) throw new ProbeError(input.code as 'PRECONDITION', 'precondition missing', input.outcome);
      throw new Error('boom with secret s3cr3t-value');
    },
  },
  'test.secret': {
    name: 'test.secret',
    summary: 'uses a secret and writes a transcript',
    inputSchema: { type: 'object' },
    facts: OPEN_FACTS,
    run: async (_input, ctx) => {
      const s = ctx.secrets.resolve('env:TEST_SECRET', 'password')!;
      const t = ctx.transcript('login');
      t.client(`LOGIN user ${s}`);
      ctx.evidence('json', 'payload', { sent: Buffer.from(s).toString('base64') });
      return { echoed: s };
    },
  },
};

function instance(spec: Partial<ScenarioSpec> & Pick<ScenarioSpec, 'steps'>, vars: Record<string, unknown> = {}): ScenarioInstance {
  const full: ScenarioSpec = { id: 'T-ONE', title: 'test', requirements: ['R1'], tags: ['t'], severity: 'high', ...spec };
  return { id: full.id, scenarioId: full.id, title: full.title, family: 'test', file: 'test.yaml', spec: full, vars };
}

const run = (inst: ScenarioInstance, extra: Partial<Parameters<typeof runInstances>[1]> = {}) =>
  runInstances([inst], { target, asOf: new Date('2026-01-01T00:00:00Z'), findProbe: (n) => probes[n], ...extra }).then((r) => r[0]);

describe('engine', () => {
  it('passes when every assertion holds and records expected/found/requirements', async () => {
    const r = await run(instance({ steps: [{ id: 's', probe: 'test.facts', with: { list: ['A', 'B'] }, expect: [{ fact: 'list', op: 'contains', value: 'A', description: 'has A' }] }] }));
    expect(r.status).toBe('pass');
    expect(r.assertions[0]).toMatchObject({ expected: 'A', found: ['A', 'B'], requirements: ['R1'], status: 'pass' });
  });

  it('fails on a failing assertion and warns on a failing warn-level one', async () => {
    const fail = await run(instance({ steps: [{ id: 's', probe: 'test.facts', with: { n: 1 }, expect: [{ fact: 'n', op: 'gt', value: 1, description: 'n > 1' }] }] }));
    expect(fail.status).toBe('fail');
    expect(fail.reason).toContain('n > 1');
    const warn = await run(instance({ steps: [{ id: 's', probe: 'test.facts', with: { n: 1 }, expect: [{ fact: 'n', op: 'gt', value: 1, description: 'n > 1', level: 'warn' }] }] }));
    expect(warn.status).toBe('warn');
  });

  it('passes facts of one step to the next through templates, and variables from variants', async () => {
    const r = await run(
      instance({
        steps: [
          { id: 'a', probe: 'test.facts', with: { host: '${target.endpoints.${which}.host}' }, expect: [{ fact: 'host', op: 'exists', description: 'host' }] },
          { id: 'b', probe: 'test.facts', with: { copy: '${steps.a.facts.host}', label: 'on ${which}' }, expect: [{ fact: 'copy', op: 'equals', value: '127.0.0.1', description: 'copied' }, { fact: 'label', op: 'equals', value: 'on imap', description: 'label' }] },
        ],
      }),
      {},
    );
    // nested templates are not supported: the first step must error, not pass
    expect(r.status).toBe('error');
    const ok = await run(
      instance(
        {
          steps: [
            { id: 'a', probe: 'test.facts', with: { ep: '${target.endpoints.imap}' }, expect: [{ fact: 'ep.port', op: 'equals', value: 1, description: 'port' }] },
            { id: 'b', probe: 'test.facts', with: { copy: '${steps.a.facts.ep.host}', label: 'on ${which}' }, expect: [{ fact: 'copy', op: 'equals', value: '127.0.0.1', description: 'copied' }, { fact: 'label', op: 'equals', value: 'on imap', description: 'label' }] },
          ],
        },
        { which: 'imap' },
      ),
    );
    expect(ok.status).toBe('pass');
  });

  it('is not-applicable when appliesTo does not hold', async () => {
    const r = await run(instance({ appliesTo: [{ path: 'target.endpoints.smtpMta', op: 'exists' }], steps: [{ id: 's', probe: 'test.facts', expect: [] }] }));
    expect(r.status).toBe('not-applicable');
    expect(r.reason).toContain('target.endpoints.smtpMta');
  });

  it('gives error, never pass, when a probe never answers (overall timeout)', async () => {
    const r = await run(instance({ timeouts: { overall: '50ms' }, steps: [{ id: 's', probe: 'test.hang', expect: [{ fact: 'x', op: 'absent', description: 'nothing' }] }] }));
    expect(r.status).toBe('error');
    expect(r.steps[0].code).toBe('ETIMEDOUT_OVERALL');
  });

  it('maps a precondition to skip and an exception to error with a redacted message', async () => {
    const skip = await run(instance({ steps: [{ id: 's', probe: 'test.throw', with: { code: 'PRECONDITION', outcome: 'skip' }, expect: [] }] }));
    expect(skip.status).toBe('skip');
    const redactor = new Redactor();
    redactor.register('s3cr3t-value');
    const err = await run(instance({ steps: [{ id: 's', probe: 'test.throw', expect: [] }] }), { redactor });
    expect(err.status).toBe('error');
    expect(JSON.stringify(err)).not.toContain('s3cr3t-value');
  });

  it('an assertion-free run is an error, not a pass', async () => {
    const r = await run(instance({ steps: [{ id: 's', probe: 'test.facts' }] }));
    expect(r.status).toBe('error');
  });

  it('skips the scenario when skipScenarioUnless does not hold after a step', async () => {
    const r = await run(instance({ steps: [{ id: 's', probe: 'test.facts', with: { ok: false }, skipScenarioUnless: [{ path: 'steps.s.facts.ok', op: 'equals', value: true }] }, { id: 't', probe: 'test.facts', expect: [{ fact: 'x', op: 'exists', description: 'x' }] }] }));
    expect(r.status).toBe('skip');
  });

  it('redacts secrets in transcripts, evidence and facts', async () => {
    const r = await run(instance({ steps: [{ id: 's', probe: 'test.secret', expect: [{ fact: 'echoed', op: 'exists', description: 'e' }] }] }), { env: { TEST_SECRET: 'hunter2-password' } });
    const text = JSON.stringify(r);
    expect(text).not.toContain('hunter2-password');
    expect(text).not.toContain(Buffer.from('hunter2-password').toString('base64'));
    expect(text).toContain('[REDACTED]');
  });

  it('contains a failure to evaluate one scenario: that scenario is error with the reason, the others still run', async () => {
    const bad = instance({ id: 'T-BAD', steps: [{ id: 's', probe: 'test.facts', with: { n: 1 }, expect: [{ fact: 'n', op: 'equals', value: '${steps.nope.facts.n}', description: 'n as before' }] }] });
    const crash = instance({ id: 'T-CRASH', steps: [{ id: 's', probe: 'test.explode', expect: [{ fact: 'n', op: 'exists', description: 'n' }] }] });
    const good = instance({ id: 'T-GOOD', steps: [{ id: 's', probe: 'test.facts', with: { n: 1 }, expect: [{ fact: 'n', op: 'equals', value: 1, description: 'n is 1' }] }] });
    const results = await runInstances([bad, crash, good], {
      target,
      asOf: new Date('2026-01-01T00:00:00Z'),
      findProbe: (n) => {
        if (n === 'test.explode') throw new Error('registry exploded');
        return probes[n];
      },
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([['T-BAD', 'error'], ['T-CRASH', 'error'], ['T-GOOD', 'pass']]);
    expect(results[0]!.reason).toContain('template ${steps.nope.facts.n} has no value');
    expect(results[1]!.reason).toContain('registry exploded');
  });

  it('a negative assertion on a fact the probe did not produce is error, not pass; a failing one still wins', async () => {
    const missing = await run(instance({ steps: [{ id: 's', probe: 'test.facts', with: {}, expect: [{ fact: 'caps', op: 'notContains', value: 'STARTTLS', description: 'no STARTTLS after TLS' }] }] }));
    expect(missing.status).toBe('error');
    expect(missing.reason).toContain('fact caps was not produced');
    const failing = await run(instance({ steps: [{ id: 's', probe: 'test.facts', with: { tls: false }, expect: [{ fact: 'tls', op: 'equals', value: true, description: 'TLS' }, { fact: 'caps', op: 'notContains', value: 'X', description: 'caps' }] }] }));
    expect(failing.status).toBe('fail');
  });

  it('facts that do not match the probe\'s declared facts schema are an error of the step', async () => {
    const strict: Probe = { name: 'test.strict', summary: 'declares n integer', inputSchema: { type: 'object' }, facts: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, run: async () => ({ n: 'one' }) };
    const r = await run(instance({ steps: [{ id: 's', probe: 'test.strict', expect: [{ fact: 'n', op: 'equals', value: 1, description: 'n' }] }] }), { findProbe: () => strict });
    expect(r.status).toBe('error');
    expect(r.reason).toContain('do not match its declared facts schema');
  });

  describe('positive controls', () => {
    const negative = (id: string, control: ScenarioInstance['control'], refused = true) =>
      ({ ...instance({ id, steps: [{ id: 'bad', probe: 'test.facts', with: { outcome: refused ? 'refused' : 'accepted' }, expect: [{ fact: 'outcome', op: 'equals', value: 'refused', description: 'the bad credential is refused' }] }] }), control });
    const positive = (id: string, accepted: boolean) =>
      instance({ id, steps: [{ id: 'good', probe: 'test.facts', with: { outcome: accepted ? 'accepted' : 'refused' }, expect: [{ fact: 'outcome', op: 'equals', value: 'accepted', description: 'the valid credential is accepted' }] }] });
    const runAll = (list: ScenarioInstance[]) => runInstances(list, { target, asOf: new Date('2026-01-01T00:00:00Z'), findProbe: (n) => probes[n] });

    it('a negative scenario whose control scenario failed is error "unverifiable", and counts when its control passed', async () => {
      // the negative comes first: it must wait for its control
      const [neg, ctl] = await runAll([negative('T-NEG', { scenario: 'T-POS' }), positive('T-POS', false)]);
      expect(ctl!.status).toBe('fail');
      expect(neg!.status).toBe('error');
      expect(neg!.reason).toContain('unverifiable: the valid counterpart was refused too (positive control T-POS: fail');
      expect(neg!.control).toEqual({ id: 'T-POS', status: 'fail' });
      const [ok] = await runAll([negative('T-NEG', { scenario: 'T-POS' }), positive('T-POS', true)]);
      expect(ok!.status).toBe('pass');
      expect(ok!.control).toEqual({ id: 'T-POS', status: 'pass' });
    });

    it('a negative that fails keeps its fail whatever its control; a control missing from the run makes it skip', async () => {
      const [neg] = await runAll([negative('T-NEG', { scenario: 'T-POS' }, false), positive('T-POS', false)]);
      expect(neg!.status).toBe('fail');
      const [alone] = await runAll([negative('T-NEG', { scenario: 'T-POS' })]);
      expect(alone!.status).toBe('skip');
    });

    it('material the target cannot know: ifUnverified skip names what the profile must provide', async () => {
      const [neg] = await runAll([negative('T-NEG', { scenario: 'T-POS', ifUnverified: 'skip', reason: 'give peerCertificates.revoked of the target hierarchy' }), positive('T-POS', false)]);
      expect(neg!.status).toBe('skip');
      expect(neg!.reason).toContain('give peerCertificates.revoked of the target hierarchy');
    });

    it('a control step of the same scenario: its failure makes the negative error, not fail', async () => {
      const inst = {
        ...instance({
          steps: [
            { id: 'good', probe: 'test.facts', with: { outcome: 'refused' }, expect: [{ fact: 'outcome', op: 'equals', value: 'accepted', description: 'valid accepted' }] },
            { id: 'bad', probe: 'test.facts', with: { outcome: 'refused' }, expect: [{ fact: 'outcome', op: 'equals', value: 'refused', description: 'bad refused' }] },
          ],
        }),
        control: { step: 'good' },
      };
      const r = await run(inst);
      expect(r.status).toBe('error');
      expect(r.reason).toContain('unverifiable: the valid counterpart was refused too (positive control step:good: fail, valid accepted');
    });

    it('a control step whose only shortfall is a warning is unconfirmed, not "refused too"', async () => {
      const inst = {
        ...instance({
          steps: [
            {
              id: 'good',
              probe: 'test.facts',
              with: { outcome: 'accepted', advertised: false },
              expect: [
                { fact: 'outcome', op: 'equals', value: 'accepted', description: 'valid accepted' },
                { fact: 'advertised', op: 'equals', value: true, level: 'warn', description: 'valid advertised' },
              ],
            },
            { id: 'bad', probe: 'test.facts', with: { outcome: 'refused' }, expect: [{ fact: 'outcome', op: 'equals', value: 'refused', description: 'bad refused' }] },
          ],
        }),
        control: { step: 'good' },
      };
      const r = await run(inst);
      expect(r.status).toBe('error');
      expect(r.reason).toContain('unverifiable: the valid counterpart was not confirmed accepted');
      expect(r.reason).toContain('valid advertised');
      expect(r.reason).not.toContain('refused too');
    });
  });

  describe('control waits and start order', () => {
    /** A probe that logs `<scenario>:<step> start|end` and takes `ms`. */
    const logged = (log: string[]): Probe => ({
      name: 'test.logged',
      summary: 'logs its start and end',
      inputSchema: { type: 'object' },
      facts: OPEN_FACTS,
      run: async (input: { tag?: string; ms?: number }) => {
        log.push(`${input.tag} start`);
        await new Promise((r) => setTimeout(r, input.ms ?? 0));
        log.push(`${input.tag} end`);
        return { outcome: 'refused', done: true };
      },
    });
    const step = (id: string, tag: string, ms = 0) => ({ id, probe: 'test.logged', with: { tag, ms }, expect: [{ fact: 'done', op: 'equals' as const, value: true, description: `${id} done` }] });
    const opts = (log: string[], extra: Partial<Parameters<typeof runInstances>[1]> = {}) => ({ target, asOf: new Date('2026-01-01T00:00:00Z'), findProbe: () => logged(log), ...extra });

    it("a negative's meanwhile steps run while its control runs; its other steps wait for the control's end, and the verdict still needs the control", async () => {
      const log: string[] = [];
      const control = { ...instance({ id: 'T-POS', steps: [step('valid', 'pos:valid', 60)] }) };
      const neg = { ...instance({ id: 'T-NEG', steps: [step('token', 'neg:token'), step('login', 'neg:login')] }), control: { scenario: 'T-POS', meanwhile: ['token'] } };
      const [n, c] = await runInstances([neg, control], opts(log, { concurrency: 2 }));
      expect(log.indexOf('neg:token end')).toBeLessThan(log.indexOf('pos:valid end'));
      expect(log.indexOf('neg:login start')).toBeGreaterThan(log.indexOf('pos:valid end'));
      expect(c!.status).toBe('pass');
      expect(n!.control).toEqual({ id: 'T-POS', status: 'pass' });
      // Without meanwhile, nothing of the negative starts before its control ended.
      const log2: string[] = [];
      await runInstances([{ ...neg, control: { scenario: 'T-POS' } }, control], opts(log2, { concurrency: 2 }));
      expect(log2.indexOf('neg:token start')).toBeGreaterThan(log2.indexOf('pos:valid end'));
    });

    it('a negative waiting for its control holds no slot: with one slot, the control still runs', async () => {
      const log: string[] = [];
      const control = instance({ id: 'T-POS', steps: [step('valid', 'pos:valid')] });
      // The negative is given first and takes the only slot for its meanwhile step.
      const neg = { ...instance({ id: 'T-NEG', steps: [step('token', 'neg:token'), step('login', 'neg:login')] }), control: { scenario: 'T-POS', meanwhile: ['token'] } };
      const results = await runInstances([neg, control], opts(log, { concurrency: 1 }));
      expect(results.map((r) => r.status)).toEqual(['pass', 'pass']);
      expect(log.indexOf('neg:login start')).toBeGreaterThan(log.indexOf('pos:valid end'));
    });

    it('starts the scenarios that may take longest first (their longest step overall timeout), and returns results in the order given', async () => {
      const log: string[] = [];
      const quick = instance({ id: 'T-QUICK', steps: [step('s', 'quick')] });
      const long = instance({ id: 'T-LONG', timeouts: { overall: '120s' }, steps: [step('s', 'long')] });
      const longer = instance({ id: 'T-LONGER', steps: [{ ...step('s', 'longer'), timeouts: { overall: '300s' } }] });
      const started: string[] = [];
      const results = await runInstances([quick, long, longer], opts(log, { concurrency: 1, onScenarioStart: (i) => started.push(i.id) }));
      expect(started).toEqual(['T-LONGER', 'T-LONG', 'T-QUICK']);
      expect(results.map((r) => r.id)).toEqual(['T-QUICK', 'T-LONG', 'T-LONGER']);
    });

    it('a positive control counts with the negatives that wait for it: a quick control of a long negative starts before a long scenario', async () => {
      const log: string[] = [];
      const long = instance({ id: 'T-LONG', timeouts: { overall: '60s' }, steps: [step('s', 'long')] });
      const control = instance({ id: 'T-POS', steps: [step('s', 'pos')] });
      const neg = { ...instance({ id: 'T-NEG', timeouts: { overall: '45s' }, steps: [step('s', 'neg')] }), control: { scenario: 'T-POS' } };
      const started: string[] = [];
      await runInstances([long, neg, control], opts(log, { concurrency: 1, onScenarioStart: (i) => started.push(i.id) }));
      // T-POS: 30 s (the default) + 45 s for T-NEG = 75 s > T-LONG's 60 s.
      expect(started).toEqual(['T-POS', 'T-LONG', 'T-NEG']);
    });

    it("a negative whose control ended takes the next slot with its chain's priority, before quicker scenarios queued earlier", async () => {
      const log: string[] = [];
      const control = instance({ id: 'T-POS', steps: [step('s', 'pos', 20)] });
      const neg = { ...instance({ id: 'T-NEG', timeouts: { overall: '45s' }, steps: [step('s', 'neg')] }), control: { scenario: 'T-POS' } };
      const long = instance({ id: 'T-A', timeouts: { overall: '60s' }, steps: [step('s', 'a', 40)] });
      const quick = ['T-B', 'T-C'].map((id) => instance({ id, steps: [step('s', id)] }));
      const started: string[] = [];
      await runInstances([...quick, neg, long, control], opts(log, { concurrency: 1, onScenarioStart: (i) => started.push(i.id) }));
      expect(started).toEqual(['T-POS', 'T-A', 'T-NEG', 'T-B', 'T-C']);
    });
  });

  it("serves a busy endpoint's slot to the waiting scenario with the longest chain first", async () => {
    const order: string[] = [];
    const slot: Probe = {
      name: 'test.slot',
      summary: 'waits, then holds one slot of endpoint h:1',
      inputSchema: { type: 'object' },
      facts: OPEN_FACTS,
      run: async (input: { tag: string; delay: number; hold: number }, ctx) => {
        await new Promise((r) => setTimeout(r, input.delay));
        await ctx.withEndpointSlot('h:1', async () => {
          order.push(input.tag);
          await new Promise((r) => setTimeout(r, input.hold));
        });
        return { done: true };
      },
    };
    const inst = (id: string, overall: string, delay: number, hold: number) =>
      instance({ id, timeouts: { overall }, steps: [{ id: 's', probe: 'test.slot', with: { tag: id, delay, hold }, expect: [{ fact: 'done', op: 'equals', value: true, description: 'done' }] }] });
    // T-LOW takes the slot at once; T-MID asks 5 ms later, T-HIGH 15 ms later: T-HIGH is served before T-MID.
    await runInstances([inst('T-LOW', '30s', 0, 40), inst('T-MID', '60s', 5, 1), inst('T-HIGH', '120s', 15, 1)], { target, asOf: new Date('2026-01-01'), concurrency: 3, perEndpoint: 1, findProbe: () => slot });
    expect(order).toEqual(['T-LOW', 'T-HIGH', 'T-MID']);
  });

  it('bounds concurrency', async () => {
    let active = 0;
    let peak = 0;
    const slow: Probe = {
      name: 'test.slow',
      summary: 'slow',
      inputSchema: { type: 'object' },
      facts: OPEN_FACTS,
      run: async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
        return { done: true };
      },
    };
    const insts = Array.from({ length: 6 }, (_, i) => ({ ...instance({ steps: [{ id: 's', probe: 'test.slow', expect: [{ fact: 'done', op: 'equals', value: true, description: 'done' }] }] }), id: `T-${i}` }));
    const results = await runInstances(insts, { target, asOf: new Date('2026-01-01'), concurrency: 2, findProbe: () => slow });
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('pass'));
    expect(peak).toBe(2);
  });
});
