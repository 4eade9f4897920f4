/**
 * `imap.session`: the greeting, CAPABILITY before TLS, STARTTLS (tried even when not advertised),
 * CAPABILITY after TLS. Facts only; the scenario judges.
 */
import { phrase } from '../../i18n/phrase.js';
import type { Probe } from '../types.js';
import { imapEndpoint, openImap, type ImapSessionFacts } from './connect.js';
import { imapSessionFacts } from './facts-schemas.js';

export interface ImapSessionInput {
  endpoint?: string;
}

export type ImapSessionProbeFacts = ImapSessionFacts & {
  loginDisabledBeforeTls: boolean | null;
  authMechanismsBeforeTls: string[] | null;
  authMechanismsAfterTls: string[] | null;
};

const mechanisms = (caps: string[] | null): string[] | null =>
  caps ? caps.filter((c) => /^AUTH=/i.test(c)).map((c) => c.slice(5).toUpperCase()) : null;

export const imapSessionProbe: Probe<ImapSessionInput, ImapSessionProbeFacts> = {
  name: 'imap.session',
  facts: imapSessionFacts,
  summary: 'IMAP greeting, capabilities before and after STARTTLS, and whether STARTTLS works',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { endpoint: { type: 'string', default: 'imap', description: 'profile endpoint name (imap)' } },
  },
  async run(input, ctx) {
    const endpoint = input.endpoint ?? 'imap';
    const ep = imapEndpoint(ctx, endpoint);
    return ctx.withEndpointSlot(`${ep.host}:${ep.port}`, async () => {
      const transcript = ctx.transcript(phrase('ev-imap-session', { endpoint }));
      const opened = await openImap(ctx, endpoint, { transcript, requireTls: false });
      await opened.client.logout();
      const f = opened.facts;
      return {
        ...f,
        loginDisabledBeforeTls: f.capabilitiesBeforeTls ? f.capabilitiesBeforeTls.some((c) => c.toUpperCase() === 'LOGINDISABLED') : null,
        authMechanismsBeforeTls: mechanisms(f.capabilitiesBeforeTls),
        authMechanismsAfterTls: mechanisms(f.capabilitiesAfterTls),
      };
    });
  },
};
