import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import type { SandboxComponent, SandboxComponentFactory } from '../types.js';
import { listenLoopbackHttp } from '../http-listen.js';

const CRL_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.crl$/;

export interface RunningCrlMirror {
  /** Base URL (trailing slash): `<base><FILE>.crl` is the CRL named `<FILE>.crl` in a distribution point. */
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP mirror of the CRLs in `dir`, by file name (`GET /ACI-EL-ORG-TEST.crl`), the way a client
 * reaches IGC-Santé's CRLs without the internet. Anything else is 404.
 */
export async function startCrlMirror(dir: string, host: string): Promise<RunningCrlMirror> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/+/, ''));
    if (req.method !== 'GET' || !CRL_FILE.test(name)) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(dir, name)).then(
      (body) => res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': body.length }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  const listening = await listenLoopbackHttp(server, host);
  return { url: `${listening.origin}/`, close: listening.close };
}

/**
 * The sandbox's CRL publication point: serves the test PKI's CRLs and gives the profile
 * `endpoints.crl.url`, the mirror base from which msscheck fetches a CRL by file name.
 */
export const crlComponent: SandboxComponentFactory = {
  name: 'crl',
  defects: [],
  async start(ctx): Promise<SandboxComponent> {
    const mirror = await startCrlMirror(join(ctx.pkiDir, 'crl'), ctx.host);
    return {
      name: 'crl',
      contribute(profile) {
        profile.endpoints.crl = { url: mirror.url };
      },
      stop: () => mirror.close(),
    };
  },
};
