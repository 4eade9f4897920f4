/**
 * How `msscheck run` without `--target` gets its sandbox. By default the sandbox runs in a worker
 * thread (src/sandbox/worker-host.ts): its answers never wait behind the run's own work, and the run
 * uses a second core. `MSSCHECK_SANDBOX_THREAD=main` runs it in the run's own thread instead (for
 * debugging: one thread, one profile). Both are prepared before the inputs are read (their modules
 * load) and listen only at `start`, once every input is checked.
 */
import { phrase } from '../i18n/phrase.js';
import type { ProbeError } from '../probes/types.js';
import type { ResolvedTarget } from '../target/profile.js';
import type { RunningSandbox } from '../sandbox/operator.js';
import { createSandboxWorker } from '../sandbox/worker-host.js';
import { InputError, saying } from '../util/input-error.js';
import { parseList } from './options.js';

export interface PreparedSandbox {
  /** Starts listening; resolves with the target. An unknown defect is an InputError (exit 2). */
  start(signal: AbortSignal): Promise<ResolvedTarget>;
  /** Stops it (servers, thread, work folder); safe at any time. */
  stop(): Promise<void>;
}

export function sandboxThread(env: NodeJS.ProcessEnv): 'worker' | 'main' {
  const v = env.MSSCHECK_SANDBOX_THREAD;
  if (v === undefined || v === '' || v === 'worker') return 'worker';
  if (v === 'main') return 'main';
  throw new InputError({ field: 'MSSCHECK_SANDBOX_THREAD', ...saying(phrase('env-sandbox-thread', { value: v }), phrase('env-sandbox-thread-fix')) });
}

/** `onCrash`: the worker died during the run (the run aborts what is still running). */
export function prepareSandbox(defects: string[], env: NodeJS.ProcessEnv, onCrash: (error: ProbeError) => void): PreparedSandbox {
  if (sandboxThread(env) === 'worker') return createSandboxWorker({ defects, onCrash });
  // In this thread: its modules load while the inputs are read.
  const operator = import('../sandbox/operator.js');
  operator.catch(() => undefined);
  let running: Promise<RunningSandbox> | undefined;
  return {
    async start() {
      running = operator.then((o) => o.startSandbox({ defects }));
      return (await running).target;
    },
    async stop() {
      await running?.then((s) => s.stop(), () => undefined);
    },
  };
}

/** The sandbox of one `msscheck run`, and where to tell the run that its worker died. */
export interface RunSandbox {
  sandbox: PreparedSandbox;
  /** Set by the run once it is under way. */
  crashed: { abort?: (error: ProbeError) => void };
}

/**
 * The sandbox of `msscheck run` prepared as soon as the command is known, while the run's own modules
 * load: the worker's start (its modules) is the longest wait before the first scenario.
 * Undefined against a target, or when it cannot be prepared (the run then prepares it and says why).
 */
export function prepareRunSandbox(flags: { target?: string; sandboxDefects?: string }, env: NodeJS.ProcessEnv): RunSandbox | undefined {
  if (flags.target) return undefined;
  const crashed: RunSandbox['crashed'] = {};
  try {
    return { sandbox: prepareSandbox(parseList(flags.sandboxDefects) ?? [], env, (e) => crashed.abort?.(e)), crashed };
  } catch {
    return undefined;
  }
}
