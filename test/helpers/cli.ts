import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

/** Runs the CLI in-process in a fresh temporary working directory (or `cwd`), capturing its output. */
export async function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; now?: Date } = {}): Promise<CliResult> {
  const cwd = opts.cwd ?? mkdtempSync(join(tmpdir(), 'msscheck-cli-'));
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const now = opts.now ?? new Date('2026-02-01T10:00:00Z');
  const code = await main(['node', 'msscheck', ...args], { stdout: out, stderr: err, env: opts.env ?? { MSSCHECK_SANDBOX_THREAD: 'main' }, now: () => now, cwd });
  return { code, stdout, stderr, cwd };
}
