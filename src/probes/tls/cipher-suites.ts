import { resolveMailEndpoint, type ResolvedMailEndpoint } from '../../net/endpoints.js';
import { TlsHandshakeError } from '../../net/errors.js';
import { tlsHandshakeInfo } from '../../net/tls-session.js';
import { TLS_VERSIONS, type TlsVersion } from '../../net/tls-versions.js';
import { targetPath } from '../../target/profile.js';
import { InputError } from '../../util/input-error.js';
import { ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { cipherString, clientCipherCapability, eliminate, type HandshakeOutcome, type OfferableSuite } from './cipher-capability.js';
import { loadCipherPolicy, type CipherVerdict, type LoadedCipherPolicy } from './cipher-policy.js';

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
  /** Version/suite pairs actually offered to the target. */
  testedPairs: number;
  handshakes: number;
}

/** The policy for this run: explicit input, else the target's `cipherPolicy`, else the default. */
export function cipherPolicyFor(input: { policy?: string }, ctx: ProbeContext): LoadedCipherPolicy {
  const p = input.policy ?? ctx.target.profile.cipherPolicy;
  try {
    return loadCipherPolicy(p ? targetPath(ctx.target, p) : undefined);
  } catch (err) {
    if (err instanceof InputError) throw new ProbeError('EINPUT', `cipher policy: ${err.message}`);
    throw err;
  }
}

/**
 * Which cipher suites an endpoint accepts, per TLS version, judged against a cipher policy. For
 * each version, every suite our client can offer is offered at once; the one the server chooses is
 * accepted and dropped, until the server refuses the rest (N+1 handshakes for N accepted suites).
 * Versions run concurrently, each handshake holding one of the endpoint's slots.
 */
export const cipherSuitesProbe: Probe<CipherSuitesInput, CipherSuitesFacts> = {
  name: 'tls.cipher-suites',
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
    const transcript = ctx.transcript(`cipher suite enumeration on ${ep.label}`);
    const handshake = (version: TlsVersion) => async (suites: string[]): Promise<HandshakeOutcome> => {
      handshakes++;
      return ctx.withEndpointSlot(ep.key, () => offer(ep, version, suites, ctx, transcript));
    };
    const perVersion = await Promise.all(versions.map(async (v) => ({ version: v, accepted: await eliminate(v, capability.offerable[v].map((s) => s.openssl), handshake(v)) })));
    const accepted: AcceptedSuite[] = perVersion.flatMap(({ version, accepted: list }) => list.map((s) => ({ protocol: version, cipher: s.iana, openssl: s.openssl, ...policy.judge(version, s.iana) })));
    const rows = perVersion.flatMap(({ version, accepted: list }) =>
      capability.offerable[version].map((s: OfferableSuite) => {
        const hit = list.find((a) => a.openssl === s.openssl);
        if (!hit) return { protocol: version, cipher: s.iana, accepted: false, verdict: 'n/a' as const, note: `refused (policy: ${policy.judge(version, s.iana).verdict})` };
        const j = policy.judge(version, s.iana);
        return { protocol: version, cipher: s.iana, accepted: true, verdict: j.verdict, ...(j.verdict === 'ok' ? {} : { note: j.why }) };
      }),
    );
    for (const name of capability.notOfferable) rows.push({ protocol: 'any' as TlsVersion, cipher: name, accepted: false, verdict: 'n/a', note: "not tested: this msscheck client (Node's OpenSSL) cannot offer it" });
    ctx.evidence('tls-table', `TLS versions and cipher suites of ${ep.label} (policy ${policy.id})`, { endpoint: ep.name, policy: policy.id, rows });
    const label = (a: AcceptedSuite): string => `${a.protocol} ${a.cipher}`;
    return {
      endpoint: ep.name,
      policy: { id: policy.id, path: policy.path, assumption: policy.assumption ?? null },
      versionsAccepted: versions.filter((v) => accepted.some((a) => a.protocol === v)),
      accepted,
      acceptedForbidden: accepted.filter((a) => a.verdict === 'forbidden').map(label),
      acceptedWeak: accepted.filter((a) => a.verdict === 'weak').map(label),
      notTested: capability.notOfferable,
      testedPairs: versions.reduce((n, v) => n + capability.offerable[v].length, 0),
      handshakes,
    };
  },
};

async function offer(ep: ResolvedMailEndpoint, version: TlsVersion, suites: string[], ctx: ProbeContext, transcript: ReturnType<ProbeContext['transcript']>): Promise<HandshakeOutcome> {
  try {
    const tls = await tlsHandshakeInfo(ep, { minVersion: version, maxVersion: version, ciphers: cipherString(version, suites) }, ctx, transcript);
    if (tls.protocol !== version) return null;
    return { openssl: tls.cipher.name, iana: tls.cipher.standardName || tls.cipher.name };
  } catch (err) {
    if (err instanceof TlsHandshakeError) return null;
    throw err;
  }
}
