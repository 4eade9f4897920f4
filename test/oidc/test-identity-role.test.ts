import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runInstances } from '../../src/engine/run.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import { cibaProbe } from '../../src/probes/oidc/ciba.js';
import { tokenForgeProbe } from '../../src/probes/oidc/token-forge.js';
import { selectPscTestIdentity } from '../../src/probes/oidc/test-identity.js';
import { pickMailbox } from '../../src/probes/imap/auth-material.js';
import { schemaValidator } from '../../src/util/schema-validator.js';
import type { Mailbox, ResolvedTarget } from '../../src/target/profile.js';
import { Redactor } from '../../src/util/redact.js';
import { makeTestContext } from '../helpers/probe-context.js';
import { startPscAlone, type RunningPsc } from './psc-helpers.js';

const asOf = new Date('2025-06-01T00:00:00Z');
const OIDC_DIR = fileURLToPath(new URL('../../scenarios/oidc/', import.meta.url));

const person = (address: string, nationalId: string, pscTestRole?: Mailbox['pscTestRole']): Mailbox => ({ address, type: 'PER', nationalId, ...(pscTestRole ? { pscTestRole } : {}) });

describe('PSC test identity selection (pure)', () => {
  // Roles deliberately out of the legacy rank order, behind a mailbox without a nationalId.
  const withRoles: Mailbox[] = [
    { address: 'app@op.test', type: 'APP' },
    person('dr.no@op.test', '810000000009', 'deny'),
    person('dr.yes@op.test', '810000000008', 'approve'),
    person('dr.other@op.test', '810000000007'),
  ];
  const legacy: Mailbox[] = [person('a@op.test', '1001'), person('b@op.test', '1002'), person('c@op.test', '1003')];

  it('selects by pscTestRole, approve by default, the first present role of a list winning', () => {
    expect(selectPscTestIdentity(withRoles, { role: 'deny' }).identity).toEqual({ rank: 0, role: 'deny', address: 'dr.no@op.test', nationalId: '810000000009' });
    expect(selectPscTestIdentity(withRoles, {}).identity).toMatchObject({ role: 'approve', address: 'dr.yes@op.test' });
    expect(selectPscTestIdentity(withRoles, { role: ['short-lived', 'approve'] }).identity.address).toBe('dr.yes@op.test');
    // Once roles are in use, the rank rule no longer applies: rank 0 is not "approve".
    expect(selectPscTestIdentity(withRoles, { role: 'approve' }).identity.rank).toBe(1);
  });

  it('falls back to the rank rule when no mailbox has a role, and still takes a legacy rank', () => {
    expect(selectPscTestIdentity(legacy, { role: 'approve' }).identity).toEqual({ rank: 0, address: 'a@op.test', nationalId: '1001' });
    expect(selectPscTestIdentity(legacy, { role: 'deny' }).identity.address).toBe('b@op.test');
    expect(selectPscTestIdentity(legacy, { role: 'ignore' }).identity.address).toBe('c@op.test');
    expect(selectPscTestIdentity(legacy, { role: ['short-lived', 'approve'] }).identity.address).toBe('a@op.test');
    expect(selectPscTestIdentity(legacy, { identity: [7, 2] }).identity.address).toBe('c@op.test');
    expect(() => selectPscTestIdentity(legacy, { role: 'low-acr' })).toThrow(expect.objectContaining({ code: 'PRECONDITION', outcome: 'skip', message: expect.stringMatching(/role low-acr.*rank 4/) }));
  });

  it('skips, naming the role, when no mailbox plays it', () => {
    for (const role of ['ignore', 'low-acr', 'short-lived'] as const) {
      expect(() => selectPscTestIdentity(withRoles, { role })).toThrow(
        expect.objectContaining({ code: 'PRECONDITION', outcome: 'skip', message: expect.stringContaining(`pscTestRole: ${role}`) }),
      );
    }
  });

  it('is what the authentication probes use to pick the mailbox', () => {
    const ctx = makeTestContext({ target: { profile: { operator: { name: 'x' }, domains: ['op.test'], endpoints: {}, mailboxes: withRoles }, source: 'x.yaml', baseDir: '.' }, asOf }).ctx;
    expect(pickMailbox(ctx, {}).address).toBe('dr.yes@op.test');
    expect(pickMailbox(ctx, { role: 'deny' }).address).toBe('dr.no@op.test');
    expect(() => pickMailbox(ctx, { role: 'ignore' })).toThrow(expect.objectContaining({ outcome: 'skip' }));
  });

  it('the target schema takes pscTestRole only from its enum and only with a nationalId', () => {
    const validate = schemaValidator('target');
    const profile = (m: Record<string, unknown>): unknown => ({ operator: { name: 'x' }, domains: ['op.test'], endpoints: {}, mailboxes: [{ address: 'a@op.test', type: 'PER', ...m }] });
    expect(validate(profile({ nationalId: '1001', pscTestRole: 'short-lived' }))).toBe(true);
    expect(validate(profile({ nationalId: '1001', pscTestRole: 'approves' }))).toBe(false);
    expect(validate(profile({ pscTestRole: 'approve' }))).toBe(false);
  });
});

