// A sandbox worker that neither starts nor stops: it keeps its thread alive and answers nothing.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => undefined);
