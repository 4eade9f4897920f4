/**
 * Opens an IMAP connection to a profile endpoint and brings it to TLS the way the endpoint says
 * (`starttls`: STARTTLS is tried even when it is not advertised; `tls`: implicit TLS; `plain`:
 * none), recording the capabilities before and after.
 */
import type { TlsClientOptions } from '../../net/line-connection.js';
import type { MailEndpoint } from '../../target/profile.js';
import { ProbeError, precondition, type ProbeContext, type Transcript } from '../types.js';
import { ImapClient } from './imap-client.js';
import { phrase } from '../../i18n/phrase.js';

export type ImapSessionFacts = {
  endpoint: string;
  security: 'starttls' | 'tls' | 'plain';
  greeting: string;
  capabilitiesBeforeTls: string[] | null;
  starttlsAdvertised: boolean | null;
  starttls: 'accepted' | 'refused' | 'not-tried';
  starttlsReply: string | null;
  tls: boolean;
  tlsProtocol: string | null;
  capabilitiesAfterTls: string[] | null;
};

export interface OpenedImap {
  client: ImapClient;
  facts: ImapSessionFacts;
  /** Capabilities in force now (after TLS when there is TLS). */
  capabilities: string[];
  endpointKey: string;
}

export function imapEndpoint(ctx: ProbeContext, name: string): MailEndpoint {
  const ep = (ctx.target.profile.endpoints as Record<string, MailEndpoint | undefined>)[name];
  if (!ep) throw new ProbeError('PRECONDITION', phrase('pre-no-endpoint', { endpoint: name }), 'not-applicable');
  return ep;
}

/**
 * Connects and negotiates TLS. With `requireTls`, a STARTTLS the server refuses is `skip`
 * (NOT_OFFERED: authentication is not judged in the clear; IMAP-STARTTLS fails for it) rather than a fact.
 */
export async function openImap(
  ctx: ProbeContext,
  endpointName: string,
  options: { transcript: Transcript; requireTls: boolean; clientTls?: Pick<TlsClientOptions, 'cert' | 'key' | 'pfx' | 'passphrase'> },
): Promise<OpenedImap> {
  const ep = imapEndpoint(ctx, endpointName);
  const security = ep.security ?? 'starttls';
  const servername = ep.serverName ?? ep.host;
  const tlsOptions: TlsClientOptions = { servername, ...(options.clientTls ?? {}) };
  const label = `${endpointName} ${ep.host}:${ep.port}`;
  const client = await ImapClient.connect({
    host: ep.host,
    port: ep.port,
    timeouts: ctx.timeouts,
    signal: ctx.signal,
    transcript: options.transcript,
    label,
    tls: security === 'tls' ? tlsOptions : undefined,
  });
  const facts: ImapSessionFacts = {
    endpoint: endpointName,
    security,
    greeting: client.greeting,
    capabilitiesBeforeTls: null,
    starttlsAdvertised: null,
    starttls: 'not-tried',
    starttlsReply: null,
    tls: security === 'tls',
    tlsProtocol: security === 'tls' ? (client.conn.tlsInfo?.protocol ?? null) : null,
    capabilitiesAfterTls: null,
  };
  try {
    let capabilities = await client.capabilities();
    if (security === 'starttls') {
      facts.capabilitiesBeforeTls = capabilities;
      facts.starttlsAdvertised = capabilities.some((c) => c.toUpperCase() === 'STARTTLS');
      const reply = await client.command('STARTTLS');
      facts.starttlsReply = reply.text;
      if (reply.status === 'OK') {
        const info = await client.conn.startTls(tlsOptions);
        facts.starttls = 'accepted';
        facts.tls = true;
        facts.tlsProtocol = info.protocol ?? null;
        capabilities = await client.capabilities();
      } else {
        facts.starttls = 'refused';
        // A missing STARTTLS is a missing precondition for what needs TLS (IMAP-STARTTLS judges it): skip.
        if (options.requireTls) throw new ProbeError('NOT_OFFERED', phrase('pe-imap-starttls-refused', { what: label, reply: reply.text }), 'skip');
      }
    }
    if (facts.tls) facts.capabilitiesAfterTls = capabilities;
    else if (security === 'plain' && options.requireTls) throw precondition(phrase('net-declared-plain', { what: label }));
    return { client, facts, capabilities, endpointKey: `${ep.host}:${ep.port}` };
  } catch (err) {
    client.close();
    throw err;
  }
}
