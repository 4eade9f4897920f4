/**
 * The sandbox's IMAP4rev1 server: a small, strict test peer (not a product). STARTTLS; CAPABILITY
 * (LOGINDISABLED before TLS; SASL mechanisms after it); AUTHENTICATE XOAUTH2 / OAUTHBEARER checked
 * with the sandbox Pro Santé Connect's token verifier, refusals in the XOAUTH2 error format;
 * EXTERNAL with an IGC-Santé client certificate; LOGIN / PLAIN only when password access is on;
 * then a read-only INBOX: SELECT/EXAMINE, LIST, STATUS, FETCH, UID FETCH, SEARCH, NOOP, LOGOUT.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { TLSSocket, createSecureContext, type SecureContext } from 'node:tls';
import type { AccessTokenVerifier, StoredMessage } from '../types.js';
import { CommandSyntaxError, expandSequenceSet, type ParsedCommand, parseCommand, tokenText } from './command-parser.js';
import { checkClientCertificate, type ClientCertChecks, mailboxForCertificate, type TrustMaterial } from '../client-certificates.js';
import { fetchResponse, parseFetchItems } from './fetch-response.js';
import { type ImapMessage, inboxOf, UID_VALIDITY } from './mailbox-view.js';
import { decodeExternal, decodeOauthbearer, decodePlain, decodeXoauth2, oauthbearerErrorChallenge, xoauth2ErrorChallenge } from './sasl-payloads.js';

export interface ImapAccount {
  address: string;
  /** Identifier a CPS-like person certificate carries in its CN, and a PSC token in preferred_username. */
  nationalId?: string;
  /** Password, used only when password access is on. */
  password?: string;
}

/** What the server does; the defects switch these. */
export interface ImapBehaviour {
  starttls: boolean;
  passwordLogin: boolean;
  oauthbearer: boolean;
  /** OAUTHBEARER accepted but left out of CAPABILITY (defect: a mechanism accepted without being advertised). */
  hideOauthbearer?: boolean;
  /** EXTERNAL accepted but left out of CAPABILITY (defect). */
  hideExternal?: boolean;
  /** XOAUTH2 accepted but left out of CAPABILITY (defect: the mandated mechanism accepted without being advertised). */
  hideXoauth2?: boolean;
  /** Defect: before TLS, LOGINDISABLED is missing and AUTH=PLAIN / AUTH=LOGIN are announced. */
  passwordBeforeTls?: boolean;
  /** false: a refused bearer token gets a bare NO instead of the XOAUTH2 error challenge. */
  xoauth2ErrorFormat: boolean;
  clientCertChecks: ClientCertChecks;
}

export interface ImapServerOptions {
  host: string;
  tls: { key: string | Buffer; cert: string | Buffer; ciphers?: string; minVersion?: 'TLSv1' | 'TLSv1.2' };
  trust: TrustMaterial;
  /** The mailboxes served (read at each login: components started later may add some). */
  accounts: () => ImapAccount[];
  /** The sandbox PSC's verifier, when it runs (looked up at each login). */
  tokenVerifier: () => AccessTokenVerifier | undefined;
  messages: () => readonly StoredMessage[] | undefined;
  /** The INBOX seed message (UID 1) of a mailbox; default the welcome message (mailbox-view.ts). */
  seed?: (address: string, date: Date) => Buffer | Buffer[];
  now: () => Date;
  behaviour: ImapBehaviour;
  /** Server-side idle limit per connection (ms). */
  idleMs?: number;
}

export interface RunningImapServer {
  port: number;
  close(): Promise<void>;
}

