import { describe, expect, it } from 'vitest';
import { defect, instancesOf, runOnSandbox } from '../helpers/sandbox-scenarios.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { runInstances } from '../../src/engine/run.js';
import { REFERENCE_AS_OF } from '../helpers/sandbox-scenarios.js';
import { resolveLimits, withLimits } from '../../src/limits/limits.js';

const instances = instancesOf('SMTP-DSN');
const transcriptLines = (r: { evidence: { kind: string; lines?: string[] }[] }) => r.evidence.filter((e) => e.kind === 'transcript').flatMap((e) => e.lines ?? []);

describe('SMTP-DSN against the sandbox submission endpoint', { timeout: 60_000 }, () => {
  it('passes on the clean sandbox: DSN advertised, the envelope accepted, NOTIFY=BOGUS refused, then one message with NOTIFY=SUCCESS whose DSN comes back', async () => {
    const [r] = await runOnSandbox(instances);
    expect({ status: r!.status, reason: r!.reason }).toEqual({ status: 'pass', reason: undefined });
    const lines = transcriptLines(r!);
    expect(lines.some((l) => /^C: RCPT TO:<[^>]+> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;/.test(l))).toBe(true);
    expect(lines.some((l) => /^C: RCPT TO:<[^>]+> NOTIFY=BOGUS$/.test(l))).toBe(true);
    // One message only: the delivery step's, sent to the sender itself with NOTIFY=SUCCESS and an ENVID.
    expect(lines.filter((l) => /^C: DATA/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /^C: MAIL FROM:<[^>]+> RET=HDRS ENVID=msscheck-[0-9a-f]{16}$/.test(l))).toBe(true);
    expect(lines.some((l) => /^C: Auto-Submitted: auto-generated$/.test(l))).toBe(true);
    const delivery = r!.assertions.filter((a) => a.step === 'delivery');
    expect(delivery.map((a) => [a.fact, a.status, a.found])).toEqual([
      ['dsnReceived', 'pass', true],
      ['dsn.reportType', 'pass', 'delivery-status'],
      ['dsn.envidReturned', 'pass', true],
      ['dsn.action', 'pass', 'delivered'],
      ['dsn.status', 'pass', '2.0.0'],
    ]);
    expect(lines.join('\n')).not.toMatch(/eyJ/); // the token never reaches the transcript
  });

  // The scenario rests on our reading of a client rule (confidence S): a warning, a failure with --strict.
  it('warns under submission-no-dsn: not advertised and NOTIFY=BOGUS accepted; no message is sent', async () => {
    expect(defect('submission-no-dsn').warns).toEqual(['SMTP-DSN']);
    const [r] = await runOnSandbox(instances, ['submission-no-dsn']);
    expect(r!.status).toBe('warn');
    const failed = r!.assertions.filter((a) => a.downgrade?.to === 'warn').map((a) => a.fact);
    expect(failed).toEqual(expect.arrayContaining(['dsnAdvertised', 'invalidNotifyRefused']));
    expect(transcriptLines(r!).some((l) => /^C: DATA/.test(l))).toBe(false);
  });

  // DSN advertised and NOTIFY accepted, the message delivered, no notification: RFC 3461 requires it but
  // sets no delay, so the end of msscheck's wait (the dsnWaitSeconds limit) is no verdict: error, never fail.
  it('submission-dsn-not-generated: no notification within the wait is an inconclusive error naming the wait, never a failure', async () => {
    const spec = defect('submission-dsn-not-generated');
    expect(spec.fails).toEqual([]);
    expect(spec.inconclusive).toEqual(['SMTP-DSN']);
    const sb = await startSandbox({ defects: ['submission-dsn-not-generated'] });
    try {
      const started = Date.now();
      const [r] = await withLimits(resolveLimits({ dsnWaitSeconds: 2 }), () => runInstances(instances, { target: sb.target, asOf: REFERENCE_AS_OF, timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 } }));
      expect(Date.now() - started).toBeLessThan(12_000); // the limit, not the step's 12 s bound, ended the wait
      expect(r!.status).toBe('error');
      expect(r!.steps.find((st) => st.id === 'delivery')).toMatchObject({ status: 'error', code: 'EINCONCLUSIVE' });
      expect(r!.reason).toMatch(/arrived, but no delivery status notification about it came within msscheck's wait of 2 s\. RFC 3461 sets no delay/);
      expect(r!.reason).toMatch(/--limit dsnWaitSeconds=N/);
      expect(r!.assertions.filter((a) => a.status === 'fail')).toEqual([]);
      expect(r!.assertions.filter((a) => a.step === 'delivery')).toEqual([]);
      // The message itself did arrive: the positive control held, only the notification is missing.
      expect(transcriptLines(r!).some((l) => /own-message/.test(l))).toBe(true);
    } finally {
      await sb.stop();
    }
  });

  // DSN advertised and NOTIFY accepted: a notification that comes back wrong breaks RFC 3461/3464 (P), so it fails.
  it.each([
    ['submission-dsn-without-envid', 'dsn.envidReturned', false],
    ['submission-dsn-parameters-refused', 'dsnParametersAccepted', false],
  ] as const)('fails under %s on %s', async (name, fact, found) => {
    expect(defect(name).fails).toEqual(['SMTP-DSN']);
    const [r] = await runOnSandbox(instances, [name]);
    expect(r!.status).toBe('fail');
    expect(r!.assertions.filter((a) => a.status === 'fail').map((a) => [a.fact, a.found])).toEqual([[fact, found]]);
  });

  it('fails under submission-dsn-misreported: a notification whose report type, Action and Status misreport the delivery', async () => {
    expect(defect('submission-dsn-misreported').fails).toEqual(['SMTP-DSN']);
    const [r] = await runOnSandbox(instances, ['submission-dsn-misreported']);
    expect(r!.status).toBe('fail');
    expect(r!.assertions.filter((a) => a.status === 'fail').map((a) => [a.fact, a.found])).toEqual([['dsn.reportType', 'delivery'], ['dsn.action', 'failed'], ['dsn.status', '5.0.0']]);
  });

  it('a mailbox msscheck cannot read gives no verdict on the DSN: the delivery step is skipped, never passed', async () => {
    const sb = await startSandbox({ defects: [] });
    try {
      delete sb.target.profile.endpoints.imap;
      const [r] = await runInstances(instances, { target: sb.target, asOf: REFERENCE_AS_OF, timeouts: { connectMs: 2_000, idleMs: 3_000, overallMs: 20_000 } });
      expect(r!.status).toBe('skip');
      expect(r!.reason).toMatch(/IMAP endpoint/);
      expect(r!.assertions.filter((a) => a.step === 'delivery')).toEqual([]);
      // The submission session opens while the mailbox would, but sends nothing without the mailbox's highest UID.
      expect(transcriptLines(r!).some((l) => /^C: DATA/.test(l))).toBe(false);
    } finally {
      await sb.stop();
    }
  });
});
