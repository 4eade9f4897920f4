import { resolveMailEndpoint, type ResolvedMailEndpoint } from '../../net/endpoints.js';
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { capabilityReasonPhrase, clientTlsCapability } from '../../net/tls-capability.js';
import { offerExactly, TLS_VERSIONS, type TlsVersion } from '../../net/tls-versions.js';
import { closedTwiceRefusal, firstOffer, targetCapability, versionOffer } from './shared-handshake.js';
import { failureOf, type ClientCipherCapability } from './cipher-capability.js';
import { ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { tlsVersionsFacts } from './facts-schemas.js';

export interface TlsVersionsInput {
  /** Mail endpoint name in the target profile (smtpMta, smtpSubmission, imap). */
  endpoint: string;
  /** Versions to try (default: all four). */
  versions?: TlsVersion[];
  /**
   * When our client cannot offer a requested version: `error` (default) fails the step with
   * ECLIENT_UNSUPPORTED; `report` lists it in `clientUnsupported` and goes on.
   */
  onClientUnsupported?: 'error' | 'report';
}

export interface TlsVersionAttempt {
  version: TlsVersion;
  accepted: boolean;
  cipher?: string;
  /** Why the handshake failed (OpenSSL reason, or `closed`). */
  reason?: string;
}

export interface TlsVersionsFacts extends Facts {
  endpoint: string;
  accepted: TlsVersion[];
  refused: TlsVersion[];
  /** Versions not tried because this client cannot offer them (only with onClientUnsupported: report). */
  clientUnsupported: TlsVersion[];
  attempts: TlsVersionAttempt[];
}

/**
 * Which TLS versions the endpoint accepts: one handshake per version, offering exactly that version
 * with every suite our client can offer at it (after STARTTLS on a STARTTLS endpoint), at most as
 * many at once as the endpoint's slots allow; the same handshake as the cipher enumeration's first
 * offer at that version, made once per run (shared-handshake.ts).
 * "Refused" means the server refused: versions our client cannot offer are never tried.
 */
export const tlsVersionsProbe: Probe<TlsVersionsInput, TlsVersionsFacts> = {
  name: 'tls.versions',
  facts: tlsVersionsFacts,
  summary: 'TLS versions the endpoint accepts and refuses (one handshake per version)',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: {
      endpoint: { type: 'string', minLength: 1 },
      versions: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...TLS_VERSIONS] } },
      onClientUnsupported: { enum: ['error', 'report'] },
    },
  },
  async run(input, ctx) {
    const ep = resolveMailEndpoint(ctx.target.profile, input.endpoint);
    const wanted = input.versions ?? [...TLS_VERSIONS];
    const capability = await clientTlsCapability();
    const unsupported = wanted.filter((v) => !capability.supported.includes(v));
    if (unsupported.length && (input.onClientUnsupported ?? 'error') === 'error') {
      const reasons = capability.unsupported.filter((u) => unsupported.includes(u.version)).map((u): string | Phrase => phrase('tls-cap-version-reason', { version: u.version, reason: capabilityReasonPhrase(u.reason) }));
      const why = reasons.length ? reasons.reduce((all, p) => phrase('list-semicolon', { first: all, next: p })) : '';
      throw new ProbeError('ECLIENT_UNSUPPORTED', phrase('pe-client-cannot-offer', { versions: unsupported.join(', '), why }));
    }
    const tried = wanted.filter((v) => capability.supported.includes(v));
    const suites = await targetCapability(ctx);
    const attempts = await Promise.all(tried.map((v) => attempt(ep, v, suites, ctx)));
    // Closed without an alert, twice, while another version completes: the version's refusal (Dovecot's way).
    const completing = closedTwiceRefusal(attempts.filter((a) => a.accepted).map((a) => a.version));
    for (const a of attempts) {
      if (a.inconclusive && a.closed && completing) {
        a.inconclusive = undefined;
        a.reason = `closed without an alert, twice, while ${completing} completes: refused`;
      }
    }
    ctx.evidence('tls-table', phrase('ev-tls-versions', { endpoint: ep.label }), {
      endpoint: ep.name,
      rows: attempts.map((a) => ({ protocol: a.version, cipher: a.cipher ?? '', accepted: a.accepted, verdict: 'n/a', ...(a.reason ? { note: a.reason } : {}) })),
    });
    const unknown = attempts.filter((a) => a.inconclusive);
    if (unknown.length) throw new ProbeError('EINCONCLUSIVE', phrase('tls-versions-inconclusive', { what: ep.label, versions: unknown.map((a) => a.version).join(', ') }));
    return {
      endpoint: ep.name,
      accepted: attempts.filter((a) => a.accepted).map((a) => a.version),
      refused: attempts.filter((a) => !a.accepted).map((a) => a.version),
      clientUnsupported: unsupported,
      attempts: attempts.map(({ inconclusive: _i, closed: _c, ...a }) => a),
    };
  },
};

/**
 * One handshake offering exactly `version` with every suite our client can offer at it: the
 * version's first offer, shared with the cipher enumeration (`firstOffer`). A reset or close without
 * an alert says nothing: it is tried once more, and if it repeats the attempt is `inconclusive` (the
 * step's error), except a close (EOF) while another version completes: the version's refusal.
 */
async function attempt(ep: ResolvedMailEndpoint, version: TlsVersion, capability: ClientCipherCapability, ctx: ProbeContext): Promise<TlsVersionAttempt & { inconclusive?: true; closed?: boolean }> {
  const transcript = ctx.transcript(phrase('ev-tls-handshake', { version, endpoint: ep.label }));
  const suites = capability.offerable[version].map((s) => s.openssl);
  const options = suites.length ? versionOffer(version, suites) : offerExactly(version);
  const r = await firstOffer(ep, options, ctx, transcript);
  if ('tls' in r) {
    if (r.tls.protocol !== version) return { version, accepted: false, reason: `negotiated ${r.tls.protocol} instead` };
    return { version, accepted: true, cipher: r.tls.cipher.standardName || r.tls.cipher.name };
  }
  const kind = failureOf(r.reason).failed;
  if (kind !== 'inconclusive' && kind !== 'closed') return { version, accepted: false, reason: r.error.reason };
  return { version, accepted: false, reason: `inconclusive: ${r.reason === 'closed' ? 'closed' : 'reset'} without an alert, twice (${r.error.reason})`, inconclusive: true, closed: r.reason === 'closed' };
}
