/**
 * A minimal IMAP client over `LineConnection` (src/net): the greeting, tagged commands with their
 * untagged data, SASL continuations and STARTTLS. Enough for capability and authentication probes;
 * reading messages is left to imapflow.
 */
import { LineConnection, type TlsClientOptions } from '../../net/line-connection.js';
import { ProbeError, type Timeouts, type Transcript } from '../types.js';
import { currentLimits, limitExceeded } from '../../limits/limits.js';
import { phrase } from '../../i18n/phrase.js';
import { REDACTED } from '../../util/redact.js';

export interface TaggedReply {
  status: 'OK' | 'NO' | 'BAD';
  /** The tagged line without the tag, e.g. `NO [AUTHENTICATIONFAILED] Invalid bearer token`. */
  text: string;
  untagged: string[];
  /** Continuation requests (`+ ...`) the server sent, without the `+ `. */
  continuations: string[];
}

/** Called for each `+` continuation: returns the line to send (register secrets first). */
export type ContinuationHandler = (challenge: string, index: number) => string;

/**
 * A part of a command: text as it is, or a string sent as a literal (`{n}` then its UTF-8 octets,
 * RFC 3501 §4.3). A `secret` part (a password) is masked in the transcript at capture, whatever its
 * length or form, instead of relying on the redactor to recognise it.
 */
export type CommandPart = string | { literal: string; secret?: boolean } | { text: string; secret: true };

/** How literals are sent: waiting for the server's `+` (synchronizing), or at once (`{n+}`, RFC 7888 LITERAL+). */
export type LiteralMode = 'synchronizing' | 'non-synchronizing';

export class ImapClient {
  private counter = 0;
  greeting = '';

  private constructor(readonly conn: LineConnection) {}

  static async connect(options: { host: string; port: number; timeouts: Timeouts; signal?: AbortSignal; transcript?: Transcript; label?: string; tls?: TlsClientOptions }): Promise<ImapClient> {
    const conn = await LineConnection.open(options);
    const client = new ImapClient(conn);
    try {
      client.greeting = await conn.readLine();
    } catch (err) {
      conn.close();
      throw err;
    }
    if (!/^\* (OK|PREAUTH)\b/i.test(client.greeting)) {
      conn.close();
      throw new ProbeError('EPROTOCOL', phrase('pe-imap-unexpected-greeting', { what: conn.label }));
    }
    return client;
  }

