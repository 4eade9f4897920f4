import { afterAll, describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { mailStackAvailability } from '../../src/mailstack/availability.js';
import { isAlive } from '../../src/mailstack/processes.js';
import { startMailStack, type RunningMailStack } from '../../src/mailstack/stack.js';
import { loadMailStackVariants, type MailStackVariant } from '../../src/mailstack/variants.js';
import type { ScenarioResult } from '../../src/model/result.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { loadScenarios } from '../../src/scenarios/loader.js';

/**
 * The whole catalogue against a REAL mail stack (Debian's Postfix + Dovecot, src/mailstack), clean
 * and in each misconfigured variant of fixtures/mailstack/variants.yaml: the clean stack fails only
 * what the data says (real-stack findings), each variant fails exactly its scenarios more, citing
 * the requirement ids the data names, and nothing errors. Skipped where Postfix/Dovecot are not
 * installed or the test does not run as root (`.ci/run` installs them: scripts/mailstack/install.sh).
 * The as-of date is the test PKI's reference date, never today's.
 */
const availability = mailStackAvailability();
const asOf = new Date(`${pkiManifest().referenceAsOf}T00:00:00Z`);
const title = availability.ok ? 'real mail stack (Postfix + Dovecot)' : `real mail stack (Postfix + Dovecot): SKIPPED, ${availability.reason}`;

/** What a variant must fail: its own list plus the clean stack's findings (every variant starts from clean). */
function expectations(variant: MailStackVariant, clean: MailStackVariant) {
  const fails = new Map<string, string[]>();
  for (const f of [...clean.fails, ...variant.fails]) fails.set(f.id, [...(fails.get(f.id) ?? []), ...f.requirements]);
  const tolerated = new Set([...(clean.mayAlsoFail ?? []), ...(variant.mayAlsoFail ?? [])].map((m) => m.id));
  // Verdict strength: S rules warn, ? rules ask for review (src/engine/verdict-strength.ts).
  const warns = new Set([...(clean.warns ?? []), ...(variant.warns ?? [])].map((w) => w.id));
  const reviews = new Set([...(clean.reviews ?? []), ...(variant.reviews ?? [])].map((w) => w.id));
  for (const id of fails.keys()) (warns.delete(id), reviews.delete(id));
  return { fails, tolerated, warns, reviews };
}

const line = (r: ScenarioResult) => `${r.id}: ${r.status}${r.reason ? `: ${r.reason.slice(0, 160)}` : ''}`;

// Under CI=true, .ci/run installs Postfix/Dovecot: a missing stack fails instead of skipping.
describe.skipIf(!availability.ok && process.env.CI !== 'true')(title, () => {
  const catalogue = loadScenarios();
  const variants = availability.ok ? loadMailStackVariants() : [];
  const clean = variants.find((v) => v.name === 'clean')!;
  let running: RunningMailStack | undefined;

  afterAll(async () => {
    await running?.stop();
  });

  it('the variants file names instances that exist in the catalogue', () => {
    const ids = new Set(catalogue.instances.map((i) => i.id));
    for (const v of variants) {
      for (const f of [...v.fails, ...(v.errors ?? []), ...(v.shows ?? []), ...(v.warns ?? []), ...(v.reviews ?? [])]) expect(ids.has(f.id), `${v.name} names unknown instance ${f.id}`).toBe(true);
      for (const m of v.mayAlsoFail ?? []) expect(ids.has(m.id), `${v.name} tolerates unknown instance ${m.id}`).toBe(true);
    }
    expect(clean, 'a variant named clean').toBeDefined();
  });

  it.each(variants.map((v) => [v.name, v] as const))('%s: fails exactly its scenarios, with their requirement ids, and leaves no process', async (_name, variant) => {
    running = await startMailStack({ variant });
    const stack = running;
    let results: ScenarioResult[];
    let pids: number[];
    try {
      results = await runInstances(catalogue.instances, { target: stack.target, asOf, concurrency: 4 });
      pids = stack.processes();
      expect(pids.length, 'Postfix and Dovecot processes while running').toBeGreaterThan(4);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${stack.logTail(30)}`);
    } finally {
      running = undefined;
      await stack.stop();
    }
    expect(pids.filter(isAlive), 'processes left after stop').toEqual([]);

    const { fails, tolerated, warns, reviews } = expectations(variant, clean);
    // Errors only where the variant says the server is inconclusive (a temporary failure), with its reason.
    const expectedErrors = new Map((variant.errors ?? []).map((e) => [e.id, new RegExp(e.reason)]));
    expect(results.filter((r) => r.status === 'error' && !expectedErrors.has(r.id)).map(line), 'errors').toEqual([]);
    for (const [id, reason] of expectedErrors) {
      const r = results.find((x) => x.id === id)!;
      expect(`${r.id}: ${r.status}: ${r.reason ?? ''}`, `${id} is an error, never a verdict`).toMatch(new RegExp(`^${id}: error: .*${reason.source}`));
    }
    const failing = results.filter((r) => r.status === 'fail' && !tolerated.has(r.id)).map((r) => r.id).sort();
    expect(failing, `failing instances\n${results.filter((r) => r.status === 'fail').map(line).join('\n')}`).toEqual([...fails.keys()].sort());
    const warned = results.filter((r) => r.status === 'warn' && !tolerated.has(r.id)).map((r) => r.id).sort();
    expect(warned, `warnings\n${results.filter((r) => r.status === 'warn').map(line).join('\n')}`).toEqual([...warns].sort());
    const reviewed = results.filter((r) => r.status === 'review' && !tolerated.has(r.id)).map((r) => r.id).sort();
    expect(reviewed, `reviews\n${results.filter((r) => r.status === 'review').map(line).join('\n')}`).toEqual([...reviews].sort());
    for (const [id, requirements] of fails) {
      const r = results.find((x) => x.id === id)!;
      const cited = new Set(r.assertions.filter((a) => a.status === 'fail').flatMap((a) => a.requirements));
      for (const req of requirements) expect(cited.has(req), `${id} fails citing ${req} (cited: ${[...cited].join(', ')})`).toBe(true);
    }
    // What proves the variant exercised its behaviour (a 421 seen, an aborted suite, a live answer).
    for (const show of variant.shows ?? []) {
      const r = results.find((x) => x.id === show.id)!;
      expect(r.status, `${show.id} status`).toBe(show.status);
      expect(JSON.stringify(r), `${show.id} shows ${show.pattern}`).toMatch(new RegExp(show.pattern));
    }
    if (variant.revocation === 'live') {
      // The OCSP answer was issued while this test ran: fresh by the real clock, whatever the as-of.
      const ev = JSON.stringify(results.find((x) => x.id === 'X509-CERT-NOT-REVOKED/mta'));
      const at = /"ocspThisUpdate":"([^"]+)"/.exec(ev)?.[1];
      expect(at, 'an OCSP answer in the evidence').toBeDefined();
      expect(Math.abs(Date.now() - new Date(at!).getTime())).toBeLessThan(15 * 60_000);
    }
    // The clean stack proves the rest really ran: transport, certificates, PSC login, the seeded message.
    if (variant.name === 'clean') {
      const verdicts = results.filter((r) => !['pass', 'skip', 'not-applicable'].includes(r.status)).map(line);
      expect(verdicts, 'the clean stack: every applicable scenario passes (exit 0)').toEqual([]);
      const passed = new Set(results.filter((r) => r.status === 'pass').map((r) => r.id));
      for (const id of ['SMTP-STARTTLS-OFFERED/mta', 'X509-CERT-TRUSTED/mta', 'TLS-VERSIONS/submission', 'IMAP-STARTTLS', 'AUTH-XOAUTH2-VALID/imap', 'AUTH-XOAUTH2-WRONG-AUDIENCE/imap', 'AUTH-XOAUTH2-LOW-ACR/imap', 'AUTH-EXTERNAL-ORG/imap-pem', 'AUTH-EXTERNAL-REFUSED/imap-revoked', 'MSG-MAILBOX-CONFORMANT', 'SMTP-DSN']) {
        expect(passed.has(id), `${id} passes on the clean stack`).toBe(true);
      }
      // NOTIFY honoured by the real Postfix: its own success report came back, with the ENVID sent.
      const dsn = results.find((r) => r.id === 'SMTP-DSN')!;
      expect(dsn.assertions.filter((a) => a.step === 'delivery').map((a) => [a.fact, a.status, a.found])).toEqual([
        ['dsnReceived', 'pass', true],
        ['dsn.reportType', 'pass', 'delivery-status'],
        ['dsn.envidReturned', 'pass', true],
        ['dsn.action', 'pass', 'delivered'],
        ['dsn.status', 'pass', '2.0.0'],
      ]);
    }
  }, 180_000);
});