describe('PSC test identities by role against the sandbox provider', () => {
  let psc: RunningPsc;
  beforeAll(async () => {
    psc = await startPscAlone();
  });
  afterAll(async () => {
    await psc?.stop();
  });
  const withMailboxes = (mailboxes: Mailbox[]): ResolvedTarget => ({ ...psc.target, profile: { ...psc.profile, mailboxes } });

  it('contributes its mailboxes with their roles, and oidc.ciba role: deny reaches the refusing identity', async () => {
    expect(psc.profile.mailboxes?.map((m) => [m.address, m.pscTestRole])).toEqual([
      ['dr.approve@sandbox.mssante.test', 'approve'],
      ['dr.deny@sandbox.mssante.test', 'deny'],
      ['dr.silent@sandbox.mssante.test', 'ignore'],
      ['dr.shortlived@sandbox.mssante.test', 'short-lived'],
      ['dr.lowacr@sandbox.mssante.test', 'low-acr'],
    ]);
    // Reversed order: the role, not the rank, decides.
    const t = makeTestContext({ target: withMailboxes([...psc.profile.mailboxes!].reverse()), asOf, timeouts: { overallMs: 10_000 } });
    const denied = await cibaProbe.run({ role: 'deny', reuse: false }, t.ctx);
    expect(denied).toMatchObject({ outcome: 'denied', identity: { role: 'deny', address: 'dr.deny@sandbox.mssante.test' } });
  }, 15_000);

  it('a target listing only an approve person: the approve scenario passes, deny/ignore and the low-acr token skip naming the role', async () => {
    const onlyApprove = withMailboxes(psc.profile.mailboxes!.filter((m) => m.pscTestRole === 'approve'));
    const results = await runInstances(loadScenarios(OIDC_DIR).instances, { target: onlyApprove, asOf, concurrency: 4, redactor: new Redactor(), timeouts: { overallMs: 15_000 } });
    const status = Object.fromEntries(results.map((r) => [r.id, { status: r.status, reason: r.reason ?? '' }]));
    expect(status['OIDC-CIBA-APPROVE']?.status).toBe('pass');
    expect(status['OIDC-CIBA-DENIED']).toEqual({ status: 'skip', reason: expect.stringContaining('pscTestRole deny') });
    expect(status['OIDC-CIBA-EXPIRED']).toEqual({ status: 'skip', reason: expect.stringContaining('pscTestRole ignore') });
    const t = makeTestContext({ target: onlyApprove, asOf });
    await expect(tokenForgeProbe.run({ kind: 'low-acr' }, t.ctx)).rejects.toMatchObject({ code: 'PRECONDITION', outcome: 'skip', message: expect.stringContaining('pscTestRole low-acr') });
  }, 20_000);

  it('a profile without roles still runs every CIBA scenario through the rank rule', async () => {
    const legacy = withMailboxes(psc.profile.mailboxes!.map(({ pscTestRole: _role, ...m }) => m));
    const results = await runInstances(loadScenarios(OIDC_DIR).instances, { target: legacy, asOf, concurrency: 4, redactor: new Redactor(), timeouts: { overallMs: 15_000 } });
    for (const r of results) expect({ id: r.id, status: r.status, reason: r.reason }).toEqual({ id: r.id, status: 'pass', reason: undefined });
  }, 20_000);
});
