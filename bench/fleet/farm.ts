/**
 * A farm of lightweight STARTTLS MTAs on loopback, for the fleet benchmark: `count` endpoints spread
 * over 127.0.0.2…127.0.0.9 (ephemeral ports), each speaking just enough SMTP (EHLO, STARTTLS, QUIT)
 * to be judged by the transport and certificate families. Some carry a seeded defect:
 * `no-starttls` (STARTTLS not offered), `expired` (an expired SERV SSL certificate), `tls10` (TLS
 * 1.0 accepted). Counts every TLS handshake it completes or refuses, to compare with the minimum.
 *
 * Run as a child process: prints `READY <json>` with the endpoints, answers `stats` on stdin.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { TLSSocket, createSecureContext } from 'node:tls';
import { resolve } from 'node:path';
import { HARDENED_CIPHERS } from '../../src/sandbox/tls-ciphers.js';

export type FarmDefect = 'no-starttls' | 'expired' | 'tls10';
export interface FarmEndpoint {
  id: string;
  host: string;
  port: number;
  defect?: FarmDefect;
}

const PKI = resolve('fixtures/pki');
const pem = (p: string): string => readFileSync(resolve(PKI, p), 'utf8');
const chainOf = (name: string): string => pem(`chains/${name}.chain.pem`);

/** Every 10th endpoint carries a defect, in turn. */
export function defectOf(i: number): FarmDefect | undefined {
  if (i % 10 !== 3) return undefined;
  return (['no-starttls', 'expired', 'tls10'] as const)[Math.floor(i / 10) % 3];
}

/**
 * Handshakes begun (`attempts`: one per STARTTLS accepted), completed and failed. A client that
 * closes at once after a TLS 1.3 handshake may leave the server neither event: `attempts` is the count.
 */
const stats = { attempts: 0, handshakes: 0, refused: 0, connections: 0 };

function serve(defect: FarmDefect | undefined): Server {
  const name = defect === 'expired' ? 'serv-ssl-expired' : 'serv-ssl-sandbox';
  const context = createSecureContext({
    key: pem(`keys/${name}.key.pem`),
    cert: chainOf(name),
    minVersion: defect === 'tls10' ? 'TLSv1' : 'TLSv1.2',
    // The sandbox's forward-secret AEAD list (TLS 1.0 needs the legacy suites and security level 0).
    ciphers: defect === 'tls10' ? 'DEFAULT:@SECLEVEL=0' : HARDENED_CIPHERS,
  });
  return createServer((socket: Socket) => {
    stats.connections++;
    socket.setTimeout(15_000, () => socket.destroy());
    socket.on('error', () => undefined);
    const speak = (s: Socket | TLSSocket, secure: boolean): void => {
      let buffer = '';
      const onData = (chunk: Buffer): void => {
        buffer += chunk.toString('latin1');
        if (buffer.length > 4096) return void s.destroy();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          const verb = line.split(' ')[0]!.toUpperCase();
          if (verb === 'EHLO') s.write(secure || defect === 'no-starttls' ? '250-mx.farm.test\r\n250-8BITMIME\r\n250 SIZE 26214400\r\n' : '250-mx.farm.test\r\n250-8BITMIME\r\n250-SIZE 26214400\r\n250 STARTTLS\r\n');
          else if (verb === 'HELO') s.write('250 mx.farm.test\r\n');
          else if (verb === 'STARTTLS' && !secure && defect !== 'no-starttls') {
            s.removeListener('data', onData);
            s.write('220 2.0.0 Ready to start TLS\r\n', () => {
              stats.attempts++;
              const tls = new TLSSocket(s as Socket, { isServer: true, secureContext: context });
              tls.on('secure', () => {
                stats.handshakes++;
                speak(tls, true);
              });
              tls.on('error', () => {
                stats.refused++;
                tls.destroy();
              });
            });
            return;
          } else if (verb === 'QUIT') {
            s.end('221 2.0.0 Bye\r\n');
            return;
          } else if (verb === 'MAIL' && !secure) s.write('530 5.7.0 Must issue a STARTTLS command first\r\n');
          else if (verb === 'RSET' || verb === 'NOOP') s.write('250 2.0.0 OK\r\n');
          else s.write('502 5.5.2 Command not recognised\r\n');
        }
      };
      s.on('data', onData);
    };
    socket.write('220 mx.farm.test ESMTP msscheck bench farm\r\n');
    speak(socket, false);
  });
}

export async function startFarm(count: number): Promise<{ endpoints: FarmEndpoint[]; close(): Promise<void> }> {
  const servers: Server[] = [];
  const endpoints: FarmEndpoint[] = [];
  for (let i = 0; i < count; i++) {
    const defect = defectOf(i);
    const host = `127.0.0.${2 + (i % 8)}`;
    const server = serve(defect);
    await new Promise<void>((ok, ko) => server.once('error', ko).listen(0, host, () => ok()));
    servers.push(server);
    endpoints.push({ id: `op-${String(i).padStart(4, '0')}`, host, port: (server.address() as { port: number }).port, defect });
  }
  return { endpoints, close: async () => void (await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))) };
}

if (process.argv[1]?.endsWith('farm.ts')) {
  const count = Number(process.argv[2] ?? 1000);
  const farm = await startFarm(count);
  process.stdout.write(`READY ${JSON.stringify(farm.endpoints)}\n`);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line === 'stats') process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
    if (line === 'reset') Object.assign(stats, { attempts: 0, handshakes: 0, refused: 0, connections: 0 });
  });
  rl.on('close', () => void farm.close().then(() => process.exit(0)));
}
