import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunPolicy } from '../../src/cli/identification.js';
import { loadRequirementsVersion } from '../../src/cli/requirements.js';
import { defaultDeadlineMs, fleetTargetDeadlineMs, startDeadline } from '../../src/engine/run-deadline.js';
import { loadFleetEntries } from '../../src/fleet/entries.js';
import { runFleet } from '../../src/fleet/run-fleet.js';
import type { FleetReport } from '../../src/model/fleet.js';
import type { Report } from '../../src/model/result.js';
import { loadScenarios, selectInstances } from '../../src/scenarios/loader.js';
import { hostileProfile } from '../hostile/harness/run-child.js';

/** A healthy but slow SMTP server: it greets after GREETING_DELAY_MS, then answers EHLO (no STARTTLS: a verdict, quickly). */
const GREETING_DELAY_MS = 450;
const TIMEOUTS = { connectMs: 2000, idleMs: 2000, overallMs: 1000 };
const TARGETS = 3;

describe("a fleet target's deadline counts its share of the fleet's scenario slots", { timeout: 60_000 }, () => {
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s.on('error', () => undefined));
    const greet = setTimeout(() => s.write('220 slow.test ESMTP\r\n'), GREETING_DELAY_MS);
    s.on('close', () => clearTimeout(greet));
    let buf = '';
    s.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      for (let i; (i = buf.indexOf('\n')) >= 0; buf = buf.slice(i + 1)) {
        const verb = buf.slice(0, i).trim().split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') s.write('250-slow.test\r\n250 PIPELINING\r\n');
        else if (verb === 'QUIT') s.end('221 bye\r\n');
        else s.write('502 no\r\n');
      }
    });
  });
  const cwd = mkdtempSync(join(tmpdir(), 'msscheck-fleet-deadline-'));
  const instances = selectInstances(loadScenarios().instances, ['SMTP-STARTTLS-OFFERED/submission']);
  const policy = loadRunPolicy();

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    for (let i = 0; i < TARGETS; i++) writeFileSync(join(cwd, `slow-${i}.yaml`), stringify(hostileProfile({ smtpSubmission: { host: '127.0.0.1', port, security: 'starttls' } })));
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });

  /** More targets than scenario slots: concurrency 1, all three targets in progress at once. */
  const fleet = (targetDeadlineMs: number, signal?: AbortSignal): Promise<FleetReport & { reports: Map<string, Report> }> => {
    const reports = new Map<string, Report>();
    return runFleet({
      entries: loadFleetEntries(Array.from({ length: TARGETS }, (_, i) => `slow-${i}.yaml`), cwd, policy),
      instances,
      asOf: new Date('2026-01-15T00:00:00Z'),
      policy,
      catalogue: loadRequirementsVersion(),
      failOn: 'low',
      selection: { only: ['SMTP-STARTTLS-OFFERED/submission'] },
      timeouts: TIMEOUTS,
      concurrency: 1,
      perHost: 4,
      perEndpoint: 2,
      parallelTargets: TARGETS,
      env: { HOSTILE_PASSWORD: 'x', HOSTILE_CLIENT_SECRET: 'y' },
      signal,
      now: () => new Date(),
      targetDeadlineMs,
      onTargetReport: async (id, report) => void reports.set(id, report),
    }).then((f) => Object.assign(f, { reports }));
  };
  const reasons = (f: { reports: Map<string, Report> }): string[] => [...f.reports.values()].flatMap((r) => r.scenarios.map((s) => `${s.status}: ${s.reason ?? ''}`));

  it('the old computation (the whole pool for each target) ends a healthy, queued target as error "deadline"', async () => {
    // Without the 60 s margin, so that the test shows the division itself in a second.
    const old = await fleet(defaultDeadlineMs(instances, TIMEOUTS, 1, 0));
    expect(reasons(old).some((r) => /^error: .*deadline/.test(r)), reasons(old).join('\n')).toBe(true);
  });

  it("with the target's share, every target gets its verdict (none is cut short)", async () => {
    const ms = fleetTargetDeadlineMs(instances, TIMEOUTS, { concurrency: 1, targetsAtOnce: TARGETS }, 0);
    expect(ms).toBe(TARGETS * TIMEOUTS.overallMs);
    const f = await fleet(ms);
    expect(reasons(f)).toHaveLength(TARGETS);
    for (const r of reasons(f)) expect(r).toMatch(/^fail: /);
    expect(f.targets.map((t) => t.verdict)).toEqual(Array(TARGETS).fill('non-conformant'));
  });

  it("the fleet's own --deadline still bounds every target, and its reason is the fleet's deadline", async () => {
    const outer = startDeadline(300);
    try {
      const f = await fleet(fleetTargetDeadlineMs(instances, TIMEOUTS, { concurrency: 1, targetsAtOnce: TARGETS }), outer.signal);
      expect(reasons(f)).toHaveLength(TARGETS);
      for (const r of reasons(f)) expect(r).toMatch(/^error: .*deadline of 300 ms passed/);
    } finally {
      outer.dispose();
    }
  });

  it('the default per-target deadline keeps its margin and grows with the targets sharing the slots', () => {
    const one = fleetTargetDeadlineMs(instances, TIMEOUTS, { concurrency: 8, targetsAtOnce: 1 });
    expect(one).toBe(defaultDeadlineMs(instances, TIMEOUTS, 8));
    expect(fleetTargetDeadlineMs(instances, TIMEOUTS, { concurrency: 8, targetsAtOnce: 4 })).toBe(60_000 + Math.ceil((TIMEOUTS.overallMs * 4) / 8));
  });
});
