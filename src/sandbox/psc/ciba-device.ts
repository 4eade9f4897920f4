import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { PscIdentity } from './config.js';

/**
 * The person's authentication device (e-CPS app or CPS card), simulated: per test identity it
 * approves after a delay, refuses, or never answers. Timers are cancelled when the sandbox stops.
 */
export class SimulatedAuthenticationDevice {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly provider: () => Provider,
    /** `consentIgnored`: the provider approves whatever the person does (a refusal or no answer): a sandbox defect. */
    private readonly options: { denialDelivered: boolean; acrOverride?: string; scopeForResource: string; consentIgnored?: boolean },
  ) {}

  trigger(person: PscIdentity, request: { jti: string; accountId?: string; clientId?: string; scope?: string; resource?: string | string[] }): void {
    const identity: PscIdentity = this.options.consentIgnored ? { ...person, behaviour: 'approve' } : person;
    if (identity.behaviour === 'ignore') return;
    if (identity.behaviour === 'deny' && !this.options.denialDelivered) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.answer(identity, request).catch(() => undefined);
    }, identity.delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async answer(identity: PscIdentity, request: { jti: string; accountId?: string; clientId?: string; scope?: string; resource?: string | string[] }): Promise<void> {
    const provider = this.provider();
    if (identity.behaviour === 'deny') {
      await provider.backchannelResult(request.jti, new errors.AccessDenied('the person refused the request on the authentication device'));
      return;
    }
    const grant = new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
    if (request.scope) grant.addOIDCScope(request.scope);
    const resources = request.resource === undefined ? [] : Array.isArray(request.resource) ? request.resource : [request.resource];
    for (const r of resources) grant.addResourceScope(r, this.options.scopeForResource);
    await grant.save();
    await provider.backchannelResult(request.jti, grant, {
      acr: this.options.acrOverride ?? identity.acr,
      amr: ['mfa'],
      authTime: Math.floor(Date.now() / 1000),
    });
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
