import { resolveMailEndpoint, type ResolvedMailEndpoint } from '../../net/endpoints.js';
import { phrase } from '../../i18n/phrase.js';
import { TlsHandshakeError } from '../../net/errors.js';
import { tlsHandshakeInfo } from '../../net/tls-session.js';
import { TLS_VERSIONS, type TlsVersion } from '../../net/tls-versions.js';
import { ProbeError, type Facts, type Probe, type ProbeContext, type Transcript } from '../types.js';
import { clientCipherCapability, handshakeFailureReason, eliminate, SplitBudget, failureOf, type HandshakeFailure, type HandshakeFailureKind, type HandshakeOutcome, type OfferableSuite } from './cipher-capability.js';
import { cipherPolicyFor, type CipherVerdict, type LoadedCipherPolicy } from './cipher-policy.js';
import { cipherSuitesFacts } from './facts-schemas.js';
import { closedTwiceRefusal, firstOffer, versionOffer } from './shared-handshake.js';
import type { TlsInfo } from '../../net/tls-info.js';

export interface CipherSuitesInput {
  endpoint: string;
  /** Versions to enumerate (default: all four). */
  versions?: TlsVersion[];
  /** Cipher policy file; default: the target profile's `cipherPolicy`, else the built-in ANSSI-based policy. */
  policy?: string;
}

export interface AcceptedSuite {
  protocol: TlsVersion;
  cipher: string;
  openssl: string;
  verdict: CipherVerdict;
  why: string;
}

export interface CipherSuitesFacts extends Facts {
  endpoint: string;
  policy: { id: string; path: string; assumption: string | null };
  versionsAccepted: TlsVersion[];
  accepted: AcceptedSuite[];
  /** `<version> <IANA suite>` accepted although the policy forbids it (suite or version). */
  acceptedForbidden: string[];
  acceptedWeak: string[];
  /** Suites our client could not offer (OpenSSL names): not tested, never counted as refused. */
  notTested: string[];
  /**
   * The suites our client cannot offer, judged by the policy on their IANA name where OpenSSL's
   * name gives it: `forbidden`/`weak` ones are those whose acceptance msscheck could not check.
   */
  notTestedByPolicy: { suite: string; verdict: CipherVerdict | 'unknown'; why: string }[];
  /** Version/suite pairs actually offered to the target. */
  testedPairs: number;
  handshakes: number;
}

/**
 * Which cipher suites an endpoint accepts, per TLS version, judged against a cipher policy. For
 * each version, every suite our client can offer is offered at once; the one the server chooses is
 * accepted and dropped, until the server refuses the rest (N+1 handshakes for N accepted suites;
 * `eliminate` says what happens when a handshake fails otherwise). A suite whose handshake was reset
 * twice without an answer makes the step an `error` (EINCONCLUSIVE), after the table is recorded.
 * Versions run concurrently, and within a version the remaining suites go on in parts side by side
 * once enough are accepted (`eliminate`'s `parallel`; the versions share one `SplitBudget`, so the
 * endpoint's handshakes stay within 1.5 times its minimum), each handshake holding one of the
 * endpoint's slots.
 */
