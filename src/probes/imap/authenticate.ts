/**
 * `imap.authenticate`: tries one authentication mechanism on the IMAP endpoint after TLS (even when
 * it is not advertised) and reports what the server did. Every SASL payload is registered with the
 * redactor before it is written. An accepted method is recorded with `ctx.observeMethod`.
 */
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { AUTH_INPUT_SCHEMA, type AuthFacts, type AuthInput, reportAuthOutcome, meansFor } from './auth-facts.js';
import { type ClientCertMaterial, pickMailbox, resolveBearerToken, resolveClientCertificate, resolvePassword } from './auth-material.js';
import { imapEndpoint, openImap } from './connect.js';
import { type ContinuationHandler, responseCode } from './imap-client.js';
import { type BearerError, decodeBearerError, externalResponse, oauthbearerResponse, plainResponse, xoauth2Response } from './sasl-client.js';
import type { Mailbox } from '../../target/profile.js';

/** An IMAP quoted string; a value we cannot quote is our limitation, not a refusal. */
function quoted(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new ProbeError('ECLIENT_UNSUPPORTED', 'the credential contains characters msscheck cannot send in an IMAP quoted string');
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

interface Prepared {
  mailbox?: Mailbox;
  user: string | null;
  /** Builds the command and the continuation answers once capabilities are known. */
  command(capabilities: string[], endpoint: { host: string; port: number }): { line: string; initial?: string; abort: string };
  cert?: ClientCertMaterial;
}

async function prepare(input: AuthInput, ctx: ProbeContext): Promise<Prepared> {
  const mech = input.mechanism;
  const select = { mailbox: input.mailbox, role: input.role, identity: input.identity, type: input.mailboxType };
  if (mech === 'EXTERNAL') {
    const certificate = input.certificate ?? 'mailbox';
    const mailbox = input.mailbox || input.mailboxType || certificate === 'mailbox' ? pickMailbox(ctx, { ...select, type: input.mailboxType ?? (input.mailbox ? undefined : 'APP'), needs: 'clientCertificate' }) : undefined;
    const cert = resolveClientCertificate(ctx, mailbox, certificate, input.certificateFormat);
    return {
      mailbox,
      user: mailbox?.address ?? null,
      cert,
      // The authorization identity is left empty: the certificate alone must name the mailbox.
      command: () => ({ line: 'AUTHENTICATE EXTERNAL', initial: externalResponse(undefined), abort: '*' }),
    };
  }
  const mailbox = pickMailbox(ctx, { ...select, needs: mech === 'PLAIN' || mech === 'LOGIN' ? 'password' : undefined });
  const user = mailbox.login ?? mailbox.address;
  if (mech === 'XOAUTH2' || mech === 'OAUTHBEARER') {
    const token = await resolveBearerToken(ctx, input.token);
    return {
      mailbox,
      user,
      command: (_caps, ep) => ({
        line: `AUTHENTICATE ${mech}`,
        initial: mech === 'XOAUTH2' ? xoauth2Response(user, token, ctx.redactor) : oauthbearerResponse(user, ep.host, ep.port, token, ctx.redactor),
        // After an error challenge: XOAUTH2 expects an empty line, OAUTHBEARER a %x01 (RFC 7628 §3.2.3).
        abort: mech === 'XOAUTH2' ? '' : 'AQ==',
      }),
    };
  }
  const password = resolvePassword(ctx, mailbox, input.password);
  if (mech === 'PLAIN') return { mailbox, user, command: () => ({ line: 'AUTHENTICATE PLAIN', initial: plainResponse(user, password, ctx.redactor), abort: '*' }) };
  return { mailbox, user, command: () => ({ line: `LOGIN ${quoted(user)} ${quoted(password)}`, abort: '*' }) };
}

export const imapAuthenticateProbe: Probe<AuthInput, AuthFacts> = {
  name: 'imap.authenticate',
  summary: 'Tries one authentication mechanism on IMAP after STARTTLS (XOAUTH2, OAUTHBEARER, EXTERNAL, PLAIN, LOGIN) and reports the server\'s answer',
  inputSchema: AUTH_INPUT_SCHEMA,
  async run(input, ctx) {
    const endpointName = input.endpoint ?? 'imap';
    const ep = imapEndpoint(ctx, endpointName);
    const prepared = await prepare(input, ctx);
    return ctx.withEndpointSlot(`${ep.host}:${ep.port}`, async () => {
      const transcript = ctx.transcript(`IMAP ${input.mechanism} on ${endpointName}`);
      const opened = await openImap(ctx, endpointName, { transcript, requireTls: true, clientTls: prepared.cert?.tls });
      const { client, capabilities } = opened;
      try {
        const caps = capabilities.map((c) => c.toUpperCase());
        const mechanismsAdvertised = caps.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5));
        const advertised = input.mechanism === 'LOGIN' ? !caps.includes('LOGINDISABLED') : mechanismsAdvertised.includes(input.mechanism);
        const built = prepared.command(caps, ep);
        const saslIr = caps.includes('SASL-IR');
        let line = built.line;
        let initialPending = built.initial !== undefined;
        if (built.initial !== undefined && saslIr) {
          line = `${line} ${built.initial}`;
          initialPending = false;
        }
        const challenges: string[] = [];
        const onContinuation: ContinuationHandler = (challenge) => {
          if (initialPending) {
            initialPending = false;
            return built.initial!;
          }
          challenges.push(challenge);
          return built.abort;
        };
        const reply = await client.command(line, onContinuation);
        const accepted = reply.status === 'OK';
        let bearerError: BearerError | null = null;
        for (const c of challenges) bearerError ??= decodeBearerError(c) ?? null;
        const means = input.means ?? meansFor(input.mechanism, prepared.mailbox, prepared.cert);
        return reportAuthOutcome(
          ctx,
          {
            endpoint: endpointName,
            mechanism: input.mechanism,
            user: prepared.user,
            tls: opened.facts.tls,
            advertised,
            mechanismsAdvertised,
            outcome: accepted ? 'accepted' : 'refused',
            reply: reply.text,
            responseCode: responseCode(reply.text) ?? null,
            errorChallenges: challenges.length,
            bearerError,
            certificateSource: prepared.cert?.source ?? null,
          },
          means,
          {
            endpoint: `imap ${ep.host}:${ep.port}`,
            command: input.mechanism === 'LOGIN' ? 'IMAP LOGIN' : `AUTHENTICATE ${input.mechanism}`,
            security: opened.facts.security,
            certificateSource: prepared.cert?.source,
          },
        );
      } finally {
        await client.logout();
      }
    });
  },
};
