import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultDeadlineMs } from '../../src/engine/run-deadline.js';
import { loadScenarios, selectInstances } from '../../src/scenarios/loader.js';
import { runCli } from '../helpers/cli.js';
import { hostileProfile } from './harness/run-child.js';

describe('the run deadline', () => {
  it('ends the scenarios still running as error "deadline", and the reports are written', { timeout: 120_000 }, async () => {
    // A server that accepts and never says a word: every step would wait for its 30 s idle timeout.
    const sockets: Socket[] = [];
    const server = createServer((s) => void sockets.push(s.on('error', () => undefined)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const cwd = mkdtempSync(join(tmpdir(), 'msscheck-deadline-'));
      writeFileSync(join(cwd, 'target.yaml'), stringify(hostileProfile({ smtpSubmission: { host: '127.0.0.1', port, security: 'starttls' } })));
      const r = await runCli(
        ['run', '--target', 'target.yaml', '--only', 'SMTP-STARTTLS-OFFERED/submission,SMTP-NO-AUTH-BEFORE-TLS/submission', '--idle-timeout', '30s', '--timeout', '60s', '--deadline', '1500ms', '--out', 'out', '--format', 'json', '--quiet'],
        { cwd, env: { HOSTILE_PASSWORD: 'x', HOSTILE_CLIENT_SECRET: 'y' } },
      );
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/deadline \(1500 ms\) passed/);
      const report = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')) as { startedAt: string; finishedAt: string; scenarios: { status: string; reason: string }[] };
      // The run ended at the deadline, not at the 30 s idle timeouts (start-up is outside this span).
      expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBeLessThan(10_000);
      expect(report.scenarios).toHaveLength(2);
      for (const s of report.scenarios) {
        expect(s.status).toBe('error');
        expect(s.reason).toMatch(/deadline: the run's deadline of 1500 ms passed/);
      }
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('defaults to the selection: each scenario\'s longest step, shared among the concurrent slots, plus a margin', () => {
    const all = loadScenarios().instances;
    const one = selectInstances(all, ['SMTP-STARTTLS-OFFERED/submission']);
    const eight = selectInstances(all, ['SMTP-*', 'IMAP-*', 'TLS-VERSIONS/*']).slice(0, 8);
    expect(defaultDeadlineMs(one, { overallMs: 10_000 }, 4)).toBe(60_000 + Math.ceil(10_000 / 4));
    expect(defaultDeadlineMs(eight, { overallMs: 10_000 }, 4)).toBe(60_000 + 8 * 10_000 / 4);
    expect(defaultDeadlineMs(eight, { overallMs: 10_000 }, 1)).toBeGreaterThan(defaultDeadlineMs(eight, { overallMs: 10_000 }, 4));
  });
});
