import { LineConnection, type LineConnectionOptions, type TlsClientOptions } from './line-connection.js';
import { readSmtpReply, type SmtpReply } from './smtp-reply.js';
import type { TlsInfo } from './tls-info.js';

/**
 * A minimal SMTP client for probes: it sends exactly what it is told and returns the replies,
 * never deciding anything. The connection and its timeouts are a LineConnection's.
 */
export class SmtpClient {
  private constructor(readonly conn: LineConnection) {}

  /** Connects (implicit TLS when `options.tls` is set) and reads the banner. */
  static async connect(options: LineConnectionOptions): Promise<{ client: SmtpClient; banner: SmtpReply }> {
    const conn = await LineConnection.open(options);
    const client = new SmtpClient(conn);
    try {
      const banner = await client.read();
      return { client, banner };
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  read(): Promise<SmtpReply> {
    return readSmtpReply(this.conn, this.conn.label);
  }

  /** Sends one command line and reads its reply. */
  async command(line: string): Promise<SmtpReply> {
    this.conn.writeLine(line);
    return this.read();
  }

  ehlo(name: string): Promise<SmtpReply> {
    return this.command(`EHLO ${name}`);
  }

  /**
   * Sends STARTTLS; on a 220 reply, upgrades in place. Returns the reply and, when the upgrade was
   * made, the TLS details (a failed handshake throws TlsHandshakeError).
   */
  async starttls(tls: TlsClientOptions = {}): Promise<{ reply: SmtpReply; tls?: TlsInfo }> {
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) return { reply };
    return { reply, tls: await this.conn.startTls(tls) };
  }

  /**
   * DATA, then (on 354) the message's lines, dot-stuffed (RFC 5321 §4.5.2), and the final `.`.
   * Returns the reply to DATA when it is not 354, else the reply to the end of data.
   */
  async data(message: string): Promise<SmtpReply> {
    const go = await this.command('DATA');
    if (go.code !== 354) return go;
    for (const line of message.replace(/\r?\n$/, '').split(/\r?\n/)) this.conn.writeLine(line.startsWith('.') ? `.${line}` : line);
    return this.command('.');
  }

  get tlsInfo(): TlsInfo | undefined {
    return this.conn.tlsInfo;
  }

  /** QUIT, best effort (its failure is not a finding), then close. */
  async quit(): Promise<void> {
    try {
      if (!this.conn.isClosed) await this.command('QUIT');
    } catch {
      /* the session is over either way */
    } finally {
      this.conn.close();
    }
  }

  close(): void {
    this.conn.close();
  }
}
