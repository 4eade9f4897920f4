import { webcrypto, X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInstances } from '../../src/engine/run.js';
import { pkiItem, pkiManifest, PKI_DIR } from '../../src/pki/fixtures.js';
import { x509 } from '../../src/pki/x509-lib.js';
import { startCrlMirror, type RunningCrlMirror } from '../../src/sandbox/crl/index.js';
import { ocspBook, type OcspAuthority } from '../../src/sandbox/ocsp/book.js';
import { startOcspResponder, type ResponderBehaviour, type RunningOcspResponder } from '../../src/sandbox/ocsp/responder.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { loadScenarios } from '../../src/scenarios/loader.js';
import { OID_KP_OCSP_SIGNING, queryOcsp } from '../../src/x509/ocsp.js';
import { liveClock } from '../../src/x509/live-clock.js';
import { checkRevocation } from '../../src/x509/revocation.js';

/** The test PKI's reference date, never today's. */
const AS_OF = new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`);
const AIA = 'http://ocsp.esante.gouv.fr';
const der = (name: string): Buffer => Buffer.from(new X509Certificate(pkiItem(name).cert).raw);
const ISSUER = der('aci-el-org-test');
const timeouts = { connectMs: 1_000, idleMs: 1_000, overallMs: 3_000 };
const book = (): OcspAuthority[] => ocspBook(pkiManifest(), PKI_DIR);

const running: RunningOcspResponder[] = [];
async function responder(behaviour: ResponderBehaviour = {}, authorities = book()): Promise<string> {
  const r = await startOcspResponder(authorities, '127.0.0.1', behaviour);
  running.push(r);
  return r.url;
}
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

/** The real clock is injected: freshness is judged at `now` (default: the reference date), the status on `asOf`. */
const ask = async (name: string, mirrorUrl: string, asOf = AS_OF, now = AS_OF) => queryOcsp(der(name), ISSUER, AIA, asOf, { mirrorUrl, timeouts, clock: liveClock(now) });

describe('OCSP client against the sandbox responder', () => {
  it('good: serv-ssl-sandbox, signed by the issuing CA, nonce echoed, request sent to the mirror instead of the AIA URL', async () => {
    const url = await responder();
    const r = await ask('serv-ssl-sandbox', url);
    expect(r).toMatchObject({ url: AIA, fetchedFrom: url, status: 'good', signer: 'issuer', nonceEchoed: true, thisUpdate: '2025-01-02T00:00:00.000Z' });
    expect(r.error).toBeUndefined();
  });

  it('revoked: serv-ssl-revoked, with its revocation time and reason', async () => {
    const r = await ask('serv-ssl-revoked', await responder());
    expect(r).toMatchObject({ status: 'revoked', revokedOn: '2025-01-02T00:00:00.000Z', reason: 'keyCompromise' });
  });

  it('revoked after the as-of date: good on that date', async () => {
    const r = await ask('serv-ssl-revoked', await responder({ validity: { thisUpdate: new Date('2025-01-01T00:00:00Z'), nextUpdate: new Date('2025-01-10T00:00:00Z') } }), new Date('2025-01-01T12:00:00Z'), new Date('2025-01-01T12:00:00Z'));
    expect(r.status).toBe('good');
  });

  it('unknown: a serial the responder has no record of', async () => {
    const authorities = book();
    authorities.find((a) => a.name === 'aci-el-org-test')!.serials.delete('11000001');
    const r = await ask('serv-ssl-sandbox', await responder({}, authorities));
    expect(r.status).toBe('unknown');
    expect(r.error).toBeUndefined();
  });

  it('a responder that does not serve the issuer (unauthorized) is an error', async () => {
    const r = await ask('serv-ssl-sandbox', await responder({}, book().filter((a) => a.name !== 'aci-el-org-test')));
    expect(r.status).toBeUndefined();
    expect(r.error?.code).toBe('EOCSP_RESPONSE_STATUS');
    expect(r.error?.message).toMatch(/unauthorized/);
  });

  it('bad signature: error, no status', async () => {
    const r = await ask('serv-ssl-sandbox', await responder({ corruptSignature: true }));
    expect(r.status).toBeUndefined();
    expect(r.error?.code).toBe('EOCSP_SIGNATURE');
  });

  it('a response signed by another CA than the issuer: error', async () => {
    // Asked as if issued by ACI-ST-ORG: the responder answers (unknown) signed by ACI-ST-ORG, whose key is not the issuer's.
    const authorities = book();
    const st = authorities.find((a) => a.name === 'aci-st-org-test')!;
    const el = authorities.find((a) => a.name === 'aci-el-org-test')!;
    el.keyPem = st.keyPem; // the right CertID, the wrong key
    const r = await ask('serv-ssl-sandbox', await responder({}, authorities));
    expect(r.error?.code).toBe('EOCSP_SIGNATURE');
  });

  it('wrong CertID: a response about another certificate is an error', async () => {
    const r = await ask('serv-ssl-sandbox', await responder({ wrongCertId: true }));
    expect(r.status).toBeUndefined();
    expect(r.error?.code).toBe('EOCSP_CERTID');
  });

  it('a fresh OCSP answer is good: issued seconds ago, judged by the real clock, whatever the as-of (midnight today)', async () => {
    const now = new Date('2026-11-30T21:15:00Z');
    const midnight = new Date('2026-11-30T00:00:00Z');
    const r = await ask('serv-ssl-sandbox', await responder({ validity: { thisUpdate: new Date(now.getTime() - 20_000), nextUpdate: new Date(now.getTime() + 3_600_000) } }), midnight, now);
    expect(r).toMatchObject({ status: 'good' });
    expect(r.error).toBeUndefined();
    // within the stated clock skew (5 minutes): still good; beyond it: not yet valid
    const ahead = await ask('serv-ssl-sandbox', await responder({ validity: { thisUpdate: new Date(now.getTime() + 120_000) } }), midnight, now);
    expect(ahead.status).toBe('good');
    const tooFar = await ask('serv-ssl-sandbox', await responder({ validity: { thisUpdate: new Date(now.getTime() + 600_000) } }), midnight, now);
    expect(tooFar.error?.code).toBe('EOCSP_NOT_YET_VALID');
    expect(tooFar.error?.message).toMatch(/300 s of clock skew allowed/);
  });

  it('stale response (nextUpdate before the current time) and a response from the future are errors', async () => {
    const stale = await ask('serv-ssl-sandbox', await responder({ validity: { thisUpdate: new Date('2025-01-02T00:00:00Z'), nextUpdate: new Date('2025-01-15T00:00:00Z') } }));
    expect(stale.error?.code).toBe('EOCSP_STALE');
    expect(stale.status).toBeUndefined();
    const future = await ask('serv-ssl-sandbox', await responder({ validity: { thisUpdate: new Date('2025-03-01T00:00:00Z') } }));
    expect(future.error?.code).toBe('EOCSP_NOT_YET_VALID');
  });

  it('a nonce other than ours (replay) is an error; no nonce at all is accepted and reported', async () => {
    const replay = await ask('serv-ssl-sandbox', await responder({ nonce: Buffer.alloc(16, 7) }));
    expect(replay.error?.code).toBe('EOCSP_NONCE');
    const none = await ask('serv-ssl-sandbox', await responder({ omitNonce: true }));
    expect(none).toMatchObject({ status: 'good', nonceEchoed: false });
  });

  it('no issuer certificate: error (no CertID can be built), nothing is sent', async () => {
    const r = await queryOcsp(der('serv-ssl-sandbox'), undefined, AIA, AS_OF, { mirrorUrl: 'http://127.0.0.1:9/', timeouts });
    expect(r.error?.code).toBe('EOCSP_NO_ISSUER');
  });
});

describe('delegated OCSP responder certificates', () => {
  const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
  let keys: webcrypto.CryptoKeyPair;
  let keyPem: string;
  let caKey: webcrypto.CryptoKey;
  beforeAll(async () => {
    keys = (await webcrypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
    caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pkiItem('aci-el-org-test').key), rsa, false, ['sign']);
  });
  async function delegate(options: { eku: boolean; signingKey?: webcrypto.CryptoKey }): Promise<Buffer> {
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: '7f0001',
      subject: 'CN=TEST OCSP RESPONDER,O=ASIP-SANTE,C=FR',
      issuer: new x509.X509Certificate(ISSUER).subject,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2026-01-01T00:00:00Z'),
      signingAlgorithm: rsa,
      publicKey: keys.publicKey,
      signingKey: options.signingKey ?? caKey,
      extensions: options.eku ? [new x509.ExtendedKeyUsageExtension([OID_KP_OCSP_SIGNING])] : [],
    });
    return Buffer.from(cert.rawData);
  }

  it('a responder certificate issued by the CA with id-kp-OCSPSigning is accepted', async () => {
    const r = await ask('serv-ssl-revoked', await responder({ delegated: { certDer: await delegate({ eku: true }), keyPem } }));
    expect(r).toMatchObject({ status: 'revoked', signer: { delegated: 'CN=TEST OCSP RESPONDER, O=ASIP-SANTE, C=FR' } });
  });
  it('without id-kp-OCSPSigning, or not issued by the CA, it is refused', async () => {
    const noEku = await ask('serv-ssl-sandbox', await responder({ delegated: { certDer: await delegate({ eku: false }), keyPem } }));
    expect(noEku.error?.code).toBe('EOCSP_SIGNER');
    expect(noEku.error?.message).toMatch(/OCSPSigning/);
    const selfIssued = await ask('serv-ssl-sandbox', await responder({ delegated: { certDer: await delegate({ eku: true, signingKey: keys.privateKey }), keyPem } }));
    expect(selfIssued.error?.code).toBe('EOCSP_SIGNER');
  });
});

describe('an OCSP responder that cannot be used is an error, never a pass', () => {
  let silent: http.Server;
  let silentUrl: string;
  let mirror: RunningCrlMirror;
  beforeAll(async () => {
    silent = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    mirror = await startCrlMirror(`${PKI_DIR}crl`, '127.0.0.1');
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
    await mirror.close();
  });

  it('responder down: ECONNREFUSED', async () => {
    const closed = await responder();
    await running.pop()!.close();
    const r = await ask('serv-ssl-sandbox', closed);
    expect(r.status).toBeUndefined();
    expect(r.error?.code).toBe('ECONNREFUSED');
  });
  it('silent responder: idle timeout; an overall timeout shorter than the idle one wins', async () => {
    const idle = await queryOcsp(der('serv-ssl-sandbox'), ISSUER, AIA, AS_OF, { mirrorUrl: silentUrl, timeouts: { connectMs: 1_000, idleMs: 200, overallMs: 3_000 } });
    expect(idle.error?.code).toBe('ETIMEDOUT_IDLE');
    const overall = await queryOcsp(der('serv-ssl-sandbox'), ISSUER, AIA, AS_OF, { mirrorUrl: silentUrl, timeouts: { connectMs: 1_000, idleMs: 3_000, overallMs: 200 } });
    expect(overall.error?.code).toBe('ETIMEDOUT_OVERALL');
  });
  it('CRL good but OCSP down: the overall status is unknown (not good), OCSP reported as error', async () => {
    const closed = await responder();
    await running.pop()!.close();
    const r = await checkRevocation(der('serv-ssl-sandbox'), ISSUER, AS_OF, { mirrorBase: mirror.url, ocsp: { mirrorUrl: closed }, timeouts });
    expect(r).toMatchObject({ status: 'unknown', crl: 'good', ocsp: 'error' });
    expect(r.problems.join(' ')).toMatch(/ECONNREFUSED/);
  });
  it('CRL revoked and OCSP good (a lying responder): revoked; CRL good and OCSP revoked: revoked', async () => {
    const lying = await checkRevocation(der('serv-ssl-revoked'), ISSUER, AS_OF, { mirrorBase: mirror.url, ocsp: { mirrorUrl: await responder({ goodForRevoked: true }) }, timeouts });
    expect(lying).toMatchObject({ status: 'revoked', crl: 'revoked', ocsp: 'good', method: 'crl', reason: 'keyCompromise' });
    const authorities = book();
    authorities.find((a) => a.name === 'aci-el-org-test')!.serials.set('11000001', { status: 'revoked', date: new Date('2025-01-10T00:00:00Z'), reason: 'superseded' });
    const ocspOnly = await checkRevocation(der('serv-ssl-sandbox'), ISSUER, AS_OF, { mirrorBase: mirror.url, ocsp: { mirrorUrl: await responder({}, authorities) }, timeouts });
    expect(ocspOnly).toMatchObject({ status: 'revoked', crl: 'good', ocsp: 'revoked', method: 'ocsp', reason: 'superseded', revokedOn: '2025-01-10T00:00:00.000Z' });
  });
  it('both sources good: good by crl+ocsp; OCSP not asked for: not-tested', async () => {
    const both = await checkRevocation(der('serv-ssl-sandbox'), ISSUER, AS_OF, { mirrorBase: mirror.url, ocsp: { mirrorUrl: await responder() }, timeouts });
    expect(both).toMatchObject({ status: 'good', crl: 'good', ocsp: 'good', method: 'crl+ocsp' });
    const crlOnly = await checkRevocation(der('serv-ssl-sandbox'), ISSUER, AS_OF, { mirrorBase: mirror.url, timeouts });
    expect(crlOnly).toMatchObject({ status: 'good', ocsp: 'not-tested', method: 'crl' });
  });
});

describe('X509-CERT-NOT-REVOKED on the sandbox', () => {
  const instances = loadScenarios().instances.filter((i) => i.id.startsWith('X509-CERT-NOT-REVOKED/'));
  const run = async (defects: string[]) => {
    const sandbox = await startSandbox({ defects });
    try {
      return await runInstances(instances, { target: sandbox.target, asOf: new Date(`${pkiManifest().referenceAsOf}T00:00:00Z`), concurrency: 3 });
    } finally {
      await sandbox.stop();
    }
  };

  it('clean: every variant passes and its evidence shows OCSP good, asked of the sandbox responder', async () => {
    const results = await run([]);
    expect(results.map((r) => `${r.id}:${r.status}`).sort()).toEqual(['X509-CERT-NOT-REVOKED/imap:pass', 'X509-CERT-NOT-REVOKED/mta:pass', 'X509-CERT-NOT-REVOKED/submission:pass']);
    for (const r of results) {
      const chain = r.evidence.find((e) => e.kind === 'certificate-chain')!.data as { revocation: { crl: string; ocsp: string; ocspResponder?: string; status: string }[] };
      expect(chain.revocation[0]).toMatchObject({ status: 'good', crl: 'good', ocsp: 'good', ocspResponder: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) });
    }
  }, 30_000);

  it('ocsp-says-good-for-revoked: the SMTP variants fail on the CRL entry although OCSP says good; IMAP passes', async () => {
    const results = await run(['ocsp-says-good-for-revoked']);
    expect(results.map((r) => `${r.id}:${r.status}`).sort()).toEqual(['X509-CERT-NOT-REVOKED/imap:pass', 'X509-CERT-NOT-REVOKED/mta:fail', 'X509-CERT-NOT-REVOKED/submission:fail']);
    const mta = results.find((r) => r.id.endsWith('/mta'))!;
    const chain = mta.evidence.find((e) => e.kind === 'certificate-chain')!.data as { problems: string[] };
    expect(chain.problems.join('\n')).toMatch(/CRL says revoked but OCSP says good/);
  }, 30_000);
});
