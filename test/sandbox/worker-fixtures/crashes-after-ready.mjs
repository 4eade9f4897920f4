// A sandbox worker that starts, then dies with an uncaught exception (test/sandbox/worker.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.kind !== 'start') return;
  parentPort.postMessage({ kind: 'ready', profile: { profileVersion: 1, operator: { name: 'x', id: '0' }, domains: [], endpoints: {} }, baseDir: '/', defects: [], workDir: '/nonexistent-msscheck-test' });
  setTimeout(() => {
    throw new Error('boom in the sandbox');
  }, 50);
});
