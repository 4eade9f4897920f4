import tls from 'node:tls';
import { loopbackHandshake, withLoopbackTlsServer, type LoopbackHandshake } from '../../net/loopback-tls.js';
import { selfSignedCertificate, type KeyAndCert } from '../../net/self-signed.js';
import { TLS_VERSIONS, type TlsVersion } from '../../net/tls-versions.js';
import { cachedCapability } from '../../net/capability-cache.js';
import type { TlsHandshakeError } from '../../net/errors.js';
import { handshakeFailureKind } from './handshake-failures.js';

/** A cipher suite our client offered and completed a handshake with, on a loopback server. */
export interface OfferableSuite {
  /** OpenSSL name, as given to `ciphers`. */
  openssl: string;
  /** IANA (RFC) name, as OpenSSL reports it after the handshake. */
  iana: string;
}

export interface ClientCipherCapability {
  /** By version: the suites our client can offer at that version. */
  offerable: Record<TlsVersion, OfferableSuite[]>;
  /** Candidate suites (OpenSSL names) that our client could not offer at any version: never tested on a target. */
  notOfferable: string[];
}

/** The OpenSSL cipher string that offers exactly `suites` at `version` (security level 0 below TLS 1.3). */
export function cipherString(version: TlsVersion, suites: string[]): string {
  return version === 'TLSv1.3' ? suites.join(':') : `${suites.join(':')}:@SECLEVEL=0`;
}

export function isTls13Suite(openssl: string): boolean {
  return openssl.startsWith('TLS_');
}

/** Candidate suites: what Node's OpenSSL lists (`tls.getCiphers()`), upper-cased, plus `extra` names. */
export function candidateSuites(extra: string[] = []): string[] {
  return [...new Set([...tls.getCiphers().map((c) => c.toUpperCase()), ...extra.map((c) => c.toUpperCase())])];
}

let cached: Promise<ClientCipherCapability> | undefined;
let cachedKey = '';

/**
 * Which suites our client can offer, per version, measured once per process against a loopback
 * server that accepts everything (RSA and ECDSA certificates, DHE, security level 0), by the same
 * elimination as on a target (`eliminate`), and kept for this Node/OpenSSL build in the user's
 * cache folder (src/net/capability-cache.ts). A suite a target "refuses" only means something when
 * it is in `offerable`.
 */
export function clientCipherCapability(extra: string[] = []): Promise<ClientCipherCapability> {
  const key = extra.join(':');
  if (!cached || key !== cachedKey) {
    cachedKey = key;
    const candidates = candidateSuites(extra);
    cached = cachedCapability('client-ciphers', candidates, () => measure(candidates), isCipherCapability).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
  }
  return cached;
}

function isCipherCapability(v: unknown): v is ClientCipherCapability {
  const c = v as ClientCipherCapability;
  const suite = (s: OfferableSuite): boolean => typeof s?.openssl === 'string' && typeof s.iana === 'string';
  return !!c && Array.isArray(c.notOfferable) && TLS_VERSIONS.every((ver) => Array.isArray(c.offerable?.[ver]) && c.offerable[ver].every(suite));
}

function usable(version: TlsVersion, suite: string): boolean {
  try {
    tls.createSecureContext({ ciphers: cipherString(version, [suite]), minVersion: version, maxVersion: version });
    return true;
  } catch {
    return false;
  }
}

/**
 * One RSA and one ECDSA throwaway identity for the loopback server (RSA- and ECDSA-authenticated
 * suites both need a certificate); RSA at 1024 bits: only its type matters here, and it is made fast.
 */
function loopbackIdentities(): Promise<KeyAndCert[]> {
  const now = Date.now();
  const common = { commonName: 'msscheck loopback', notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000) };
  return Promise.all([selfSignedCertificate({ ...common, keyType: 'rsa-1024' }), selfSignedCertificate({ ...common, keyType: 'ecdsa-p256' })]);
}

