// A sandbox worker whose start fails the way the real one reports a failure that is not bad input.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.kind === 'start') parentPort.postMessage({ kind: 'start-failed', message: 'listen EADDRINUSE 127.0.0.1:25' });
  if (m.kind === 'stop') {
    parentPort.postMessage({ kind: 'stopped' });
    parentPort.close();
  }
});
