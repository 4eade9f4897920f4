import { describe, expect, it } from 'vitest';
import { defect, instancesOf, runOnSandbox } from '../helpers/sandbox-scenarios.js';

const instances = instancesOf('SMTP-DSN');

describe('SMTP-DSN against the sandbox submission endpoint', { timeout: 60_000 }, () => {
  it('passes on the clean sandbox: DSN advertised, the DSN envelope accepted, NOTIFY=BOGUS refused, nothing sent', async () => {
    const [r] = await runOnSandbox(instances);
    expect({ status: r!.status, reason: r!.reason }).toEqual({ status: 'pass', reason: undefined });
    const lines = r!.evidence.filter((e) => e.kind === 'transcript').flatMap((e) => e.lines ?? []);
    expect(lines.some((l) => /^C: RCPT TO:<[^>]+> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;/.test(l))).toBe(true);
    expect(lines.some((l) => /^C: RCPT TO:<[^>]+> NOTIFY=BOGUS$/.test(l))).toBe(true);
    expect(lines.some((l) => /^C: DATA/.test(l))).toBe(false);
    expect(lines.join('\n')).not.toMatch(/eyJ/); // the token never reaches the transcript
  });

  // The scenario rests on our reading of a client rule (confidence S): a warning, a failure with --strict.
  it('warns under submission-no-dsn: not advertised and NOTIFY=BOGUS accepted', async () => {
    expect(defect('submission-no-dsn').warns).toEqual(['SMTP-DSN']);
    const [r] = await runOnSandbox(instances, ['submission-no-dsn']);
    expect(r!.status).toBe('warn');
    const failed = r!.assertions.filter((a) => a.downgrade?.to === 'warn').map((a) => a.fact);
    expect(failed).toEqual(expect.arrayContaining(['dsnAdvertised', 'invalidNotifyRefused']));
  });
});
