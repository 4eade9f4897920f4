/**
 * The sandbox OCSP responder (RFC 6960 over HTTP POST, node:http on the loopback, port 0): answers
 * from the test PKI's CRL data, signed by the issuing CA (responderID byKey). Behaviour switches
 * let tests and defects make it lie, sign badly, answer for another certificate or go stale. The
 * answers are built by answer.ts, loaded at the first request (the sandbox starts without pkijs).
 */
import http from 'node:http';
import type { OcspAuthority } from './book.js';
import { listenLoopbackHttp } from '../http-listen.js';

export interface ResponderBehaviour {
  /** Defect `ocsp-says-good-for-revoked`: a revoked serial is answered `good`. */
  goodForRevoked?: boolean;
  /** The signature is computed, then one bit is flipped. */
  corruptSignature?: boolean;
  /** The answer names the next serial instead of the one asked for (a CertID that does not match). */
  wrongCertId?: boolean;
  /** thisUpdate/nextUpdate of the answers (default: the authority's CRL dates). */
  validity?: { thisUpdate: Date; nextUpdate?: Date };
  /** Do not echo the request's nonce (allowed by RFC 8954). */
  omitNonce?: boolean;
  /** Echo this nonce instead of the request's (a replayed response). */
  nonce?: Buffer;
  /** Sign with a delegated responder certificate (included in the response) instead of the CA key. */
  delegated?: { certDer: Buffer; keyPem: string };
}

export interface RunningOcspResponder {
  /** URL to POST requests to. */
  url: string;
  close(): Promise<void>;
}

/** Serves `answerOcspRequest` over HTTP POST (`application/ocsp-request`) on `host`, port 0. */
export async function startOcspResponder(book: OcspAuthority[], host: string, behaviour: ResponderBehaviour = {}): Promise<RunningOcspResponder> {
  let answering: Promise<typeof import('./answer.js')> | undefined;
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      void (answering ??= import('./answer.js')).then(
        ({ answerOcspRequest, statusOnlyResponse }) => {
          let body: Buffer;
          try {
            body = answerOcspRequest(Buffer.concat(chunks), book, behaviour);
          } catch {
            body = statusOnlyResponse(2); // internalError
          }
          res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length }).end(body);
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  const listening = await listenLoopbackHttp(server, host);
  return { url: `${listening.origin}/`, close: listening.close };
}