async function measure(candidates: string[]): Promise<ClientCipherCapability> {
  const ids = await loopbackIdentities();
  const all = candidates.filter((c) => usable('TLSv1.2', c) || usable('TLSv1.3', c));
  const legacy = all.filter((c) => !isTls13Suite(c));
  const modern = all.filter(isTls13Suite);
  const serverOptions = {
    key: ids.map((i) => i.key),
    cert: ids.map((i) => i.cert),
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1.3',
    ciphers: `${[...modern, ...legacy].join(':')}:@SECLEVEL=0`,
    dhparam: 'auto',
  } as tls.TlsOptions;
  return withLoopbackTlsServer(serverOptions, async (port) => {
    const offerable = {} as Record<TlsVersion, OfferableSuite[]>;
    await Promise.all(
      TLS_VERSIONS.map(async (v) => {
        offerable[v] = (await eliminate(v, v === 'TLSv1.3' ? modern : legacy, (suites) => offerOnLoopback(port, v, suites))).accepted;
      }),
    );
    const seen = new Set(Object.values(offerable).flatMap((l) => l.map((s) => s.openssl)));
    return { offerable, notOfferable: candidates.filter((c) => !seen.has(c)) };
  });
}

/** Why a handshake failed: the evidence for what the failed offer says about its suites. */
export type HandshakeFailureKind =
  /** The server refused the protocol version itself: every suite at that version is refused with it. */
  | 'version-refused'
  /** The server refused the offer by a handshake_failure (or insufficient_security) alert: no suite of the offer is one it accepts. */
  | 'refused-by-alert'
  /**
   * The server answered, but the handshake broke: another alert (internal_error, illegal_parameter...),
   * or parameters our client rejects (a suite the server chose but cannot complete). Conclusive for a
   * suite offered alone (it cannot be completed), not for a group (one suite may hide the others).
   */
  | 'aborted'
  /**
   * Closed in order (EOF) without an alert, in answer to the offer: how Dovecot refuses (it sends no
   * alert). A refusal of a suite offered alone when the endpoint completes other handshakes (the
   * positive control, checked by the caller); says nothing for a group.
   */
  | 'closed'
  /** Reset (RST) without an alert: the server said nothing, so nothing is known (an `error`, never a refusal). */
  | 'inconclusive'
  /** Our own client could not make the offer (Node's OpenSSL): not a refusal by the server. */
  | 'client-cannot-offer';

export interface HandshakeFailure {
  failed: HandshakeFailureKind;
  /** The TLS error or alert, as seen. */
  why: string;
}

/** The result of one handshake offering a list of suites: the suite chosen, or why it failed. */
export type HandshakeOutcome = OfferableSuite | HandshakeFailure;

export function isFailure(o: HandshakeOutcome): o is HandshakeFailure {
  return 'failed' in o;
}

/** Classifies a TLS error code / reason (OpenSSL via Node) into what it says about the offer (protocol/tls-handshake-failures.yaml). */
export function failureOf(reason: string): HandshakeFailure {
  const kind = handshakeFailureKind(reason);
  return { failed: kind, why: kind === 'closed' ? 'closed without an alert' : reason };
}

/**
 * The reason of a failed handshake, with an orderly close after our ClientHello (EOF, which Node
 * reports as ECONNRESET "disconnected before secure TLS connection") told apart from a reset, as
 * `closed`: Dovecot refuses a version it does not allow that way, without an alert.
 */
export function handshakeFailureReason(err: TlsHandshakeError): string {
  return err.reason === 'ECONNRESET' && /disconnected before secure TLS connection/i.test(err.message) ? 'closed' : err.reason;
}

/** Every suite offered at one version: accepted, refused (with why), not testable by our client, or unknown. */
export interface Enumeration {
  accepted: OfferableSuite[];
  refused: { openssl: string; why: string; kind: HandshakeFailureKind }[];
  clientCannotOffer: { openssl: string; why: string }[];
  /** Suites whose handshakes were reset without an alert, even on a second try: unknown. */
  inconclusive: { openssl: string; why: string }[];
  /**
   * The first offer (every suite of the version) was closed without an alert, twice: left to the
   * caller, for whom it is the version's refusal when the server completes another version (Dovecot
   * closes so), else inconclusive. The suites are in none of the lists above.
   */
  closedAtFirstOffer?: string;
  /** The longest chain of handshakes that each waited for the one before (parts side by side: the longest part). */
  inSequence?: number;
}