  /** Capabilities announced in the greeting's `[CAPABILITY ...]` code, if any. */
  greetingCapabilities(): string[] | undefined {
    const m = /\[CAPABILITY ([^\]]*)\]/i.exec(this.greeting);
    return m ? m[1]!.trim().split(/\s+/) : undefined;
  }

  /**
   * Sends `tag <command>` and reads until the tagged reply. `onContinuation` answers `+` requests;
   * without it a continuation is answered with `*` (cancel, RFC 3501 §6.2.2).
   */
  async command(command: string, onContinuation?: ContinuationHandler): Promise<TaggedReply> {
    const tag = `A${++this.counter}`;
    this.conn.writeLine(`${tag} ${command}`);
    return this.replyTo(tag, command, { untagged: [], continuations: [] }, onContinuation);
  }

  /**
   * Sends a command whose arguments include literals (RFC 3501 §4.3, RFC 9051 §4.3: any octet but NUL,
   * UTF-8 included). A synchronizing literal waits for the server's `+` before its octets; a tagged
   * reply instead of the `+` (the server refused the command) is returned as the reply.
   */
  async commandWithLiterals(parts: CommandPart[], mode: LiteralMode): Promise<TaggedReply> {
    const tag = `A${++this.counter}`;
    const seen = { untagged: [] as string[], continuations: [] as string[] };
    const verb = parts.find((p): p is string => typeof p === 'string')?.trim().split(' ')[0] ?? '';
    let pending = `${tag} `;
    let pendingShown = pending;
    for (const part of parts) {
      if (typeof part === 'string' || 'text' in part) {
        const text = typeof part === 'string' ? part : part.text;
        pending += text;
        pendingShown += typeof part === 'string' ? text : REDACTED;
        continue;
      }
      const announce = `{${Buffer.byteLength(part.literal, 'utf8')}${mode === 'non-synchronizing' ? '+' : ''}}`;
      this.conn.writeLine(`${pending}${announce}`, `${pendingShown}${announce}`);
      pending = '';
      pendingShown = '';
      if (mode === 'synchronizing') {
        const early = await this.untilContinuation(tag, verb, seen);
        if (early) return early;
      }
      this.conn.writeRaw(part.literal, part.secret ? REDACTED : part.literal);
    }
    this.conn.writeLine(pending, pendingShown);
    return this.replyTo(tag, verb, seen);
  }

  /** Reads until the `+` that lets a literal go (undefined), or the tagged reply that refuses the command. */
  private async untilContinuation(tag: string, command: string, seen: { untagged: string[]; continuations: string[] }): Promise<TaggedReply | undefined> {
    const maxUntagged = currentLimits().untaggedPerCommand;
    for (;;) {
      const line = await this.conn.readLine();
      if (line.startsWith('+')) return undefined;
      if (line.startsWith(`${tag} `)) return this.tagged(tag, line, seen);
      if (seen.untagged.length >= maxUntagged) throw limitExceeded('untaggedPerCommand', phrase('limit-what-untagged-before-literal', { what: this.conn.label, command }), `${seen.untagged.length} lines`);
      seen.untagged.push(line);
    }
  }

  private tagged(tag: string, line: string, seen: { untagged: string[]; continuations: string[] }): TaggedReply {
    const text = line.slice(tag.length + 1);
    const status = /^(OK|NO|BAD)\b/i.exec(text)?.[1]?.toUpperCase();
    if (!status) throw new ProbeError('EPROTOCOL', phrase('pe-imap-malformed-tagged', { what: this.conn.label }));
    return { status: status as TaggedReply['status'], text, untagged: seen.untagged, continuations: seen.continuations };
  }

  /** Reads the untagged data, continuations and finally the tagged reply of the command `tag`. */
  private async replyTo(tag: string, command: string, seen: { untagged: string[]; continuations: string[] }, onContinuation?: ContinuationHandler): Promise<TaggedReply> {
    const { untagged, continuations } = seen;
    const maxUntagged = currentLimits().untaggedPerCommand;
    for (;;) {
      const line = await this.conn.readLine();
      if (line.startsWith(`${tag} `)) return this.tagged(tag, line, seen);
      if (line.startsWith('+')) {
        const challenge = line.replace(/^\+ ?/, '');
        continuations.push(challenge);
        if (continuations.length > 5) throw new ProbeError('EPROTOCOL', phrase('pe-imap-too-many-continuations', { what: this.conn.label }));
        this.conn.writeLine(onContinuation ? onContinuation(challenge, continuations.length - 1) : '*');
        continue;
      }
      if (untagged.length >= maxUntagged) {
        throw limitExceeded('untaggedPerCommand', phrase('limit-what-untagged-before-tagged', { what: this.conn.label, command: `${command.split(' ')[0]}` }), `${untagged.length} lines, the last ${JSON.stringify(line.slice(0, 60))}`);
      }
      untagged.push(line);
    }
  }

  /** CAPABILITY, parsed. */
  async capabilities(): Promise<string[]> {
    const reply = await this.command('CAPABILITY');
    if (reply.status !== 'OK') throw new ProbeError('EPROTOCOL', phrase('pe-imap-capability-refused', { what: this.conn.label }));
    const line = reply.untagged.find((l) => /^\* CAPABILITY /i.test(l));
    return line ? line.replace(/^\* CAPABILITY /i, '').trim().split(/\s+/) : [];
  }

  async logout(): Promise<void> {
    try {
      if (!this.conn.isClosed) await this.command('LOGOUT');
    } catch {
      // the server may close first: that is fine after LOGOUT
    } finally {
      this.conn.close();
    }
  }

  close(): void {
    this.conn.close();
  }
}

/** `[CODE ...]` response code of a tagged reply, upper case, or undefined. */
export function responseCode(text: string): string | undefined {
  return /^(?:OK|NO|BAD)\s+\[([A-Z0-9-]+)/i.exec(text)?.[1]?.toUpperCase();
}
