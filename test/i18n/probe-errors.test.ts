/**
 * Why a step could not reach a verdict reaches the reasons and steps of a French report: a probe's
 * error is written as a catalogue phrase (`new ProbeError(code, phrase(...))`), never as an English
 * literal. This scans the probes, the network clients and the certificate code for errors made from
 * a string literal or template; the few left in English are listed below with why, so a new English
 * literal fails here, naming its file and line.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProbeError, precondition } from '../../src/probes/types.js';
import { phrase, renderPhrase } from '../../src/i18n/phrase.js';
import { translator } from '../../src/i18n/index.js';

/** Errors that stay English literals: internal faults a user never meets, or texts of the server or of a library. */
const STILL_ENGLISH: Record<string, string> = {
  'src/net/line-connection.ts: two concurrent reads': 'internal fault of msscheck',
  "src/engine/run.ts: 'step finished'": 'abort reason of a finished step, never shown',
  'src/net/http-client.ts: ${what}: ${code || err.message}': "Node's own error code or message",
  'src/probes/trust/peer-session.ts: ${this.label}: ${this.peerError.code ?? this.peerError.message}': "Node's own error code or message",
  'src/probes/imap/auth-facts.ts: reply meanings give': 'internal fault of the reply-meanings data',
  'src/x509/http-fetch.ts: ${method} ${url}: HTTP ${res.status}': 'no words: method, URL and status',
  'src/probes/types.ts: ${what}: ${msg}': "an unexpected exception's own message",
  'src/probes/trust/peer-identity.ts: peerCertificates.${role}: ${(err as Error).message}': "field name and the TLS library's message",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Each `new ProbeError(CODE, <literal>` and `precondition(<literal>` of `files`, as `file:line: text`. */
function literalErrors(files: string[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:new ProbeError\(\s*'[A-Z_]+',|\bprecondition\()\s*((['`"])(?:\\.|(?!\2)[^\\])*\2)/g)) {
      const line = src.slice(0, m.index).split('\n').length;
      found.push(`${f}:${line}: ${m[1]!.slice(0, 90)}`);
    }
  }
  return found;
}

describe('probe errors are catalogue phrases', () => {
  it('no probe, network or certificate error is an English literal (except those listed, with why)', () => {
    const files = ['src/probes', 'src/net', 'src/x509', 'src/limits', 'src/engine'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const allowed = Object.keys(STILL_ENGLISH).map((k) => [k.slice(0, k.indexOf(': ')), k.slice(k.indexOf(': ') + 2)] as const);
    const offenders = literalErrors(files).filter((e) => !allowed.some(([file, text]) => e.startsWith(`${file}:`) && e.includes(text)));
    const literals = literalErrors(files);
    expect(allowed.filter(([file, text]) => !literals.some((e) => e.startsWith(`${file}:`) && e.includes(text))), 'stale entries of STILL_ENGLISH').toEqual([]);
    expect(offenders, 'write these with phrase(...) and add the message to locales/en and locales/fr').toEqual([]);
  });

  it('the scan finds a literal (positive control)', () => {
    expect(literalErrors(['test/i18n/probe-errors.test.ts']).length).toBeGreaterThan(0);
    // Literals the scan must catch (kept here on purpose):
    void (() => [new ProbeError('EPROTOCOL', 'an English literal'), precondition(`an English template`)]);
  });

  it('a phrased probe error keeps its English message and says it in French', () => {
    const fr = translator('fr');
    const cases = [
      phrase('pe-greeting-not-220', { what: 'smtpMta 127.0.0.1:25', code: '554' }),
      phrase('pe-inconclusive-times', { what: 'AUTH PLAIN', n: 2, reply: '454 4.7.0 try later', meaning: 'temporary', ref: 'RFC 4954' }),
      phrase('pe-revocation-unknown', { subject: 'CN=mta', crl: 'unknown', ocsp: 'unknown', problems: phrase('pe-no-usable-source') }),
      phrase('pe-no-identity-rank', { ranks: phrase('list-or', { first: '0', next: '1' }), count: 1 }),
      phrase('pe-ciba-auth-http-error', { status: 400, error: 'invalid_request' }),
      phrase('pe-handshake-failed-before', { what: 'mta', why: phrase('pe-why-closed-handshake'), before: phrase('pe-before-cert-request') }),
    ];
    const english = cases.map((p) => new ProbeError('EPROTOCOL', p).message);
    expect(english).toEqual([
      'smtpMta 127.0.0.1:25: greeting 554, not 220',
      'AUTH PLAIN: inconclusive 2 times: the server said "454 4.7.0 try later" (temporary; RFC 4954), so whether it accepts or refuses is unknown',
      'the revocation status of CN=mta could not be established (CRL: unknown, OCSP: unknown): no usable source',
      'the target profile has no PSC test identity at rank 0 or 1 (mailboxes with a nationalId: 1)',
      'CIBA authentication request answered HTTP 400 invalid_request',
      'mta: the server closed the connection during the handshake before any CertificateRequest: the peer certificate was never judged, so this is not a refusal of it',
    ]);
    const french = cases.map((p) => renderPhrase(p, fr));
    expect(french[0]).toBe("smtpMta 127.0.0.1:25 : message d'accueil 554, et non 220");
    expect(french[2]).toContain('aucune source utilisable');
    expect(french[3]).toContain('au rang 0 ou 1');
    expect(french[5]).toContain('le serveur a fermé la connexion pendant la négociation avant tout CertificateRequest');
    for (const [i, f] of french.entries()) expect(f, english[i]).not.toBe(english[i]);
  });
});

describe('certificate chain evidence: revocation problems in the reader language', () => {
  it('the HTML evidence says a revocation problem in French, and keeps English problems without a phrase as written', async () => {
    const { renderEvidence } = await import('../../src/reporters/html/evidence.js');
    const revoked = phrase('ev-revoked-on', { date: '2025-01-15', reason: 'keyCompromise', method: 'crl', subject: 'CN=mta.op.test' });
    const evidence = {
      kind: 'certificate-chain' as const,
      title: 'Certificate chain of mta',
      data: { endpoint: 'smtpMta', trusted: true, certificates: [], problems: ['no path to a trust anchor', renderPhrase(revoked)], problemPhrases: [null, revoked] },
    };
    expect(renderPhrase(revoked)).toBe('revoked on 2025-01-15 (keyCompromise, by crl): CN=mta.op.test');
    const fr = renderEvidence(evidence, '2026-01-10', translator('fr'));
    expect(fr).toContain('révoqué le 2025-01-15 (keyCompromise, par crl) : CN=mta.op.test');
    expect(fr).toContain('no path to a trust anchor');
    expect(renderEvidence(evidence, '2026-01-10', translator('en'))).toContain('revoked on 2025-01-15');
  });

  it('chain problems (x509.server-chain, chain building) are phrases beside their English, said in French', async () => {
    const { buildChain } = await import('../../src/probes/x509/chain.js');
    const { renderEvidence } = await import('../../src/reporters/html/evidence.js');
    const empty = buildChain([], []);
    expect(empty.problems).toEqual(['the server presented no certificate']);
    const evidence = { kind: 'certificate-chain' as const, title: 't', data: { certificates: [], problems: empty.problems, problemPhrases: empty.problemPhrases } };
    expect(renderEvidence(evidence, '2026-01-10', translator('fr'))).toContain('le serveur n&#39;a présenté aucun certificat');
  });
});

describe('certificate profile violations', () => {
  it('each violation is a phrase whose English is the violation as report.json keeps it, and which French says otherwise', async () => {
    const { readFileSync } = await import('node:fs');
    const { checkCertProfile, loadCertProfile } = await import('../../src/x509/cert-profile.js');
    const { pkiItem } = await import('../../src/pki/fixtures.js');
    const seen: string[] = [];
    for (const name of ['serv-ssl-rsa1024', 'serv-ssl-expired', 'serv-ssl-no-policy', 'serv-ssl-no-crl-dp']) {
      const item = pkiItem(name) as { cert: string };
      const pem = item.cert.includes('BEGIN') ? item.cert : readFileSync(item.cert, 'utf8');
      const der = Buffer.from(pem.split('-----')[2]!.replace(/\s+/g, ''), 'base64');
      const check = checkCertProfile(der, loadCertProfile('serv-ssl'), new Date('2026-01-10'));
      expect(check.violationPhrases.map((p) => renderPhrase(p)), name).toEqual(check.violations);
      for (const p of check.violationPhrases) seen.push(renderPhrase(p, translator('fr')));
    }
    expect(seen).toEqual([
      'key : RSA 1024 bits (moins de 2048 bits)',
      'validity : du 2021-01-01 au 2024-01-01 : expiré le 2026-01-10',
      'policies : politiques aucun ; attendu : l’une de 1.2.250.1.213.1.7.1.1.2.5.1, 1.2.250.1.213.1.7.2.1.1.1.1',
      'crlDistributionPoints : pas d’extension des points de distribution de CRL',
    ]);
  });
});

describe('source problems and labels said in the reader language (revocation, TLS capability, dropped exchanges, limits)', () => {
  const fr = translator('fr');

  it("a certificate without CRL distribution point: the problem's English stays in problems, its phrase says it in French", async () => {
    const { X509Certificate } = await import('node:crypto');
    const { selfSignedCertificate } = await import('../../src/net/self-signed.js');
    const { checkRevocation } = await import('../../src/x509/revocation.js');
    const { cert } = await selfSignedCertificate({ notBefore: new Date('2025-01-01'), notAfter: new Date('2027-01-01'), dnsNames: ['mta.op.test'] });
    const r = await checkRevocation(new X509Certificate(cert).raw, undefined, new Date('2026-01-10'), { timeouts: { connectMs: 1000, idleMs: 1000, overallMs: 1000 } } as never);
    expect(r.problems).toEqual(['the certificate names no CRL distribution point']);
    expect(r.problemPhrases.map((p) => renderPhrase(p, fr))).toEqual(['le certificat ne désigne aucun point de distribution de CRL']);
  });

  it('an OCSP check error keeps its English message and says it in French through its phrase', async () => {
    const { queryOcsp, ocspErrorPhrase } = await import('../../src/x509/ocsp.js');
    const { selfSignedCertificate } = await import('../../src/net/self-signed.js');
    const { X509Certificate } = await import('node:crypto');
    const { cert } = await selfSignedCertificate({ notBefore: new Date('2025-01-01'), notAfter: new Date('2027-01-01'), dnsNames: ['mta.op.test'] });
    const check = await queryOcsp(new X509Certificate(cert).raw, undefined, 'http://127.0.0.1:9/ocsp', new Date('2026-01-10'), { timeouts: { connectMs: 1000, idleMs: 1000, overallMs: 1000 } } as never);
    expect(check.error).toEqual({ code: 'EOCSP_NO_ISSUER', message: 'http://127.0.0.1:9/ocsp: the issuer certificate is unknown, so no OCSP CertID can be built' });
    const said = ocspErrorPhrase(check.error!)!;
    expect(renderPhrase(said)).toBe(check.error!.message);
    expect(renderPhrase(said, fr)).toBe("http://127.0.0.1:9/ocsp : le certificat de l'émetteur est inconnu : aucun CertID OCSP ne peut être construit");
    // The phrase stays beside the check, not in it: checks are facts, which stay English.
    expect(JSON.stringify(check)).not.toContain('ocsp-no-issuer');
  });

  it('CRL problems, freshness, TLS capability reasons, dropped exchanges and limit labels keep their English byte for byte and differ in French', async () => {
    const { notFresh } = await import('../../src/x509/live-clock.js');
    const { capabilityReasonPhrase } = await import('../../src/net/tls-capability.js');
    const { droppedMidExchange } = await import('../../src/probes/outcomes/reply-meanings.js');
    const { limitExceeded } = await import('../../src/limits/limits.js');
    const stale = notFresh({ now: new Date('2026-01-10T00:00:00Z'), skewMs: 300_000 }, new Date('2025-12-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))!;
    const early = notFresh({ now: new Date('2026-01-10T00:00:00Z'), skewMs: 300_000 }, new Date('2026-02-01T00:00:00Z'), undefined)!;
    expect(stale.why).toBe('nextUpdate 2026-01-01T00:00:00.000Z is before the current time 2026-01-10T00:00:00.000Z (300 s of clock skew allowed)');
    expect(early.why).toBe('thisUpdate 2026-02-01T00:00:00.000Z is after the current time 2026-01-10T00:00:00.000Z (300 s of clock skew allowed)');
    const url = 'http://crl.test/ac.crl';
    const dropped = droppedMidExchange(phrase('exchange-before-starttls', { command: 'MAIL FROM' }), 'connection reset');
    const cases: [ReturnType<typeof phrase> | string, string][] = [
      [phrase('rev-crl-issuer-unknown'), 'the issuer certificate is unknown, so no CRL signature can be checked'],
      [phrase('rev-crl-bad-signature', { url }), `${url}: CRL signature does not verify with the issuer's key`],
      [phrase('rev-crl-wrong-issuer', { url, issuer: 'CN=A', expected: 'CN=B' }), `${url}: CRL issued by CN=A, not by CN=B`],
      [phrase('rev-crl-outdated', { url, why: stale.whyPhrase }), `${url}: CRL outdated: ${stale.why}`],
      [phrase('rev-crl-not-yet-valid', { url, why: early.whyPhrase }), `${url}: CRL not yet valid: ${early.why}`],
      [phrase('rev-ocsp-unknown'), 'OCSP: the responder does not know the certificate (unknown)'],
      [phrase('ocsp-stale', { why: stale.whyPhrase }), `the OCSP response is stale: ${stale.why}`],
      [phrase('ocsp-not-yet-valid', { why: early.whyPhrase }), `the OCSP response is not yet valid: ${early.why}`],
      [phrase('ocsp-signer-no-eku', { subject: 'CN=R' }), 'the OCSP responder certificate CN=R lacks the id-kp-OCSPSigning extended key usage'],
      [phrase('ocsp-nonce-other'), 'the OCSP response carries another nonce than the request (a replayed response?)'],
      [phrase('ocsp-no-certid'), 'the OCSP response says nothing about the certificate asked for (no matching CertID)'],
      [phrase('tls-cap-version-reason', { version: 'TLSv1', reason: capabilityReasonPhrase('handshake failed') }), 'TLSv1: handshake failed'],
      [capabilityReasonPhrase('negotiated TLSv1.2'), 'negotiated TLSv1.2'],
      [capabilityReasonPhrase('no handshake within 5 s'), 'no handshake within 5 s'],
      [dropped.meaningPhrase!, 'the connection ended during MAIL FROM before STARTTLS, before any answer'],
      [limitExceeded('replyLines', phrase('limit-what-reply-lines', { what: 'smtpMta' })).phrase!, 'smtpMta: a multi-line reply has too many lines: more than 1000 (limit replyLines); if the server is right, raise it with --limit replyLines=N'],
      [phrase('limit-what-body', { what: 'token endpoint' }), 'token endpoint: response body larger than allowed'],
      [phrase('limit-what-chain-length'), 'the peer presented too long a certificate chain'],
      [phrase('limit-what-certificate-size'), 'the peer presented too large a certificate'],
      [phrase('limit-what-line', { what: 'imap' }), "imap: a line of the server's is longer than allowed"],
      [phrase('limit-what-untagged-before-literal', { what: 'imap', command: 'LOGIN' }), 'imap: LOGIN got too many untagged responses before its literal could be sent'],
      [phrase('limit-what-untagged-before-tagged', { what: 'imap', command: 'LOGIN' }), 'imap: LOGIN got too many untagged responses before its tagged reply'],
      [phrase('what-smtp-session', { exchanges: phrase('list-comma', { first: 'STARTTLS', next: phrase('exchange-before-starttls', { command: 'AUTH' }) }), endpoint: 'mta' }), 'SMTP session (STARTTLS, AUTH before STARTTLS) on mta'],
      [phrase('what-on', { what: 'SMTP AUTH PLAIN', endpoint: 'submission' }), 'SMTP AUTH PLAIN on submission'],
      [phrase('what-peer-session', { endpoint: 'mta', certificate: 'peer' }), 'peer operator session on mta (certificate: peer)'],
    ];
    expect(dropped.meaning).toBe('the connection ended during MAIL FROM before STARTTLS, before any answer');
    for (const [p, english] of cases) {
      expect(typeof p).not.toBe('string');
      if (typeof p === 'string') continue;
      expect(renderPhrase(p)).toBe(english);
      expect(renderPhrase(p, fr), english).not.toBe(english);
    }
    expect(renderPhrase(phrase('rev-crl-outdated', { url, why: stale.whyPhrase }), fr)).toContain('CRL périmée');
    expect(renderPhrase(dropped.meaningPhrase!, fr)).toBe("la connexion s'est terminée pendant MAIL FROM avant STARTTLS, avant toute réponse");
    // An OpenSSL error code is no sentence: it stays as it is.
    expect(capabilityReasonPhrase('ERR_SSL_NO_PROTOCOLS_AVAILABLE')).toBe('ERR_SSL_NO_PROTOCOLS_AVAILABLE');
  });
});