export async function startImapServer(options: ImapServerOptions): Promise<RunningImapServer> {
  const secureContext = createSecureContext({ key: options.tls.key, cert: options.tls.cert, ciphers: options.tls.ciphers, minVersion: options.tls.minVersion ?? 'TLSv1.2' });
  const sockets = new Set<Socket>();
  // No Nagle delay: a response is an untagged line then a tagged one, written one after the other;
  // with Nagle the second waits for the client's (delayed, ~40 ms) ACK of the first, on every
  // command. Real servers flush a command's whole response at once (Dovecot corks its output).
  const server: Server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new ImapConnection(socket, options, secureContext).start();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

type State = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

class ImapConnection {
  private socket: Socket;
  private buffer = Buffer.alloc(0);
  private pendingLine = '';
  private literals: string[] = [];
  private literalBytes = -1;
  private queue: string[][] = [];
  private busy = false;
  private continuation: ((line: string) => void) | undefined;
  private state: State = 'not-authenticated';
  private tls = false;
  private user: ImapAccount | undefined;
  private selected: ImapMessage[] = [];

  constructor(
    private readonly raw: Socket,
    private readonly opts: ImapServerOptions,
    private readonly secureContext: SecureContext,
  ) {
    this.socket = raw;
  }

  start(): void {
    this.raw.setTimeout(this.opts.idleMs ?? 60_000, () => this.raw.destroy());
    this.raw.on('error', () => undefined);
    this.attach(this.raw);
    this.send(`* OK [CAPABILITY ${this.capabilities().join(' ')}] msscheck sandbox IMAP ready`);
  }

  private attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.readLines();
    });
  }

  private send(line: string | Buffer): void {
    if (this.socket.destroyed) return;
    this.socket.write(Buffer.isBuffer(line) ? line : `${line}\r\n`);
  }

  private readLines(): void {
    for (;;) {
      if (this.literalBytes >= 0) {
        if (this.buffer.length < this.literalBytes) return;
        this.literals.push(this.buffer.subarray(0, this.literalBytes).toString('utf8'));
        this.pendingLine += `\u0000${this.literals.length - 1}\u0000`;
        this.buffer = this.buffer.subarray(this.literalBytes);
        this.literalBytes = -1;
        continue;
      }
      const eol = this.buffer.indexOf('\r\n');
      if (eol < 0) {
        if (this.buffer.length > 64 * 1024) this.socket.destroy();
        return;
      }
      const line = this.buffer.subarray(0, eol).toString('utf8');
      this.buffer = this.buffer.subarray(eol + 2);
      const lit = /\{(\d+)(\+?)\}$/.exec(line);
      if (lit && !this.continuation) {
        this.pendingLine += line.slice(0, lit.index);
        this.literalBytes = Number(lit[1]);
        if (this.literalBytes > 1024 * 1024) {
          this.send('* BYE literal too large');
          this.socket.destroy();
          return;
        }
        if (!lit[2]) this.send('+ Ready for literal data');
        continue;
      }
      const full = this.pendingLine + line;
      const literals = this.literals;
      this.pendingLine = '';
      this.literals = [];
      if (this.continuation) {
        const k = this.continuation;
        this.continuation = undefined;
        k(full);
        continue;
      }
      this.queue.push([full, ...literals]);
      void this.drain();
    }
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length && !this.socket.destroyed) {
        const [line, ...literals] = this.queue.shift()!;
        await this.handle(line!, literals);
      }
    } finally {
      this.busy = false;
    }
  }

  private readContinuation(): Promise<string> {
    return new Promise((resolve) => {
      this.continuation = resolve;
    });
  }

  private capabilities(): string[] {
    const b = this.opts.behaviour;
    const caps = ['IMAP4rev1', 'LITERAL+', 'ID', 'NAMESPACE'];
    if (!this.tls) {
      if (b.starttls) caps.push('STARTTLS');
      // Password login is never offered in the clear, even when password access is on (except under the defect).
      if (b.passwordBeforeTls) caps.push('AUTH=PLAIN', 'AUTH=LOGIN');
      else caps.push('LOGINDISABLED');
      return caps;
    }
    caps.push('SASL-IR');
    if (!b.hideXoauth2) caps.push('AUTH=XOAUTH2');
    if (b.oauthbearer && !b.hideOauthbearer) caps.push('AUTH=OAUTHBEARER');
    if (!b.hideExternal) caps.push('AUTH=EXTERNAL');
    if (b.passwordLogin) caps.push('AUTH=PLAIN', 'AUTH=LOGIN');
    else caps.push('LOGINDISABLED');
    return caps;
  }

  private async handle(line: string, literals: string[]): Promise<void> {
    let cmd: ParsedCommand;
    try {
      cmd = parseCommand(line, literals);
    } catch (err) {
      const tag = err instanceof CommandSyntaxError ? err.tag : '*';
      this.send(`${tag} BAD ${(err as Error).message}`);
      return;
    }
    const { tag, name } = cmd;
    const needAuth = ['SELECT', 'EXAMINE', 'LIST', 'LSUB', 'STATUS', 'NAMESPACE', 'ENABLE', 'CLOSE', 'CHECK', 'UNSELECT'];
    const needSelected = ['FETCH', 'UID FETCH', 'SEARCH', 'UID SEARCH', 'STORE', 'UID STORE'];
    if (needAuth.includes(name) && this.state === 'not-authenticated') return this.send(`${tag} BAD Command not valid in this state`);
    if (needSelected.includes(name) && this.state !== 'selected') return this.send(`${tag} BAD No mailbox selected`);
    try {
      switch (name) {
        case 'CAPABILITY':
          this.send(`* CAPABILITY ${this.capabilities().join(' ')}`);
          return this.send(`${tag} OK CAPABILITY completed`);
        case 'NOOP':
        case 'CHECK':
          return this.send(`${tag} OK ${name} completed`);
        case 'ID':
          this.send('* ID ("name" "msscheck-sandbox")');
          return this.send(`${tag} OK ID completed`);
        case 'LOGOUT':
          this.send('* BYE logging out');
          this.send(`${tag} OK LOGOUT completed`);
          this.state = 'logout';
          this.socket.end();
          return;
        case 'STARTTLS':
          return this.startTls(tag);
        case 'LOGIN':
          return this.login(tag, tokenText(cmd.args[0]), tokenText(cmd.args[1]));
        case 'AUTHENTICATE':
          return await this.authenticate(tag, (tokenText(cmd.args[0]) ?? '').toUpperCase(), tokenText(cmd.args[1]));
        case 'NAMESPACE':
          this.send('* NAMESPACE (("" "/")) NIL NIL');
          return this.send(`${tag} OK NAMESPACE completed`);
        case 'ENABLE':
          this.send('* ENABLED');
          return this.send(`${tag} OK ENABLE completed`);
        case 'LIST':
        case 'LSUB': {
          const pattern = tokenText(cmd.args[1]) ?? '';
          if (pattern === '') this.send(`* ${name} (\\Noselect) "/" ""`);
          else if (/^(\*|%|INBOX)$/i.test(pattern)) this.send(`* ${name} (\\HasNoChildren) "/" INBOX`);
          return this.send(`${tag} OK ${name} completed`);
        }
        case 'STATUS': {
          if ((tokenText(cmd.args[0]) ?? '').toUpperCase() !== 'INBOX') return this.send(`${tag} NO [NONEXISTENT] No such mailbox`);
          const msgs = this.inbox();
          this.send(`* STATUS INBOX (MESSAGES ${msgs.length} RECENT 0 UIDNEXT ${this.uidNext(msgs)} UIDVALIDITY ${UID_VALIDITY} UNSEEN ${msgs.length})`);
          return this.send(`${tag} OK STATUS completed`);
        }
        case 'SELECT':
        case 'EXAMINE':
          return this.select(tag, name, tokenText(cmd.args[0]) ?? '');
        case 'CLOSE':
        case 'UNSELECT':
          this.state = 'authenticated';
          return this.send(`${tag} OK ${name} completed`);
        case 'FETCH':
        case 'UID FETCH':
          return this.fetch(tag, cmd, name === 'UID FETCH');
        case 'SEARCH':
        case 'UID SEARCH':
          return this.search(tag, cmd, name === 'UID SEARCH');
        case 'STORE':
        case 'UID STORE':
          return this.send(`${tag} NO [READ-ONLY] The sandbox mailbox is read-only`);
        default:
          return this.send(`${tag} BAD Unknown command ${name}`);
      }
    } catch (err) {
      this.send(`${tag} BAD ${(err as Error).message.replace(/[\r\n]/g, ' ')}`);
    }
  }

  private startTls(tag: string): void {
    if (this.tls || !this.opts.behaviour.starttls) return this.send(`${tag} BAD STARTTLS not available`);
    this.send(`${tag} OK Begin TLS negotiation now`);
    // Bytes sent after STARTTLS in the clear are discarded (command injection).
    this.buffer = Buffer.alloc(0);
    this.raw.removeAllListeners('data');
    const secure = new TLSSocket(this.raw, { isServer: true, secureContext: this.secureContext, requestCert: true, rejectUnauthorized: false });
    secure.on('error', () => this.raw.destroy());
    this.socket = secure;
    this.tls = true;
    this.attach(secure);
  }

  private findAccount(user: string | undefined): ImapAccount | undefined {
    const u = (user ?? '').toLowerCase();
    return this.opts.accounts().find((a) => a.address.toLowerCase() === u);
  }

  private succeed(tag: string, account: ImapAccount, how: string): void {
    this.user = account;
    this.state = 'authenticated';
    this.send(`${tag} OK [CAPABILITY ${['IMAP4rev1', 'LITERAL+', 'ID', 'NAMESPACE'].join(' ')}] ${how} authentication successful`);
  }

  private login(tag: string, user: string | undefined, password: string | undefined): void {
    if (this.state !== 'not-authenticated') return this.send(`${tag} BAD Already authenticated`);
    if (!this.tls) return this.send(`${tag} NO [PRIVACYREQUIRED] LOGIN is disabled before STARTTLS`);
    if (!this.opts.behaviour.passwordLogin) return this.send(`${tag} NO [CANNOT] Password login is not offered: use XOAUTH2 or EXTERNAL`);
    const account = this.findAccount(user);
    if (!account?.password || account.password !== password) return this.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`);
    this.succeed(tag, account, 'LOGIN');
  }

  private async authenticate(tag: string, mechanism: string, initial: string | undefined): Promise<void> {
    if (this.state !== 'not-authenticated') return this.send(`${tag} BAD Already authenticated`);
    const b = this.opts.behaviour;
    const offered =
      (this.tls && (mechanism === 'XOAUTH2' || mechanism === 'EXTERNAL' || (mechanism === 'OAUTHBEARER' && b.oauthbearer))) ||
      (this.tls && (mechanism === 'PLAIN' || mechanism === 'LOGIN') && b.passwordLogin);
    if (!offered) {
      if (!this.tls) return this.send(`${tag} NO [PRIVACYREQUIRED] Authentication requires STARTTLS`);
      return this.send(`${tag} NO [CANNOT] Mechanism ${mechanism} is not offered`);
    }
    const response = async (): Promise<string> => {
      if (initial !== undefined) return initial === '=' ? '' : initial;
      this.send('+ ');
      return this.readContinuation();
    };
    switch (mechanism) {
      case 'XOAUTH2':
      case 'OAUTHBEARER': {
        const payload = await response();
        if (payload === '*') return this.send(`${tag} BAD Authentication cancelled`);
        const decoded = mechanism === 'XOAUTH2' ? decodeXoauth2(payload) : decodeOauthbearer(payload);
        const account = this.findAccount(decoded?.user);
        let ok = false;
        const verifier = this.opts.tokenVerifier();
        // The verifier alone judges the token (issuer, expiry, audience, acr, active); the user must name a mailbox.
        if (decoded?.token && account && verifier) ok = (await verifier.verify(decoded.token)).ok;
        if (ok && account) return this.succeed(tag, account, mechanism);
        if (!b.xoauth2ErrorFormat && mechanism === 'XOAUTH2') return this.send(`${tag} NO Authentication failed`);
        this.send(`+ ${mechanism === 'XOAUTH2' ? xoauth2ErrorChallenge() : oauthbearerErrorChallenge()}`);
        await this.readContinuation();
        return this.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid bearer token`);
      }
      case 'EXTERNAL': {
        const payload = await response();
        if (payload === '*') return this.send(`${tag} BAD Authentication cancelled`);
        const authzid = decodeExternal(payload);
        const peer = (this.socket as TLSSocket).getPeerCertificate?.();
        const der = peer && 'raw' in peer ? peer.raw : undefined;
        const verdict = await checkClientCertificate(der, this.opts.trust, this.opts.now(), b.clientCertChecks);
        if (!verdict.ok) return this.send(`${tag} NO [AUTHENTICATIONFAILED] Client certificate refused (${verdict.reason})`);
        const account = mailboxForCertificate(verdict, this.opts.accounts(), authzid);
        if (!account) return this.send(`${tag} NO [AUTHORIZATIONFAILED] The certificate maps to no mailbox`);
        return this.succeed(tag, account, 'EXTERNAL');
      }
      case 'PLAIN': {
        const plain = decodePlain(await response());
        const account = this.findAccount(plain?.user);
        if (!plain || !account?.password || account.password !== plain.password) return this.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`);
        return this.succeed(tag, account, 'PLAIN');
      }
      case 'LOGIN': {
        this.send(`+ ${Buffer.from('Username:').toString('base64')}`);
        const user = Buffer.from(await this.readContinuation(), 'base64').toString('utf8');
        this.send(`+ ${Buffer.from('Password:').toString('base64')}`);
        const password = Buffer.from(await this.readContinuation(), 'base64').toString('utf8');
        const account = this.findAccount(user);
        if (!account?.password || account.password !== password) return this.send(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`);
        return this.succeed(tag, account, 'LOGIN');
      }
    }
  }

  private inbox(): ImapMessage[] {
    return inboxOf(this.user!.address, this.opts.messages(), new Date(Date.UTC(2025, 0, 1)), this.opts.seed);
  }

  private uidNext(msgs: ImapMessage[]): number {
    return (msgs.at(-1)?.uid ?? 0) + 1;
  }

  private select(tag: string, name: string, mailbox: string): void {
    if (mailbox.toUpperCase() !== 'INBOX') {
      this.state = 'authenticated';
      return this.send(`${tag} NO [NONEXISTENT] No such mailbox`);
    }
    this.selected = this.inbox();
    this.state = 'selected';
    this.send('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
    this.send('* OK [PERMANENTFLAGS ()] No permanent flags');
    this.send(`* ${this.selected.length} EXISTS`);
    this.send('* 0 RECENT');
    this.send(`* OK [UIDVALIDITY ${UID_VALIDITY}] UIDs valid`);
    this.send(`* OK [UIDNEXT ${this.uidNext(this.selected)}] Predicted next UID`);
    this.send(`${tag} OK [READ-ONLY] ${name} completed`);
  }

  /** Sequence numbers (1-based) the set designates, by message number or by UID. */
  private designated(set: string, byUid: boolean): number[] {
    if (!byUid) return expandSequenceSet(set, this.selected.length);
    const maxUid = this.selected.at(-1)?.uid ?? 0;
    const uids = new Set(expandSequenceSet(set, maxUid));
    // `n:*` always includes the highest UID (RFC 3501 §6.4.8).
    if (/\*/.test(set) && maxUid) uids.add(maxUid);
    return this.selected.flatMap((m, i) => (uids.has(m.uid) ? [i + 1] : []));
  }

  private fetch(tag: string, cmd: ParsedCommand, byUid: boolean): void {
    const set = tokenText(cmd.args[0]);
    if (!set) return this.send(`${tag} BAD Missing sequence set`);
    const items = parseFetchItems(cmd.args[1]);
    for (const seq of this.designated(set, byUid)) this.send(fetchResponse(seq, this.selected[seq - 1]!, items, byUid));
    this.send(`${tag} OK ${byUid ? 'UID FETCH' : 'FETCH'} completed`);
  }

  private search(tag: string, cmd: ParsedCommand, byUid: boolean): void {
    let seqs = this.selected.map((_, i) => i + 1);
    const args = cmd.args.map((a) => tokenText(a) ?? '');
    for (let i = 0; i < args.length; i++) {
      const key = args[i]!.toUpperCase();
      if (key === 'UID') {
        const allowed = new Set(this.designated(args[++i] ?? '', true));
        seqs = seqs.filter((s) => allowed.has(s));
      } else if (/^[\d:*,]+$/.test(key)) {
        const allowed = new Set(this.designated(key, false));
        seqs = seqs.filter((s) => allowed.has(s));
      } else if (key === 'SEEN' || key === 'DELETED' || key === 'FLAGGED' || key === 'ANSWERED') seqs = [];
      // ALL, UNSEEN, CHARSET x and other keys leave the set as it is (every message is unseen).
      else if (key === 'CHARSET') i++;
    }
    const values = byUid ? seqs.map((s) => this.selected[s - 1]!.uid) : seqs;
    this.send(`* SEARCH${values.length ? ` ${values.join(' ')}` : ''}`);
    this.send(`${tag} OK SEARCH completed`);
  }
}
