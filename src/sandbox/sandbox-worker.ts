/**
 * Entry of the sandbox's worker thread (`msscheck run` without `--target`): the sandbox operator
 * runs here, on its own event loop, so that its answers never wait behind the run's own work and the
 * run uses a second core. It loads its modules at once, starts
 * listening when the run says `start`, answers the run's requests for the stored messages, and stops
 * (servers closed, work folder removed) on `stop`. It writes nothing to any log.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/input-error.js';
import type { FromSandbox, SandboxWorkerData, ToSandbox, WireMessage } from './worker-protocol.js';
import type { RunningSandbox } from './operator.js';

const port = parentPort!;
const data = workerData as SandboxWorkerData;
const post = (m: FromSandbox): void => port.postMessage(m);

const operator = import('./operator.js');
operator.catch(() => undefined);
let running: Promise<RunningSandbox> | undefined;

port.on('message', (m: ToSandbox) => {
  if (m.kind === 'start') {
    running ??= operator.then((o) => o.startSandbox({ defects: data.defects, host: data.host }));
    running.then(
      (s) => post({ kind: 'ready', profile: s.target.profile, baseDir: s.target.baseDir, defects: s.defects, workDir: s.workDir }),
      (err: unknown) => post(err instanceof InputError ? { kind: 'start-failed', problems: err.problems, message: err.message } : { kind: 'start-failed', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (m.kind === 'messages') {
    void (running ?? Promise.reject(new Error('not started')))
      .then((s) => s.services.messageStore ?? [], () => [])
      .then((store) => {
        const messages: WireMessage[] = store.slice(m.since);
        post({ kind: 'messages', id: m.id, messages });
      });
  } else if (m.kind === 'stop') {
    const stopped = running ? running.then((s) => s.stop(), () => undefined) : Promise.resolve();
    void stopped.finally(() => {
      post({ kind: 'stopped' });
      port.close();
    });
  }
});
