/**
 * TLS handshakes made once per run and shared by the scenarios that need the same one: the versions
 * probe's handshake at a version is the cipher enumeration's first offer at that version, and the
 * certificate probes take the chain from the handshake a default client would make (TLS 1.3, else
 * 1.2, every suite our client can offer). Each step that uses a shared handshake gets its transcript
 * lines replayed into its own transcript, the same whichever step made it, so a scenario's evidence
 * does not depend on the order scenarios ran in.
 */
import { createHash } from 'node:crypto';
import type { ResolvedMailEndpoint } from '../../net/endpoints.js';
import { TlsHandshakeError } from '../../net/errors.js';
import type { TlsClientOptions } from '../../net/line-connection.js';
import type { TlsInfo } from '../../net/tls-info.js';
import { tlsHandshakeInfo } from '../../net/tls-session.js';
import type { TlsVersion } from '../../net/tls-versions.js';
import { ProbeError, type ProbeContext, type Transcript } from '../types.js';
import { cipherString, clientCipherCapability, failureOf, handshakeFailureReason, type ClientCipherCapability } from './cipher-capability.js';
import { cipherPolicyFor } from './cipher-policy.js';

type Line = ['client' | 'server' | 'note', string];
type Record_ = { lines: Line[]; info?: TlsInfo; error?: TlsHandshakeError };

/** The first line of a shared handshake's transcript (benchmarks count each `id` once). */
export const SHARED_MARK = '*: shared handshake #';

/**
 * One handshake with `ep` offering `options`, made once per run (holding one of the endpoint's
 * slots) and replayed into `transcript`. A refused handshake throws its TlsHandshakeError to every
 * step that asks; a timeout or abort is not kept (the next step asking tries again).
 */
export async function sharedTlsHandshake(ep: ResolvedMailEndpoint, options: Pick<TlsClientOptions, 'minVersion' | 'maxVersion' | 'ciphers'>, ctx: ProbeContext, transcript: Transcript, attempt = 1): Promise<TlsInfo> {
  const key = `tls ${ep.key} ${ep.security} ${ep.expectedName} ${JSON.stringify(options)}${attempt > 1 ? ` attempt ${attempt}` : ''}`;
  const id = createHash('sha256').update(key).digest('hex').slice(0, 10);
  const perform = async (): Promise<Record_> => {
    const lines: Line[] = [['note', `shared handshake #${id} (made once in this run, for every scenario that needs it)`]];
    const recorder: Transcript = { client: (l) => lines.push(['client', l]), server: (l) => lines.push(['server', l]), note: (l) => lines.push(['note', l]) };
    try {
      return { lines, info: await ctx.withEndpointSlot(ep.key, () => tlsHandshakeInfo(ep, options, ctx, recorder)) };
    } catch (err) {
      if (err instanceof TlsHandshakeError) return { lines, error: err };
      replay(lines, transcript);
      throw err;
    }
  };
  let mine = false;
  let rec: Record_;
  try {
    rec = await ctx.once(key, () => ((mine = true), perform()));
  } catch (err) {
    // Made by another step whose own deadline cut it short (that step ended or timed out): not an
    // answer of the server, so this step makes the handshake itself.
    if (mine || ctx.signal.aborted || !(err instanceof ProbeError) || err.code !== 'ETIMEDOUT_OVERALL') throw err;
    rec = await ctx.once(key, perform);
  }
  replay(rec.lines, transcript);
  if (rec.error) throw rec.error;
  return rec.info!;
}

function replay(lines: Line[], transcript: Transcript): void {
  for (const [kind, line] of lines) transcript[kind](line);
}

/** A version's first offer: the handshake, or its failure (with `handshakeFailureReason`'s reason) after the retry. */
export type FirstOffer = { tls: TlsInfo; handshakes: number } | { error: TlsHandshakeError; reason: string; handshakes: number };

/**
 * A version's first offer (`options`: exactly the version, every suite our client can offer at it),
 * made the same way for the versions probe and the cipher enumeration: a shared handshake, and when
 * the server resets or closes without an alert (which says nothing yet), one shared retry. Between
 * them the two probes make at most two handshakes. A failure after the retry is the caller's to
 * judge: a close twice is the version's refusal when another version completes (`closedTwiceRefusal`).
 */
export async function firstOffer(ep: ResolvedMailEndpoint, options: Pick<TlsClientOptions, 'minVersion' | 'maxVersion' | 'ciphers'>, ctx: ProbeContext, transcript: Transcript): Promise<FirstOffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { tls: await sharedTlsHandshake(ep, options, ctx, transcript, attempt), handshakes: attempt };
    } catch (err) {
      if (!(err instanceof TlsHandshakeError)) throw err;
      const reason = handshakeFailureReason(err);
      const kind = failureOf(reason).failed;
      if (attempt > 1 || (kind !== 'inconclusive' && kind !== 'closed')) return { error: err, reason, handshakes: attempt };
    }
  }
}

/**
 * A version whose first offer was closed without an alert, twice: refused when the endpoint
 * completes another version (the positive control that it speaks TLS to us: Dovecot refuses a
 * version so), else unknown. Returns the versions that complete, or undefined when none does.
 */
export function closedTwiceRefusal(completing: readonly TlsVersion[]): string | undefined {
  return completing.length ? completing.join(', ') : undefined;
}

/**
 * The offer a version is first tried with, by the versions probe and by the cipher enumeration
 * alike: exactly `version`, with every suite our client can offer at it (`suites`).
 */
export function versionOffer(version: TlsVersion, suites: string[]): Pick<TlsClientOptions, 'minVersion' | 'maxVersion' | 'ciphers'> {
  return { minVersion: version, maxVersion: version, ciphers: cipherString(version, suites) };
}

/**
 * What our client can offer to this target: the candidates include the extra ones of the target's
 * cipher policy, as the cipher enumeration's do, so that the first offers are the same handshakes.
 * A policy that does not load is reported by the cipher scenario; here its extras are left out.
 */
export function targetCapability(ctx: ProbeContext): Promise<ClientCipherCapability> {
  let extra: string[] = [];
  try {
    extra = cipherPolicyFor({}, ctx).extraCandidates ?? [];
  } catch {
    /* reported by TLS-CIPHER-SUITES */
  }
  return clientCipherCapability(extra);
}

/**
 * The handshake a default client makes, for the certificate it is shown: TLS 1.3 with every suite
 * our client offers, else TLS 1.2 (what a client offering both would negotiate), shared with the
 * TLS scenarios' handshakes at those versions. When both are refused, the TLS 1.2 refusal.
 */
export async function certificateHandshake(ep: ResolvedMailEndpoint, ctx: ProbeContext, transcript: Transcript): Promise<TlsInfo> {
  const capability = await targetCapability(ctx);
  const offer = (v: TlsVersion) => versionOffer(v, capability.offerable[v].map((s) => s.openssl));
  try {
    if (capability.offerable['TLSv1.3'].length) return await sharedTlsHandshake(ep, offer('TLSv1.3'), ctx, transcript);
  } catch (err) {
    if (!(err instanceof TlsHandshakeError)) throw err;
  }
  return sharedTlsHandshake(ep, offer('TLSv1.2'), ctx, transcript);
}