/**
 * Enumeration by elimination, the way sslyze and testssl.sh do it, that never stops early on a
 * failure which is not a refusal. Every remaining suite is offered at once; the one the server
 * chooses is accepted and dropped, and the rest offered again, until the server refuses the whole
 * group (handshake_failure, or the version itself): that refusal covers each suite of the group.
 * Any other failure (an alert such as internal_error, parameters our client rejects, a suite we did
 * not offer) says nothing about each suite, since one the server prefers but cannot complete may
 * hide the others: the group is split in two and each half enumerated the same way, down to single
 * suites, whose own failure is then theirs. A close without an alert (Dovecot's way of refusing)
 * says nothing for a group either: each suite is then offered alone, and a close is its refusal
 * when the caller sees the endpoint complete other handshakes; a close of the version's first offer
 * is tried once more, then left to the caller (`closedAtFirstOffer`). A reset is tried once more;
 * if it repeats on a single suite, that suite is `inconclusive`. With no such failure this is the
 * minimum: one handshake per accepted suite, plus one refusal.
 *
 * With `parallel`, a group whose offer was just accepted may go on as several parts enumerated side
 * by side, each ending with its own refusal: the chain of handshakes one after the other shortens,
 * at the cost of one refusal per split. The parts are dealt like cards from the suites in order of
 * how likely a server is to accept them (forward secret and AEAD first: `dealingRank`), so that the
 * suites a server accepts, often of one family and neighbours in the list, spread over the parts
 * (and an expensive key exchange, such as finite-field DHE, seldom waits behind another in one part).
 * The splits are counted in `budget`, shared by the enumerations of one endpoint (its versions): a
 * split is made only while all their splits stay within half their joint minimum known so far
 * (`SplitBudget`), so the handshakes stay within 1.5 times the minimum whatever the server accepts.
 * A part holds at least four suites: a smaller group gains a handshake or two in the chain for a
 * refusal more, and leaves the budget to a larger one (on Postfix: TLS 1.3's few suites go on as
 * one group while TLS 1.2's go on in four parts). The rules above apply to each part unchanged.
 */
export async function eliminate(
  _version: TlsVersion,
  suites: string[],
  handshake: (suites: string[]) => Promise<HandshakeOutcome>,
  options: {
    parallel?: boolean;
    /** Makes the first offer, retry included, and says how many handshakes it took (the shared first offer of a target's version). */
    first?: (suites: string[]) => Promise<[HandshakeOutcome, number]>;
    /** The splits allowed, shared with the other enumerations of the endpoint (default: this one's own). */
    budget?: SplitBudget;
  } = {},
): Promise<Enumeration> {
  const out: Enumeration = { accepted: [], refused: [], clientCannotOffer: [], inconclusive: [] };
  const budget = options.budget ?? new SplitBudget();
  const mine = budget.track(suites.length);
  const judgeFailure = (list: string[], f: HandshakeFailure): void => {
    for (const openssl of list) {
      if (f.failed === 'client-cannot-offer') out.clientCannotOffer.push({ openssl, why: f.why });
      else if (f.failed === 'inconclusive') out.inconclusive.push({ openssl, why: f.why });
      else out.refused.push({ openssl, why: f.why, kind: f.failed });
    }
  };
  let first = true;
  /** The outcome, and how many handshakes it took (a reset, or a first close, is tried twice). */
  const offer = async (list: string[]): Promise<[HandshakeOutcome, number]> => {
    if (first && options.first) return options.first(list);
    const r = await handshake(list);
    const again = isFailure(r) && (r.failed === 'inconclusive' || (r.failed === 'closed' && first));
    return again ? [await handshake(list), 2] : [r, 1];
  };
  /** Enumerates `group` after `depth` handshakes in sequence; returns the longest sequence it ended. */
  const enumerate = async (group: string[], depth: number): Promise<number> => {
    const remaining = [...group];
    while (remaining.length) {
      const [r, n] = await offer(remaining);
      depth += n;
      if (first && isFailure(r) && r.failed === 'closed') {
        out.closedAtFirstOffer = r.why;
        return depth;
      }
      first = false;
      const i = isFailure(r) ? -1 : remaining.indexOf(r.openssl);
      if (!isFailure(r) && i >= 0) {
        remaining.splice(i, 1);
        out.accepted.push(r);
        mine.accepted++;
        const parts = options.parallel ? Math.min(budget.available() + 1, Math.floor(remaining.length / MIN_PART)) : 1;
        if (parts >= 2) {
          budget.take(parts - 1);
          const ends = await Promise.all(deal(remaining, parts).map((part) => enumerate(part, depth)));
          return Math.max(...ends);
        }
        continue;
      }
      // The peer chose a suite we did not offer: it says nothing about the ones offered.
      const failure: HandshakeFailure = isFailure(r) ? r : { failed: 'aborted', why: `the server chose ${r.openssl}, which was not offered` };
      if (failure.failed === 'version-refused' || failure.failed === 'refused-by-alert' || remaining.length === 1) {
        judgeFailure(remaining, failure);
        return depth;
      }
      if (failure.failed === 'closed') {
        for (const openssl of remaining) depth = await enumerate([openssl], depth);
        return depth;
      }
      const half = Math.ceil(remaining.length / 2);
      depth = await enumerate(remaining.slice(0, half), depth);
      return enumerate(remaining.slice(half), depth);
    }
    return depth;
  };
  out.inSequence = await enumerate(suites, 0);
  return out;
}

