import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mailStackAvailability } from '../../src/mailstack/availability.js';

// Postfix and Dovecot need their port numbers in their configs: msscheck chooses free ports and
// releases them, and another process may take one in between. The start is then retried with new
// ports instead of failing the run. Here the first MTA port chosen is one this test holds.
const held: Server = createServer();
const heldPort = await new Promise<number>((resolve) => held.listen(0, '127.0.0.1', () => resolve((held.address() as import('node:net').AddressInfo).port)));
let calls = 0;
vi.mock('../../src/mailstack/ports.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/mailstack/ports.js')>();
  return {
    freeLoopbackPorts: async (count: number, host?: string) => {
      const ports = await real.freeLoopbackPorts(count, host);
      return calls++ === 0 ? [heldPort, ...ports.slice(1)] : ports;
    },
  };
});
const { startMailStack } = await import('../../src/mailstack/stack.js');

const availability = mailStackAvailability();
afterAll(() => new Promise<void>((r) => held.close(() => r())));

// Under CI=true, .ci/run installs Postfix/Dovecot: a missing stack fails instead of skipping.
describe.skipIf(!availability.ok && process.env.CI !== 'true')('real mail stack start', () => {
  it('retries with new ports when a daemon finds its port taken', async () => {
    const stack = await startMailStack({ variant: 'clean', seedMessage: false });
    try {
      expect(calls).toBeGreaterThan(2);
      expect(stack.ports.mta).not.toBe(heldPort);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
