/**
 * The run's side of the sandbox in a worker thread (`msscheck run` without `--target`). The worker
 * (sandbox-worker.ts) loads the sandbox's modules as soon as it is created, and listens only once
 * `start()` is called, after the run's inputs are checked. The run gets the target profile (data)
 * and a `SandboxLink` whose `messages()` asks the worker for the stored messages. Every wait is bounded: a worker that crashes, hangs or does not start is an error with a
 * clear message, never a hang; `stop()` always ends the thread and removes the sandbox's work folder.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Semaphore } from '../engine/semaphore.js';
import { phrase } from '../i18n/phrase.js';
import { ProbeError } from '../probes/types.js';
import type { ResolvedTarget } from '../target/profile.js';
import { InputError } from '../util/input-error.js';
import type { StoredMessage } from './types.js';
import type { FromSandbox, SandboxWorkerData, ToSandbox, WireMessage } from './worker-protocol.js';
import { sandboxWorkerUrl } from './worker-url.js';

export interface SandboxWorkerOptions {
  defects: string[];
  host?: string;
  /** Bound on the start (modules, listeners), from `start()`. */
  startTimeoutMs?: number;
  /** Bound on a clean stop; past it the thread is terminated. */
  stopTimeoutMs?: number;
  /** Bound on one answer of the running sandbox (the stored messages). */
  answerTimeoutMs?: number;
  /** Told once when the worker dies while the run uses it (after `start()` resolved, before `stop()`). */
  onCrash?: (error: ProbeError) => void;
  /** The worker's entry (default `sandboxWorkerUrl()`; tests give one that misbehaves). */
  entry?: URL;
}

export interface SandboxWorker {
  /**
   * Starts the sandbox's servers; resolves with the target. Rejects with an InputError (unknown
   * defect), a ProbeError (the worker failed, died or did not start in time) or `signal`'s reason.
   */
  start(signal?: AbortSignal): Promise<ResolvedTarget>;
  /** Stops the servers and the thread, removes the work folder. Safe to call at any time, more than once. */
  stop(): Promise<void>;
}

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);