/** The fewest suites a part of a split holds (`eliminate`). */
const MIN_PART = 4;

/**
 * The splits that the enumerations of one endpoint (its versions) may make together. Each split
 * costs at most one refusal more than the minimum, so `splits <= minimum / 2` keeps the handshakes
 * within 1.5 times the minimum. The minimum is not known until the end; what is known so far is a
 * lower bound of it: a version with `accepted` suites accepted out of `suites` will make at least
 * `accepted + 1` handshakes (one more acceptance, or a refusal), unless every suite is accepted.
 */
export class SplitBudget {
  private splits = 0;
  private readonly versions: { accepted: number; suites: number }[] = [];

  /** An enumeration of `suites` suites joins; it counts its accepted suites in what is returned. */
  track(suites: number): { accepted: number } {
    const v = { accepted: 0, suites };
    this.versions.push(v);
    return v;
  }

  /** How many more splits can be made now. */
  available(): number {
    const known = this.versions.reduce((n, v) => n + Math.min(v.accepted + 1, v.suites), 0);
    return Math.max(0, Math.floor(known / 2) - this.splits);
  }

  take(n: number): void {
    this.splits += n;
  }
}

/**
 * How likely a server is to accept a suite, for dealing the parts (0 first): forward secret and
 * AEAD, then one of the two, then neither, then NULL or anonymous suites. Only an order: no verdict
 * depends on it.
 */
export function dealingRank(openssl: string): number {
  if (/NULL|ANON|EXP|ADH|AECDH/.test(openssl)) return 3;
  if (isTls13Suite(openssl)) return 0;
  const forwardSecret = /^(ECDHE|DHE|EDH)-/.test(openssl);
  const aead = /GCM|CHACHA20|CCM/.test(openssl);
  return (forwardSecret ? 0 : 1) + (aead ? 0 : 1);
}

/** `suites` dealt into `parts` parts, in `dealingRank` order (the list's own order among equals). */
export function deal(suites: string[], parts: number): string[][] {
  const ordered = suites.map((s, i) => [dealingRank(s), i, s] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: string[][] = Array.from({ length: parts }, () => []);
  ordered.forEach(([, , s], k) => out[k % parts]!.push(s));
  return out;
}

async function offerOnLoopback(port: number, version: TlsVersion, suites: string[]): Promise<HandshakeOutcome> {
  let r: LoopbackHandshake;
  try {
    r = await loopbackHandshake(port, { minVersion: version, maxVersion: version, ciphers: cipherString(version, suites) });
  } catch (err) {
    return { failed: 'client-cannot-offer', why: (err as Error).message }; // options tls.connect refuses outright
  }
  if (!r.ok) return failureOf(r.reason);
  return r.protocol === version ? { openssl: r.cipher.name, iana: r.cipher.standardName || r.cipher.name } : { failed: 'version-refused', why: `negotiated ${r.protocol}` };
}