export const cipherSuitesProbe: Probe<CipherSuitesInput, CipherSuitesFacts> = {
  name: 'tls.cipher-suites',
  facts: cipherSuitesFacts,
  summary: 'Cipher suites the endpoint accepts per TLS version, judged against the cipher policy (suites our client cannot offer: not tested)',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['endpoint'],
    properties: {
      endpoint: { type: 'string', minLength: 1 },
      versions: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...TLS_VERSIONS] } },
      policy: { type: 'string', minLength: 1 },
    },
  },
  async run(input, ctx) {
    const ep = resolveMailEndpoint(ctx.target.profile, input.endpoint);
    const policy = cipherPolicyFor(input, ctx);
    const capability = await clientCipherCapability(policy.extraCandidates);
    const versions = input.versions ?? [...TLS_VERSIONS];
    let handshakes = 0;
    const transcript = ctx.transcript(phrase('ev-cipher-enumeration', { endpoint: ep.label }));
    const handshake = (version: TlsVersion) => async (suites: string[]): Promise<HandshakeOutcome> => {
      handshakes++;
      return offer(ep, version, suites, ctx, transcript);
    };
    // The first offer at a version (every suite), and its retry, are the versions probe's handshakes: made once per run.
    const first = (version: TlsVersion) => async (suites: string[]): Promise<[HandshakeOutcome, number]> => {
      const r = await firstOffer(ep, versionOffer(version, suites), ctx, transcript);
      handshakes += r.handshakes;
      return ['tls' in r ? outcome(version, r.tls) : failure(version, suites, r.reason, transcript), r.handshakes];
    };
    // The versions share one budget of splits: within 1.5 times the minimum of the whole endpoint.
    const budget = new SplitBudget();
    const perVersion = await Promise.all(
      versions.map(async (v) => {
        const e = await eliminate(v, capability.offerable[v].map((s) => s.openssl), handshake(v), { parallel: true, first: first(v), budget });
        return { version: v, accepted: e.accepted, refused: e.refused, clientCannotOffer: e.clientCannotOffer, inconclusive: e.inconclusive, closed: e.closedAtFirstOffer !== undefined, inSequence: e.inSequence ?? 0 };
      }),
    );
    // A version whose every-suite offer was closed without an alert, twice: refused when the server
    // completes another version (the positive control: it speaks TLS to us), else unknown.
    const completing = closedTwiceRefusal(perVersion.filter((p) => p.accepted.length).map((p) => p.version));
    // A suite closed without an alert is refused only when the endpoint completes some handshake.
    if (!completing) {
      for (const p of perVersion) {
        p.inconclusive.push(...p.refused.filter((r) => r.kind === 'closed').map((r) => ({ openssl: r.openssl, why: `${r.why}, and no version completes` })));
        p.refused = p.refused.filter((r) => r.kind !== 'closed');
      }
    }
    for (const p of perVersion.filter((x) => x.closed)) {
      const suites = capability.offerable[p.version].map((s) => s.openssl);
      if (completing) for (const openssl of suites) p.refused.push({ openssl, kind: 'version-refused', why: `closed without an alert when offered ${p.version}, twice, while ${completing} completes` });
      else for (const openssl of suites) p.inconclusive.push({ openssl, why: 'closed without an alert, twice, and no version completes' });
    }
    const accepted: AcceptedSuite[] = perVersion.flatMap(({ version, accepted: list }) => list.map((s) => ({ protocol: version, cipher: s.iana, openssl: s.openssl, ...policy.judge(version, s.iana) })));
    const rows = perVersion.flatMap(({ version, accepted: list, refused, clientCannotOffer, inconclusive }) =>
      capability.offerable[version].map((s: OfferableSuite) => {
        const hit = list.find((a) => a.openssl === s.openssl);
        const unknown = inconclusive.find((c) => c.openssl === s.openssl);
        if (unknown) return { protocol: version, cipher: s.iana, accepted: false, verdict: 'n/a' as const, note: `inconclusive: the server reset or closed the connection without an answer (${unknown.why})` };
        const cannot = clientCannotOffer.find((c) => c.openssl === s.openssl);
        if (cannot) return { protocol: version, cipher: s.iana, accepted: false, verdict: 'n/a' as const, note: `not tested: our client could not offer it to this server (${cannot.why})` };
        const no = refused.find((r) => r.openssl === s.openssl);
        if (!hit) return { protocol: version, cipher: s.iana, accepted: false, verdict: 'n/a' as const, note: `refused${no ? ` (${REFUSAL_WORDS[no.kind]}: ${no.why})` : ''} (policy: ${policy.judge(version, s.iana).verdict})` };
        const j = policy.judge(version, s.iana);
        return { protocol: version, cipher: s.iana, accepted: true, verdict: j.verdict, ...(j.verdict === 'ok' ? {} : { note: j.why }) };
      }),
    );
    const notTestedByPolicy = judgeNotTested(capability.notOfferable, policy);
    for (const n of notTestedByPolicy) {
      const matters = n.verdict === 'forbidden' || n.verdict === 'weak' ? `the policy says ${n.verdict}: its acceptance is unchecked` : n.verdict === 'ok' ? 'the policy allows it' : 'the policy cannot judge it';
      rows.push({ protocol: 'any' as TlsVersion, cipher: n.suite, accepted: false, verdict: 'n/a', note: `not tested: this msscheck client (Node's OpenSSL) cannot offer it; ${matters}` });
    }
    ctx.evidence('tls-table', phrase('ev-cipher-table', { endpoint: ep.label, policy: policy.id }), { endpoint: ep.name, policy: policy.id, rows, handshakesInSequence: Math.max(0, ...perVersion.map((p) => p.inSequence)) });
    const unknown = perVersion.flatMap((p) => p.inconclusive.map((c) => `${p.version} ${c.openssl}`));
    if (unknown.length) throw new ProbeError('EINCONCLUSIVE', phrase('tls-suites-inconclusive', { what: ep.label, count: unknown.length, suites: unknown.join(', ') }));
    const label = (a: AcceptedSuite): string => `${a.protocol} ${a.cipher}`;
    return {
      endpoint: ep.name,
      policy: { id: policy.id, path: policy.path, assumption: policy.assumption ?? null },
      versionsAccepted: versions.filter((v) => accepted.some((a) => a.protocol === v)),
      accepted,
      acceptedForbidden: accepted.filter((a) => a.verdict === 'forbidden').map(label),
      acceptedWeak: accepted.filter((a) => a.verdict === 'weak').map(label),
      notTested: [...capability.notOfferable, ...perVersion.flatMap((p) => p.clientCannotOffer.map((c) => `${p.version} ${c.openssl}`))],
      notTestedByPolicy,
      testedPairs: versions.reduce((n, v) => n + capability.offerable[v].length, 0),
      handshakes,
    };
  },
};

