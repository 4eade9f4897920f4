import type { Evidence, EvidenceKind, ObservedMethod } from '../model/result.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import type { Redactor } from '../util/redact.js';
import type { ResolvedTarget } from '../target/profile.js';
import type { SecretResolver } from '../target/secrets.js';
import type { SandboxLink } from '../sandbox/types.js';
import type { Policy } from '../policy/types.js';
import type { FactsSchema } from './facts-schema.js';
import type { OidcRun } from './oidc/oidc-run.js';

/** Connect, idle and overall timeouts in milliseconds. Every network action honours all three. */
export interface Timeouts {
  connectMs: number;
  idleMs: number;
  overallMs: number;
}

/** A protocol transcript being captured. Every line is redacted before it is kept. */
export interface Transcript {
  client(line: string): void;
  server(line: string): void;
  note(line: string): void;
}

/** What the engine hands a probe: the target, the clock, the limits and the evidence sinks. */
export interface ProbeContext {
  target: ResolvedTarget;
  /** The as-of date: every judgement about time uses this, never the wall clock. */
  asOf: Date;
  timeouts: Timeouts;
  /** Aborted when the step's overall timeout expires or the run is interrupted. */
  signal: AbortSignal;
  redactor: Redactor;
  secrets: SecretResolver;
  /** Starts a redacted transcript recorded as evidence of the current step. */
  transcript(title: string | Phrase): Transcript;
  /** Records a piece of evidence (it is redacted on the way in). */
  evidence(kind: EvidenceKind, title: string | Phrase, data: unknown): void;
  /**
   * `fn()` once per run for `key`: every step of the run (any scenario) asking the same key gets the
   * same promise. For exchanges whose answer does not depend on who asks (a TLS handshake with the
   * same offer); a rejected promise is forgotten, so a later step tries again.
   */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` holding one of the per-endpoint concurrency slots of `endpointKey` (`host:port`); waiters are served longest scenario chain first. */
  withEndpointSlot<T>(endpointKey: string, fn: () => Promise<T>): Promise<T>;
  /** Records an authentication method the target was seen to accept (policy means id). */
  observeMethod(method: Omit<ObservedMethod, 'detail'> & { detail: string | Phrase }): void;
  /** Every method the run's finished scenarios saw the target accept (complete in `final` scenarios). */
  observedSoFar(): ObservedMethod[];
  /** Verdict strength of the run (`--strict`), for probes that judge rules themselves (message lint). */
  strength?: import('../engine/verdict-strength.js').StrengthOptions;
  /** The run's deadline policy (dated rules such as the INS derogation). */
  policy?: Policy;
  /** This run's OIDC state: token vault, progress hook, CIBA requests per person (one per target's run). */
  oidc: OidcRun;
  /** This run's CRL downloads (absent: every CRL is fetched each time). */
  crlCache?: import('../x509/crl-cache.js').CrlCache;
  /** What the run may ask the built-in sandbox (in this thread or in its worker), when it is the target. */
  sandbox?: SandboxLink;
}

/** Facts a probe returns: plain JSON data, examined by the scenario's assertions. */
export type Facts = Record<string, unknown>;

/**
 * A probe gathers facts and evidence about one thing; it never decides conformance.
 * `inputSchema` is the JSON Schema of the step's `with` block (checked after templates resolve);
 * `facts` declares what `run` returns (src/probes/facts-schema.ts): scenarios are checked against it
 * when they are loaded, and what the probe returns is checked against it when it runs.
 */
export interface Probe<I = any, F extends Facts = Facts> {
  /** `family.name`, e.g. `smtp.session`. */
  name: string;
  summary: string;
  inputSchema: object;
  facts: FactsSchema;
  run(input: I, ctx: ProbeContext): Promise<F>;
}

/** How a probe failure maps to a scenario status. */
export type ProbeOutcome = 'error' | 'skip' | 'not-applicable';

/** Stable error codes. The message never contains a secret (it is redacted anyway). */
export type ProbeErrorCode =
  | 'ETIMEDOUT_CONNECT'
  | 'ETIMEDOUT_IDLE'
  | 'ETIMEDOUT_OVERALL'
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'EHOSTUNREACH'
  | 'EPROTOCOL'
  /** The server went past one of msscheck's limits (src/limits): a finding about the server. */
  | 'ELIMIT'
  | 'ETLS'
  | 'EHTTP'
  | 'EINPUT'
  | 'ECLIENT_UNSUPPORTED'
  /** The provider refused msscheck's own client or the profile's test data (invalid_client...): the flow under test never ran. */
  | 'ECLIENT_REFUSED'
  /** Every attempt got a temporary failure or a broken exchange: the server's decision is unknown. */
  | 'EINCONCLUSIVE'
  /** A token whose signature does not verify, or cannot be verified, against the provider's keys. */
  | 'ETOKEN_UNVERIFIED'
  /** A flow (OTP login...) that did not get far enough for the server to judge what is tested. */
  | 'EFLOW'
  | 'PRECONDITION'
  | 'NOT_OFFERED'
  | 'EINTERNAL';

export class ProbeError extends Error {
  /** The message as a catalogue phrase, when it was written as one (readable reports translate it). */
  readonly phrase?: Phrase;
  constructor(
    readonly code: ProbeErrorCode,
    message: string | Phrase,
    readonly outcome: ProbeOutcome = 'error',
  ) {
    super(typeof message === 'string' ? message : renderPhrase(message));
    if (typeof message !== 'string') this.phrase = message;
    this.name = 'ProbeError';
  }
}

/** A missing precondition (no credential given, feature not declared): the scenario is `skip`. */
export function precondition(message: string | Phrase): ProbeError {
  return new ProbeError('PRECONDITION', message, 'skip');
}

/** Maps a Node.js socket error to a ProbeError with a stable code. */
export function networkError(err: unknown, what: string): ProbeError {
  if (err instanceof ProbeError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const msg = (err as Error)?.message ?? String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return new ProbeError('ECONNREFUSED', phrase('net-refused', { what }));
    case 'ECONNRESET':
    case 'EPIPE':
      return new ProbeError('ECONNRESET', phrase('net-reset', { what }));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ProbeError('EHOSTUNREACH', phrase('net-unreachable', { what, code }));
    default:
      return new ProbeError('EINTERNAL', `${what}: ${msg}`);
  }
}

export type { Evidence };
