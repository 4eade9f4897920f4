import { phrase } from '../i18n/phrase.js';
import { ProbeError } from '../probes/types.js';

export type TimeoutKind = 'connect' | 'idle' | 'overall';

const TIMEOUT_CODES = {
  connect: 'ETIMEDOUT_CONNECT',
  idle: 'ETIMEDOUT_IDLE',
  overall: 'ETIMEDOUT_OVERALL',
} as const;

/** A timeout as a ProbeError with its stable code (never a pass). */
export function timeoutError(kind: TimeoutKind, what: string, ms: number): ProbeError {
  return new ProbeError(TIMEOUT_CODES[kind], phrase(`net-timeout-${kind}`, { what, ms: String(ms) }));
}

/** The run's signal stopped the exchange (the step's overall timeout, the run's deadline, Ctrl-C). */
export function interruptedError(what: string): ProbeError {
  return new ProbeError('ETIMEDOUT_OVERALL', phrase('net-interrupted', { what }));
}

/**
 * A TLS handshake that did not complete: the server refused what we offered (alert, reset, close)
 * or sent something that is not TLS. `reason` is OpenSSL's short reason, for the transcript.
 */
export class TlsHandshakeError extends ProbeError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super('ETLS', message);
  }
}

/** The connection was closed by the peer while we waited for a line. */
export function closedByPeer(what: string): ProbeError {
  return new ProbeError('ECONNRESET', phrase('net-closed', { what }));
}
