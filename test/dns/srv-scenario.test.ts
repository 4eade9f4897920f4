import { describe, expect, it } from 'vitest';
import { defect, instancesOf, runOnSandbox, statuses } from '../helpers/sandbox-scenarios.js';

const instances = instancesOf('DNS-SRV-AUTOCONFIG');

describe('DNS-SRV-AUTOCONFIG against the sandbox DNS server', { timeout: 30_000 }, () => {
  it('passes on the clean sandbox, with the SRV answers in the transcript', async () => {
    const results = await runOnSandbox(instances);
    expect(statuses(results)).toEqual({ 'DNS-SRV-AUTOCONFIG/submission': 'pass', 'DNS-SRV-AUTOCONFIG/imap': 'pass' });
    const lines = results.flatMap((r) => r.evidence.filter((e) => e.kind === 'transcript').flatMap((e) => e.lines ?? []));
    expect(lines.some((l) => /SRV _submission\._tcp\.sandbox\.mssante\.test: 0 1 \d+ smtp\.sandbox\.mssante\.test \(127\.0\.0\.1\)/.test(l))).toBe(true);
  });

  it.each(['dns-no-submission-srv', 'dns-imap-srv-wrong-port'])('fails exactly its instances under %s', async (name) => {
    const results = await runOnSandbox(instances, [name]);
    const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failed).toEqual(defect(name).fails);
    expect(results.filter((r) => !failed.includes(r.id)).map((r) => r.status)).toEqual(['pass']);
  });
});
