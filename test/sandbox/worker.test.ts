import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { pkiItem, pkiManifest } from '../../src/pki/fixtures.js';
import { findProbe } from '../../src/probes/registry.js';
import type { MessageLintFacts } from '../../src/probes/message/facts.js';
import type { ProbeError } from '../../src/probes/types.js';
import { createSandboxWorker } from '../../src/sandbox/worker-host.js';
import { runCli } from '../helpers/cli.js';
import { makeTestContext } from '../helpers/probe-context.js';

/**
 * The built-in sandbox in its worker thread (the default of `msscheck run` without --target): the
 * whole catalogue, a defect and an unknown defect through it, the message store read across the
 * thread, and a worker that crashes, hangs or ignores stop, which must end as an error, never a hang.
 * The other CLI tests run the sandbox in their own thread (test/helpers/cli.ts).
 */
const asOf = pkiManifest().referenceAsOf;
const WORKER = { MSSCHECK_SANDBOX_THREAD: 'worker' };
const MAIN = { MSSCHECK_SANDBOX_THREAD: 'main' };
const fixture = (name: string): URL => new URL(`./worker-fixtures/${name}`, import.meta.url);

const refused = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

describe('msscheck run with the sandbox in a worker thread', () => {
  it('runs the whole clean catalogue through the worker: conformant, no error, exit 0', async () => {
    const r = await runCli(['run', '--as-of', asOf, '--quiet', '--format', 'json', '--out', 'out'], { env: WORKER });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8'));
    expect(report.target.source).toBe('sandbox');
    const bad = report.scenarios.filter((s: { status: string }) => ['fail', 'error', 'warn'].includes(s.status));
    expect(bad.map((s: { id: string; reason?: string }) => `${s.id}: ${s.reason}`)).toEqual([]);
    expect(report.scenarios.filter((s: { status: string }) => s.status === 'pass').length).toBeGreaterThan(50);
    // The secrets the worker's sandbox hands out (by file: reference) reach the run and are redacted.
    const outputs = [r.stdout, r.stderr, readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8')].join('\n');
    expect(report.redaction).toMatchObject({ applied: true });
    expect(report.redaction.secretsRedacted).toBeGreaterThan(0);
    expect(outputs).toMatch(/AUTHENTICATE XOAUTH2 \[REDACTED\]/);
    expect(outputs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('a defect switched on in the worker fails its scenario (exit 1)', async () => {
    const r = await runCli(['run', '--as-of', asOf, '--quiet', '--sandbox-defects', 'mta-no-starttls', '--only', 'SMTP-STARTTLS-OFFERED/mta', '--format', 'json', '--out', 'out'], { env: WORKER });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8'));
    expect(report.target.sandboxDefects).toEqual(['mta-no-starttls']);
    expect(report.scenarios.map((s: { id: string; status: string }) => `${s.id} ${s.status}`)).toEqual(['SMTP-STARTTLS-OFFERED/mta fail']);
  });

  it('an unknown defect is an input error (exit 2), with the same message from the worker as from the run\'s thread, and nothing written', async () => {
    const args = ['run', '--as-of', asOf, '--quiet', '--sandbox-defects', 'no-such-defect', '--out', 'out'];
    const [worker, main] = [await runCli(args, { env: WORKER }), await runCli(args, { env: MAIN })];
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('no-such-defect');
    expect(worker.stderr).toContain('--list-defects');
    expect(worker.stderr).toBe(main.stderr);
    expect(existsSync(join(worker.cwd, 'out', 'report.json'))).toBe(false);
  });

  it('MSSCHECK_SANDBOX_THREAD other than worker or main is an input error (exit 2) naming it', async () => {
    const r = await runCli(['run', '--as-of', asOf, '--quiet', '--only', 'SMTP-STARTTLS-OFFERED/mta'], { env: { MSSCHECK_SANDBOX_THREAD: 'both' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('MSSCHECK_SANDBOX_THREAD');
  });
});

describe('the sandbox worker', () => {
  it('hands the run the stored messages with their bytes, which message.lint reads; stop closes its ports and removes its work folder', async () => {
    const worker = createSandboxWorker({ defects: [] });
    let workDir = '';
    let mtaPort = 0;
    try {
      const target = await worker.start();
      workDir = dirname(String(target.profile.oidcClient?.clientSecret).replace(/^file:/, ''));
      expect(existsSync(workDir)).toBe(true);
      const mta = target.profile.endpoints.smtpMta!;
      mtaPort = mta.port;
      const before = (await target.sandboxServices!.messages()).length;
      const peer = pkiItem('serv-ssl-peer');
      const transport = nodemailer.createTransport({ host: mta.host, port: mta.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false, cert: peer.chain, key: peer.key }, connectionTimeout: 5_000, socketTimeout: 5_000 });
      await transport.sendMail({ from: 'dr.p@peer.mssante.test', to: 'dr.approve@sandbox.mssante.test', subject: 'across the thread', text: 'hello from the peer' });
      const stored = await target.sandboxServices!.messages();
      expect(stored).toHaveLength(before + 1);
      const last = stored.at(-1)!;
      expect(last).toMatchObject({ endpoint: 'smtpMta', from: 'dr.p@peer.mssante.test', to: ['dr.approve@sandbox.mssante.test'] });
      expect(Buffer.isBuffer(last.raw)).toBe(true);
      expect(last.raw.toString('utf8')).toContain('hello from the peer');
      // Asked again: the same messages, none twice.
      expect((await target.sandboxServices!.messages()).length).toBe(before + 1);
      const t = makeTestContext({ asOf: new Date(`${asOf}T00:00:00Z`) });
      const facts = (await findProbe('message.lint')!.run({ source: 'sandbox-store', endpoint: 'smtpMta', from: 'dr.p@peer.mssante.test' }, Object.assign(t.ctx, { sandbox: target.sandboxServices }))) as MessageLintFacts;
      expect(facts.messages).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(existsSync(workDir)).toBe(false);
    expect(await refused(mtaPort)).toBe(true);
  });

  it('a worker that dies during the run is told to the run once, and its messages are an error, not a wait', async () => {
    const crashes: ProbeError[] = [];
    const worker = createSandboxWorker({ defects: [], entry: fixture('crashes-after-ready.mjs'), onCrash: (e) => crashes.push(e) });
    try {
      const target = await worker.start();
      await new Promise((r) => setTimeout(r, 300));
      expect(crashes).toHaveLength(1);
      expect(crashes[0]!.message).toContain('boom in the sandbox');
      expect(crashes[0]!.message).toContain('stopped during the run');
      await expect(target.sandboxServices!.messages()).rejects.toThrow(/stopped during the run/);
    } finally {
      await worker.stop();
    }
  });

  it('a worker that does not start in time is an error; one that does not stop is ended', async () => {
    const worker = createSandboxWorker({ defects: [], entry: fixture('never-answers.mjs'), startTimeoutMs: 300, stopTimeoutMs: 300 });
    const started = Date.now();
    await expect(worker.start()).rejects.toThrow(/did not start within 0.3 s/);
    await worker.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a start that fails in the worker is an error naming the cause; the run stops at once', async () => {
    const worker = createSandboxWorker({ defects: [], entry: fixture('fails-to-start.mjs') });
    await expect(worker.start()).rejects.toThrow(/could not start: listen EADDRINUSE/);
    await worker.stop();
  });

  it('the run\'s signal (Ctrl-C, deadline) ends a start that is under way', async () => {
    const worker = createSandboxWorker({ defects: [], entry: fixture('never-answers.mjs'), stopTimeoutMs: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 100);
    await expect(worker.start(controller.signal)).rejects.toThrow('interrupted');
    await worker.stop();
  });
});
