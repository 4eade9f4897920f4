/**
 * `smtp.dsn-delivery`: whether the operator honours a DSN request (RFC 3461), judged by what
 * arrives, not by what is announced. In order:
 *   1. the sender's mailbox is opened over IMAP (XOAUTH2 with the same PSC token) and its highest
 *      UID noted: a mailbox msscheck cannot read is a skip or an error, never a verdict (and then
 *      nothing is sent);
 *   2. on submission, after STARTTLS and the login (that session is opened while the mailbox is,
 *      and sends nothing before the UID is noted), one short message is sent to the sender
 *      itself with `MAIL FROM … RET=HDRS ENVID=<envid>` and `RCPT TO … NOTIFY=SUCCESS ORCPT=…`;
 *   3. the mailbox is polled (re-selected at once, then after 0.1 s, pauses doubling up to
 *      `pollSeconds`) for at most `waitSeconds`, for the message itself (the positive control:
 *      delivery happened and the mailbox is readable) and a delivery status notification about it
 *      (RFC 3464 multipart/report).
 * The message says `Auto-Submitted: auto-generated` (RFC 3834): mailbox lint sets it aside, as it
 * sets aside the report. Neither the message nor its notification says anything about a
 * client's conformance. When neither arrives within the bound the probe is an error (delivery
 * itself did not happen in time, so the absence of a DSN proves nothing). When the message arrives
 * and its notification does not, the probe is an error too (EINCONCLUSIVE), never a failure: RFC 3461
 * asks for the notification but sets no delay, so "not within msscheck's wait" (the `dsnWaitSeconds`
 * limit, 30 s by default) proves no non-conformance; the message says the wait and how to lengthen it.
 */
import { phrase } from '../../i18n/phrase.js';
import { currentLimits } from '../../limits/limits.js';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SmtpReply } from '../../net/smtp-reply.js';
import type { MailEndpoint } from '../../target/profile.js';
import { AUTH_INPUT_SCHEMA, type AuthInput } from '../imap/auth-facts.js';
import { withImapSession } from '../message/imap-source.js';
import { ProbeError, type Facts, type Probe, type ProbeContext } from '../types.js';
import { secureSession, submissionLogin, type Steps } from './auth.js';
import { loginForDsn } from './dsn.js';
import { classifyMailboxItem, type DsnSummary } from './dsn-report.js';
import { smtpDsnDeliveryFacts } from './facts-schemas.js';

export interface DsnDeliveryInput extends AuthInput {
  /** How long to wait for the message and its notification (default: the `dsnWaitSeconds` limit). */
  waitSeconds?: number;
  /** Longest pause between two looks at the mailbox (default 1 s); the first pauses are shorter (FIRST_PAUSE_MS, doubling). */
  pollSeconds?: number;
  folder?: string;
}

export interface DsnDeliveryFacts extends Facts {
  envid: string;
  messageId: string;
  /** The reply to the end of DATA. */
  sendReply: string;
  /** The check's own message reached the mailbox within the bound (positive control). */
  messageDelivered: boolean;
  /** A delivery status notification about it reached the sender's mailbox within the bound (else the probe is an error). */
  dsnReceived: boolean;
  waitedSeconds: number;
  /** The bound of the wait: `waitSeconds`, or less when the step's overall timeout is shorter. */
  waitBoundSeconds: number;
  dsn?: DsnSummary & {
    /** Original-Envelope-Id equals the ENVID sent (RFC 3461 §4.4, RFC 3464 §2.2.1). */
    envidReturned: boolean;
    /** Action and Status of the recipient msscheck used (Final-Recipient or Original-Recipient). */
    action: string | null;
    status: string | null;
  };
}

/** Time kept, inside the step's overall timeout, for the login, the sending and the logout around the wait. */
const OVERALL_MARGIN_MS = 8_000;

/**
 * The first pause between two looks at the mailbox; each next one doubles, up to `pollSeconds`. A
 * server that delivers and reports at once (the sandbox, a quiet Postfix with local delivery) is
 * seen within a fraction of a second; one that takes longer is looked at once a `pollSeconds` as
 * before. About five more EXAMINE + SEARCH in the first second is nothing for a real IMAP server.
 */
