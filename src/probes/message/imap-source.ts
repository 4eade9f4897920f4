/**
 * Messages of a target's test mailbox, fetched over IMAP with imapflow and handed on as streams
 * (never buffered whole). The mailbox and its credentials come from the target profile; without an
 * IMAP endpoint or credentials the step is `skip`. Connect, idle and overall timeouts all apply.
 */
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import { targetPath, type Mailbox } from '../../target/profile.js';
import { networkError, precondition, ProbeError, type ProbeContext } from '../types.js';

export interface ImapSourceInput {
  /** Address of the mailbox in the target profile (default: the first one with a password). */
  mailbox?: string;
  folder?: string;
  /** The most recent `limit` messages are linted. */
  limit?: number;
}

function pickMailbox(ctx: ProbeContext, address?: string): Mailbox {
  const boxes = ctx.target.profile.mailboxes ?? [];
  const box = address ? boxes.find((m) => m.address.toLowerCase() === address.toLowerCase()) : boxes.find((m) => m.password);
  if (!box) throw precondition(address ? `mailbox ${address} is not in the target profile` : 'the target profile has no mailbox with a password to read messages from');
  if (!box.password) throw precondition(`mailbox ${box.address} has no password reference in the target profile`);
  return box;
}

function mapImapError(err: unknown, what: string): ProbeError {
  if (err instanceof ProbeError) return err;
  const e = err as { code?: string; authenticationFailed?: boolean; message?: string };
  if (e.authenticationFailed) return new ProbeError('EPROTOCOL', `${what}: the server refused the login`);
  switch (e.code) {
    case 'CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new ProbeError('ETIMEDOUT_CONNECT', `${what}: connection timed out`);
    case 'GREETING_TIMEOUT':
    case 'ETIMEOUT':
    case 'SOCKET_TIMEOUT':
      return new ProbeError('ETIMEDOUT_IDLE', `${what}: the server stopped answering`);
    default:
      return networkError(err, what);
  }
}

/** Calls `each` with every fetched message (name `imap:<folder>/<uid>`), one at a time. */
export async function forEachImapMessage(ctx: ProbeContext, input: ImapSourceInput, each: (name: string, stream: Readable) => Promise<void>): Promise<number> {
  const ep = ctx.target.profile.endpoints.imap;
  if (!ep) throw precondition('the target profile has no IMAP endpoint');
  const box = pickMailbox(ctx, input.mailbox);
  const password = ctx.secrets.resolve(box.password, `password of ${box.address}`);
  if (password === undefined) throw precondition(`the password of ${box.address} is not available (${box.password?.split(':')[0]} reference unset)`);
  const security = ep.security ?? 'starttls';
  const ca = (ctx.target.profile.trustAnchors ?? []).map((f) => readFileSync(targetPath(ctx.target, f), 'utf8'));
  const folder = input.folder ?? 'INBOX';
  const transcript = ctx.transcript(`IMAP ${ep.host}:${ep.port} ${folder}`);
  const client = new ImapFlow({
    host: ep.host,
    port: ep.port,
    secure: security === 'tls',
    doSTARTTLS: security === 'starttls' ? true : security === 'plain' ? false : undefined,
    servername: ep.serverName ?? ep.host,
    tls: { rejectUnauthorized: true, servername: ep.serverName ?? ep.host, ...(ca.length ? { ca } : {}) },
    auth: { user: box.login ?? box.address, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: ctx.timeouts.connectMs,
    greetingTimeout: ctx.timeouts.idleMs,
    socketTimeout: ctx.timeouts.idleMs,
  });
  client.on('error', () => undefined);
  const abort = () => client.close();
  ctx.signal.addEventListener('abort', abort, { once: true });
  const what = `IMAP ${ep.host}:${ep.port}`;
  let count = 0;
  try {
    transcript.note(`connecting (${security}) as ${box.login ?? box.address}`);
    await client.connect();
    transcript.note('logged in');
    const lock = await client.getMailboxLock(folder);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      const chosen = uids.slice(-(input.limit ?? 20));
      transcript.note(`${uids.length} message(s) in ${folder}; linting ${chosen.length}`);
      for (const uid of chosen) {
        if (ctx.signal.aborted) throw new ProbeError('ETIMEDOUT_OVERALL', `${what}: overall timeout`);
        const dl = await client.download(String(uid), undefined, { uid: true });
        if (!dl.content) continue;
        await each(`imap:${folder}/${uid}`, dl.content);
        count++;
      }
    } finally {
      lock.release();
    }
    await client.logout();
    return count;
  } catch (err) {
    if (ctx.signal.aborted) throw new ProbeError('ETIMEDOUT_OVERALL', `${what}: overall timeout`);
    throw mapImapError(err, what);
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    client.close();
  }
}
