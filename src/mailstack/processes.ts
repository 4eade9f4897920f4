/**
 * Running the Postfix and Dovecot commands, and making sure every process they started is gone:
 * daemons are found by their master's pid file, their children by walking /proc.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `file args` with a hard timeout; never throws for a non-zero exit (the caller decides).
 * Output goes through a temp file and completion is the command's exit, not the end of its output:
 * `postfix start` and `dovecot` leave daemons behind that inherit (and would hold open) a pipe.
 */
export function runCommand(file: string, args: string[], timeoutMs = 30_000): Promise<CommandResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'msscheck-cmd-'));
  const outPath = join(scratch, 'out');
  const errPath = join(scratch, 'err');
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  return new Promise<CommandResult>((resolve) => {
    let settled = false;
    const finish = (code: number, extra = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      const result = { code, stdout: readFileSync(outPath, 'utf8'), stderr: `${readFileSync(errPath, 'utf8')}${extra}` };
      rmSync(scratch, { recursive: true, force: true });
      resolve(result);
    };
    const child = spawn(file, args, { stdio: ['ignore', out, err] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(124, `${file} did not finish within ${timeoutMs} ms`);
    }, timeoutMs);
    child.once('error', (e) => finish(127, e.message));
    child.once('exit', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/** The pid written in a pid file (Postfix pads it with spaces), or undefined. */
export function readPidFile(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie still answers signal 0: it is dead for our purposes.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** `root` and every process below it (from /proc), at this instant. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree].filter(isAlive);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until none of `pids` is alive; returns the ones still alive after `timeoutMs`. */
export async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < deadline) {
    await sleep(100);
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** Waits until `host:port` accepts a TCP connection (then closes it); false after `timeoutMs`. */
export async function waitListening(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port });
      const done = (v: boolean) => {
        s.destroy();
        resolve(v);
      };
      s.setTimeout(1_000, () => done(false));
      s.once('connect', () => done(true));
      s.once('error', () => done(false));
    });
    if (ok) return true;
    await sleep(100);
  }
  return false;
}