/** Creates the worker (its modules start loading at once); nothing listens before `start()`. */
export function createSandboxWorker(options: SandboxWorkerOptions): SandboxWorker {
  const { startTimeoutMs = 60_000, stopTimeoutMs = 10_000, answerTimeoutMs = 15_000 } = options;
  const data: SandboxWorkerData = { defects: options.defects, host: options.host };
  const url = options.entry ?? sandboxWorkerUrl();
  // Output of the thread is dropped: the sandbox writes no log, and nothing of it may reach the run's.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(tsxBoot(url), { eval: true, workerData: data, stdout: true, stderr: true })
    : new Worker(url, { workerData: data, stdout: true, stderr: true });
  worker.stdout.resume();
  worker.stderr.resume();

  let workDir: string | undefined;
  let ready = false;
  let started = false;
  let stopping: Promise<void> | undefined;
  let dead: ProbeError | undefined;
  const listeners = new Set<(m: FromSandbox | { kind: 'dead'; error: ProbeError }) => void>();
  const died = (reason: string): void => {
    if (dead || stopping) return;
    dead = new ProbeError('EINTERNAL', ready ? phrase('sandbox-worker-died', { reason }) : phrase('sandbox-worker-start-failed', { reason }));
    for (const l of listeners) l({ kind: 'dead', error: dead });
    if (ready) options.onCrash?.(dead);
  };
  worker.on('message', (m: FromSandbox) => {
    for (const l of listeners) l(m);
  });
  worker.on('error', (err) => died(err instanceof Error ? err.message : String(err)));
  worker.on('exit', (code) => died(`exit code ${code}`));
  worker.on('messageerror', (err) => died(err.message));

  /** The first message `pick` accepts, within `ms`; rejects if the worker dies or `signal` aborts. */
  const awaitMessage = <T>(pick: (m: FromSandbox) => T | undefined, ms: number, timeout: () => Error, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (dead) return reject(dead);
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(listener);
        signal?.removeEventListener('abort', onAbort);
      };
      const listener = (m: FromSandbox | { kind: 'dead'; error: ProbeError }): void => {
        if (m.kind === 'dead') {
          done();
          return reject(m.error);
        }
        const picked = pick(m);
        if (picked !== undefined) {
          done();
          resolve(picked);
        }
      };
      const onAbort = (): void => {
        done();
        reject(signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
      };
      const timer = setTimeout(() => {
        done();
        reject(timeout());
      }, ms);
      listeners.add(listener);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  const send = (m: ToSandbox): void => worker.postMessage(m);

  // The stored messages: the store only grows, so each request asks for what came since the last one,
  // one request at a time.
  const received: StoredMessage[] = [];
  let nextId = 0;
  const oneAtATime = new Semaphore(1);
  const fetchNew = async (): Promise<void> => {
    const id = ++nextId;
    const answer = awaitMessage(
      (m) => (m.kind === 'messages' && m.id === id ? m.messages : undefined),
      answerTimeoutMs,
      () => new ProbeError('EINTERNAL', phrase('sandbox-worker-no-answer', { seconds: seconds(answerTimeoutMs) })),
    );
    send({ kind: 'messages', id, since: received.length });
    for (const w of await answer) received.push(storedMessage(w));
  };
  const messages = (): Promise<StoredMessage[]> => oneAtATime.run(fetchNew).then(() => [...received]);

  return {
    async start(signal) {
      const answer = awaitMessage(
        (m) => (m.kind === 'ready' || m.kind === 'start-failed' ? m : undefined),
        startTimeoutMs,
        () => new ProbeError('EINTERNAL', phrase('sandbox-worker-start-timeout', { seconds: seconds(startTimeoutMs) })),
        signal,
      );
      started = true;
      send({ kind: 'start' });
      const m = await answer;
      if (m.kind === 'start-failed') {
        if (m.problems) throw new InputError(m.problems);
        throw new ProbeError('EINTERNAL', phrase('sandbox-worker-start-failed', { reason: m.message }));
      }
      if (m.kind !== 'ready') throw new Error('unreachable');
      workDir = m.workDir;
      ready = true;
      return { profile: m.profile, source: 'sandbox', baseDir: m.baseDir, sandboxDefects: m.defects, sandboxServices: { messages } };
    },
    stop() {
      stopping ??= (async () => {
        // Never told to start (bad input): nothing listens and no work folder exists; the thread just ends.
        // Once the sandbox is ready, its work folder is known here: the thread is ended at once (its
        // listeners and connections end with it; closing each server first only made the run's exit
        // wait ~30 ms) and the folder removed below. While it is still starting, it is asked to stop,
        // so that a folder it has just made is removed too.
        if (!dead && started && !(ready && workDir)) {
          const stopped = awaitMessage((m) => (m.kind === 'stopped' ? true : undefined), stopTimeoutMs, () => new Error('stop timeout'));
          send({ kind: 'stop' });
          await stopped.catch(() => undefined);
        }
        await worker.terminate().catch(() => undefined);
        // The worker removes it on a clean stop; after a crash or a timeout, this does.
        if (workDir) rmSync(workDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** A stored message as the run sees it (the bytes as a Buffer over the received copy). */
function storedMessage(w: WireMessage): StoredMessage {
  return { ...w, raw: Buffer.from(w.raw.buffer, w.raw.byteOffset, w.raw.byteLength) };
}

/**
 * The worker's code when its entry is TypeScript (a clone run through tsx, or vitest): register tsx's
 * loader in the thread (its ESM API, as bin/run-ts.js does), then import the entry. The API's ESM
 * build sits beside the CommonJS one that `require.resolve` finds (package.json `exports`).
 */
function tsxBoot(entry: URL): string {
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
}
