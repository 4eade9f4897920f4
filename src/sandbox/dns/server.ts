/**
 * A loopback authoritative DNS server over UDP: answers A, AAAA, MX and SRV questions from a fixed
 * list of records; NXDOMAIN for a name it does not know, an empty answer for a known name without
 * records of the asked type. Used by the sandbox operator and by tests that need MX/SRV data
 * without the internet.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { type DnsRecord, RCODE, TYPE_CODES, readQuestion, writeAnswer, writeFormatError } from './wire.js';

export interface DnsServerOptions {
  /** Loopback address to bind (port 0: ephemeral). */
  host: string;
  port?: number;
  /** The zone data; may be replaced while the server runs (`setRecords`). */
  records: readonly DnsRecord[];
  /** Names (lower case, no final dot) the server answers SERVFAIL for (to exercise client errors). */
  failNames?: readonly string[];
  /** Names the server never answers (the client times out). */
  silentNames?: readonly string[];
}

export interface RunningDnsServer {
  host: string;
  port: number;
  /** The resolver address to give a client: `127.0.0.1:PORT` or `[::1]:PORT`. */
  address: string;
  /** Questions received, in order (`name TYPE`), for tests. */
  readonly queries: string[];
  setRecords(records: readonly DnsRecord[]): void;
  close(): Promise<void>;
}

const TYPE_NAMES = new Map(Object.entries(TYPE_CODES).map(([k, v]) => [v as number, k]));
const normal = (name: string): string => name.replace(/\.$/, '').toLowerCase();

export async function startDnsServer(options: DnsServerOptions): Promise<RunningDnsServer> {
  let records = options.records;
  const fail = new Set((options.failNames ?? []).map(normal));
  const silent = new Set((options.silentNames ?? []).map(normal));
  const queries: string[] = [];
  const socket: Socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');

  socket.on('message', (packet, peer) => {
    const question = readQuestion(packet);
    let reply: Buffer | undefined;
    if (!question) {
      reply = writeFormatError(packet);
    } else {
      queries.push(`${question.name} ${TYPE_NAMES.get(question.type) ?? question.type}`);
      if (silent.has(question.name)) return;
      if (fail.has(question.name)) reply = writeAnswer(question, [], RCODE.SERVFAIL);
      else {
        const forName = records.filter((r) => normal(r.name) === question.name);
        const answers = forName.filter((r) => TYPE_CODES[r.type] === question.type);
        reply = writeAnswer(question, answers, forName.length ? RCODE.NOERROR : RCODE.NXDOMAIN);
      }
    }
    if (reply) socket.send(reply, peer.port, peer.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => undefined); // a late send error on loopback must not crash the process
  const { port } = socket.address();
  return {
    host: options.host,
    port,
    address: isIPv6(options.host) ? `[${options.host}]:${port}` : `${options.host}:${port}`,
    queries,
    setRecords(next) {
      records = next;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