const REFUSAL_WORDS: Record<HandshakeFailureKind, string> = {
  'version-refused': 'the version was refused',
  'refused-by-alert': 'refused by an alert',
  aborted: 'handshake aborted when offered alone',
  closed: 'closed without an alert when offered alone',
  inconclusive: 'no answer',
  'client-cannot-offer': 'our client could not offer it',
};

/**
 * Judges suites our client cannot offer by the policy, on the IANA name derived from OpenSSL's
 * (the families it cannot offer: ARIA, CAMELLIA, CCM, SEED...); `unknown` when no name is derived.
 */
function judgeNotTested(names: string[], policy: LoadedCipherPolicy): CipherSuitesFacts['notTestedByPolicy'] {
  return names.map((suite) => {
    const iana = ianaGuess(suite);
    if (!iana) return { suite, verdict: 'unknown' as const, why: 'no IANA name known for this OpenSSL name' };
    const j = policy.judgeSuite(iana);
    return { suite, verdict: j.verdict, why: `${iana}: ${j.why}` };
  });
}

/** The IANA-style name of an OpenSSL suite name, enough for the policy's patterns (mode, hash, key exchange). */
export function ianaGuess(openssl: string): string | null {
  if (openssl.startsWith('TLS_')) return openssl;
  const parts = openssl.split('-');
  const kx = /^(ECDHE|DHE|PSK|RSA|SRP|ECDH|DH)$/.test(parts[0]!) ? parts.shift()! : 'RSA';
  const au = /^(RSA|ECDSA|PSK|DSS)$/.test(parts[0] ?? '') ? parts.shift()! : kx === 'RSA' ? '' : 'RSA';
  const cipher = parts.join('_');
  if (!cipher) return null;
  const mode = /GCM|CCM|CHACHA/.test(cipher) ? cipher : cipher.replace(/_(SHA\d*)$/, '_CBC_$1');
  return `TLS_${kx}${au ? `_${au}` : ''}_WITH_${mode}`;
}

/** One offer of `suites` at `version` after the first (not shared; the peer's chain is not read). */
async function offer(ep: ResolvedMailEndpoint, version: TlsVersion, suites: string[], ctx: ProbeContext, transcript: Transcript): Promise<HandshakeOutcome> {
  try {
    return outcome(version, await ctx.withEndpointSlot(ep.key, () => tlsHandshakeInfo(ep, { ...versionOffer(version, suites), peerChain: false }, ctx, transcript)));
  } catch (err) {
    if (err instanceof TlsHandshakeError) return failure(version, suites, handshakeFailureReason(err), transcript);
    throw err;
  }
}

/** What a completed handshake says of the offer: the suite chosen, or the version refused. */
function outcome(version: TlsVersion, tls: TlsInfo): HandshakeOutcome {
  if (tls.protocol !== version) return { failed: 'version-refused', why: `negotiated ${tls.protocol}` };
  return { openssl: tls.cipher.name, iana: tls.cipher.standardName || tls.cipher.name };
}

/** What a failed handshake says of the offer (noted in the transcript). */
function failure(version: TlsVersion, suites: string[], reason: string, transcript: Transcript): HandshakeFailure {
  const f = failureOf(reason);
  transcript.note(`offer of ${suites.length} suite(s) at ${version} failed: ${f.failed} (${f.why})`);
  return f;
}
