import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueInstances, runOnSandbox } from './helpers.js';

/** A web login that is down (503) or redirects elsewhere before any code can be sent. */
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/down')) return res.writeHead(503, { 'retry-after': '60' }).end('maintenance');
    res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('a TOTP verdict needs a login flow that reached the server with the code', { timeout: 60_000 }, () => {
  const window = catalogueInstances(['auth/AUTH-TOTP-WINDOW.yaml', 'auth/AUTH-TOTP-REPLAY.yaml']);
  for (const path of ['/down', '/moved']) {
    it(`a flow that ${path === '/down' ? 'answers 503' : 'redirects'} before any code was sent is error, never pass`, async () => {
      const { results } = await runOnSandbox(window, [], (profile) => {
        profile.endpoints.otpWeb = { ...profile.endpoints.otpWeb!, url: `${base}${path}` };
      });
      const w = results.find((r) => r.id === 'AUTH-TOTP-WINDOW')!;
      expect(w.status).toBe('error');
      expect(w.reason).toMatch(/before the code was sent/);
      expect(results.find((r) => r.id === 'AUTH-TOTP-REPLAY')!.status).toBe('error');
    });
  }
});