const FIRST_PAUSE_MS = 100;

const text = (r: SmtpReply): string => `${r.code} ${r.lines.join(' ')}`.trim();

function probeMessage(address: string, envid: string, messageId: string, now: Date): string {
  return [
    `From: <${address}>`,
    `To: <${address}>`,
    `Subject: msscheck delivery status notification check ${envid}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
    'Auto-Submitted: auto-generated',
    '',
    'msscheck sent this message to itself, asking for a delivery status notification',
    '(RFC 3461 NOTIFY=SUCCESS), to check that the operator returns one. Both may be deleted.',
    '',
  ].join('\r\n');
}

/**
 * Opens the submission session and logs in at once, then sends the message with the DSN request
 * once `ready` resolves (the mailbox's highest UID is noted); when `ready` rejects, it sends nothing
 * and logs out. A refused envelope or message is an error (the dsn step judges the parameters).
 */
async function sendWhenReady(ctx: ProbeContext, ep: MailEndpoint, steps: Steps, label: string, address: string, envid: string, messageId: string, ready: Promise<void>): Promise<string> {
  return ctx.withEndpointSlot(`${ep.host}:${ep.port}`, async () => {
    const { client } = await secureSession(ctx, ep, steps, label, phrase('ev-smtp-dsn-request', { endpoint: label }));
    try {
      await loginForDsn(client, ep, steps, label);
      await ready;
      const mail = await client.command(`MAIL FROM:<${address}> RET=HDRS ENVID=${envid}`);
      if (mail.code !== 250) throw new ProbeError('EPROTOCOL', phrase('pe-dsn-mail-refused', { what: label, reply: text(mail) }));
      const rcpt = await client.command(`RCPT TO:<${address}> NOTIFY=SUCCESS ORCPT=rfc822;${address}`);
      if (rcpt.code !== 250) throw new ProbeError('EPROTOCOL', phrase('pe-dsn-rcpt-refused', { what: label, reply: text(rcpt) }));
      const end = await client.data(probeMessage(address, envid, messageId, new Date()));
      if (end.code !== 250) throw new ProbeError('EPROTOCOL', phrase('pe-message-not-accepted', { what: label, reply: text(end) }));
      return text(end);
    } finally {
      await client.quit();
    }
  });
}

function recipientVerdict(dsn: DsnSummary, address: string): { action: string | null; status: string | null } {
  const a = address.toLowerCase();
  const r = dsn.recipients.find((x) => x.finalRecipient === a || x.originalRecipient === a) ?? (dsn.recipients.length === 1 ? dsn.recipients[0] : undefined);
  return { action: r?.action ?? null, status: r?.status ?? null };
}

export const smtpDsnDeliveryProbe: Probe<DsnDeliveryInput, DsnDeliveryFacts> = {
  name: 'smtp.dsn-delivery',
  facts: smtpDsnDeliveryFacts,
  summary: 'RFC 3461 honoured: sends one message to the sender itself with NOTIFY=SUCCESS and an ENVID, then reads the sender\'s mailbox over IMAP (bounded wait) for the message and its delivery status notification (RFC 3464)',
  inputSchema: {
    ...AUTH_INPUT_SCHEMA,
    properties: {
      ...AUTH_INPUT_SCHEMA.properties,
      waitSeconds: { type: 'number', minimum: 1, maximum: 600 },
      pollSeconds: { type: 'number', minimum: 0.1, maximum: 30 },
      folder: { type: 'string', minLength: 1 },
    },
  },
  async run(input, ctx) {
    const { endpointName, ep, steps } = await submissionLogin(input, ctx);
    const address = steps.mailbox?.address ?? steps.user;
    if (!address || !address.includes('@')) throw new ProbeError('PRECONDITION', phrase('pre-dsn-no-address'), 'skip');
    if (!input.token) throw new ProbeError('PRECONDITION', phrase('pe-dsn-no-token'), 'skip');
    const label = `${endpointName} ${ep.host}:${ep.port}`;
    const folder = input.folder ?? 'INBOX';
    // The wait stays inside the step's overall timeout (the IMAP session's own bound), leaving time to send and log out.
    const waitMs = Math.max(1_000, Math.min((input.waitSeconds ?? currentLimits().dsnWaitSeconds) * 1000, ctx.timeouts.overallMs - OVERALL_MARGIN_MS));
    const maxPauseMs = (input.pollSeconds ?? 1) * 1000;
    const envid = `msscheck-${randomBytes(8).toString('hex')}`;
    const messageId = `<${envid}@msscheck.invalid>`;
    // The submission session is opened and logged in while the mailbox is (two endpoints, two
    // connections at once, as a mail client does); it sends only once the highest UID is noted, so
    // that whatever arrives after it is new. A mailbox that cannot be read: nothing is sent.
    let noted!: () => void;
    let unreadable!: (err: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      noted = resolve;
      unreadable = reject;
    });
    ready.catch(() => undefined); // the submission session may not be waiting for it yet
    const sending = sendWhenReady(ctx, ep, steps, label, address, envid, messageId, ready);
    sending.catch(() => undefined); // awaited below; a failure before then is the mailbox's turn to report
    try {
      return await withImapSession(ctx, { mailbox: address, token: input.token }, `${folder} (DSN)`, async ({ client, transcript, checkTime, what }) => {
        await client.mailboxOpen(folder, { readOnly: true });
        const before = ((await client.search({ all: true }, { uid: true })) || []).reduce((m, u) => Math.max(m, u), 0);
        transcript.note(`highest UID before sending: ${before}`);
        noted();
        const sendReply = await sending;
        const started = Date.now();
        const examined = new Set<number>();
        let messageDelivered = false;
        let dsn: DsnSummary | undefined;
        let pauseMs = Math.min(FIRST_PAUSE_MS, maxPauseMs);
        for (;;) {
          checkTime();
          await client.mailboxOpen(folder, { readOnly: true });
          const uids = ((await client.search({ all: true }, { uid: true })) || []).filter((u) => u > before && !examined.has(u));
          for (const uid of uids) {
            examined.add(uid);
            const dl = await client.download(String(uid), undefined, { uid: true });
            if (!dl?.content) continue;
            const chunks: Buffer[] = [];
            for await (const c of dl.content) chunks.push(c as Buffer);
            const item = classifyMailboxItem(Buffer.concat(chunks), envid, messageId);
            if (item.kind === 'own-message') messageDelivered = true;
            else if (item.kind === 'dsn' && !dsn) dsn = item.dsn;
            transcript.note(`UID ${uid}: ${item.kind}`);
          }
          if ((dsn && messageDelivered) || Date.now() - started >= waitMs) break;
          await sleep(pauseMs, undefined, { signal: ctx.signal }).catch(() => undefined);
          pauseMs = Math.min(pauseMs * 2, maxPauseMs);
        }
        const waitedSeconds = Math.round((Date.now() - started) / 100) / 10;
        if (!dsn && !messageDelivered) {
          throw new ProbeError('ETIMEDOUT_OVERALL', phrase('pe-dsn-wait-timeout', { what, address, seconds: `${waitMs / 1000}` }));
        }
        // Delivered, no notification yet: RFC 3461 sets no delay for it, so our wait ending proves nothing.
        if (!dsn) throw new ProbeError('EINCONCLUSIVE', phrase('pe-dsn-not-within-wait', { what, address, seconds: `${waitMs / 1000}` }));
        return {
          envid,
          messageId,
          sendReply,
          messageDelivered,
          dsnReceived: dsn !== undefined,
          waitedSeconds,
          waitBoundSeconds: waitMs / 1000,
          ...(dsn ? { dsn: { ...dsn, envidReturned: dsn.originalEnvelopeId === envid, ...recipientVerdict(dsn, address) } } : {}),
        };
      });
    } catch (err) {
      unreadable(err);
      await sending.catch(() => undefined);
      throw err;
    }
  },
};
