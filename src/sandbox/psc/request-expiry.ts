/**
 * The sandbox's own clock for CIBA authentication requests. oidc-provider counts a request's life in
 * whole seconds from the start of the second it was received, so a 1 s request may expire 0.1 s
 * after it was sent, before the client's first poll. The sandbox instead expires a request
 * `requestTtlSeconds` after it received it, to the millisecond, and never answers
 * `authorization_pending` past that instant (a provider that did would be wrong, and the client
 * judges it so). A client whose first poll comes late on a loaded machine sees `expired_token`
 * without a pending answer first; it then cannot judge the pending state (its own limit, an error),
 * never a verdict. The provider's own expiry is set later (EXPIRY_SLACK_S) so that it never comes first.
 */
export const EXPIRY_SLACK_S = 60;

interface Request {
  expiresAt: number;
  expired: boolean;
}

export class RequestExpiry {
  private readonly requests = new Map<string, Request>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A request the provider accepted, with the life the sandbox gives it. */
  opened(authReqId: string, ttlSeconds: number): void {
    this.requests.set(authReqId, { expiresAt: this.now() + ttlSeconds * 1000, expired: false });
  }

  /** The provider's answer to a poll of `authReqId`, changed to `expired_token` once the request's life is over. */
  answer(authReqId: string, body: Record<string, unknown>): Record<string, unknown> {
    const r = this.requests.get(authReqId);
    if (!r) return body;
    if (body.error !== 'authorization_pending') {
      if (!r.expired) this.requests.delete(authReqId);
      return r.expired ? EXPIRED : body;
    }
    if (r.expired || this.now() >= r.expiresAt) {
      r.expired = true;
      return EXPIRED;
    }
    return body;
  }
}

const EXPIRED = Object.freeze({ error: 'expired_token', error_description: 'the authentication request has expired' });
