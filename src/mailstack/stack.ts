/**
 * The real mail stack: Debian's Postfix (operator MTA) and Dovecot (IMAP + submission) started as an
 * MSSanté-like operator on 127.0.0.1, free high ports, own config and data under one temp dir
 * (`postfix -c DIR`, `dovecot -c FILE`, nothing read from /etc), TLS with the test PKI's SERV SSL
 * certificate, PSC tokens checked by introspection at the sandbox's Pro Santé Connect (started here,
 * alone). `stop()` stops everything it started and checks that no process is left.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pkiItem, pkiManifest, pkiPath, pkiTrust, PKI_DIR } from '../pki/fixtures.js';
import { loadPscConfig } from '../sandbox/psc/config.js';
import { pscComponent } from '../sandbox/psc/index.js';
import { PSC_ROUTES } from '../sandbox/psc/routes.js';
import { startCrlMirror } from '../sandbox/crl/index.js';
import { startDnsServer } from '../sandbox/dns/server.js';
import { SANDBOX_HOSTS, sandboxZone } from '../sandbox/dns/zone.js';
import { ocspBook } from '../sandbox/ocsp/book.js';
import { startOcspResponder } from '../sandbox/ocsp/responder.js';
import type { SandboxComponent } from '../sandbox/types.js';
import { loadTargetFile, type ResolvedTarget, type TargetProfile } from '../target/profile.js';
import { accountIds, BINARIES, mailStackAvailability } from './availability.js';
import { freeLoopbackPorts } from './ports.js';
import { isAlive, processTree, readPidFile, runCommand, waitGone, waitListening } from './processes.js';
import { renderTemplate } from './render.js';
import { deliverMessage } from './seed.js';
import { liveValidity, writeLiveCrls } from './live-revocation.js';
import { brokenDhParams } from '../pki/broken-dh.js';
import { MAILSTACK_FIXTURES, mailStackVariant, type MailStackVariant } from './variants.js';

export const MAILSTACK_TARGET_TEMPLATE = fileURLToPath(new URL('../../fixtures/targets/mailstack.template.yaml', import.meta.url));
const DH_FILE = '/usr/share/dovecot/dh.pem';
const SEED_MESSAGE = fileURLToPath(new URL('../../fixtures/messages/ok-documents.eml', import.meta.url));
const HOST = '127.0.0.1';
/** Dovecot's address: see the comment on `listen` in fixtures/mailstack/dovecot.conf. */
const DOVECOT_HOST = '127.0.0.2';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;

export interface MailStackOptions {
  /** Variant name in fixtures/mailstack/variants.yaml (default `clean`), or the variant itself. */
  variant?: string | MailStackVariant;
  /** Mail domain served (default: the sandbox's, which the test certificates name). */
  domain?: string;
  /** Keep the temp dir after stop (configs and logs), for a person to read. */
  keepDir?: boolean;
  /** Deliver fixtures/messages/ok-documents.eml to the first PSC identity's mailbox (default true). */
  seedMessage?: boolean;
}

export interface MailStackPorts {
  mta: number;
  submission: number;
  imap: number;
  /** Postfix's internal relay port for Dovecot submission (plain, loopback, never in the profile). */
  relay: number;
}

export interface RunningMailStack {
  dir: string;
  variant: MailStackVariant;
  ports: MailStackPorts;
  /** The rendered target profile (inside `dir`), and the same loaded and validated. */
  targetFile: string;
  target: ResolvedTarget;
  versions: { postfix: string; dovecot: string };
  /** Every process of the stack alive now (Postfix and Dovecot masters and their children). */
  processes(): number[];
  /** The last lines of the Postfix and Dovecot logs (no secrets are logged at this log level). */
  logTail(lines?: number): string;
  /** Stops Dovecot, Postfix and the PSC; throws MAILSTACK_LEFTOVER if a process survived. */
  stop(): Promise<void>;
}

export class MailStackError extends Error {
  constructor(
    readonly code: 'MAILSTACK_UNAVAILABLE' | 'MAILSTACK_CONFIG' | 'MAILSTACK_START' | 'MAILSTACK_LEFTOVER',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'MailStackError';
  }
}

function write(path: string, text: string, mode = 0o644, group?: number): void {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  if (group !== undefined) chownSync(path, 0, group);
}

/** IGC-Santé TEST CAs (roots + intermediates) followed by their CRLs in PEM, for Dovecot's ssl_ca. */
function caWithCrls(): string {
  const chain = readFileSync(pkiTrust().igcChain, 'utf8');
  const crls = pkiManifest()
    .crls.filter((c) => !c.file.startsWith('AUTRE'))
    .map((c) => {
      const b64 = readFileSync(pkiPath(c.path)).toString('base64').replace(/(.{64})/g, '$1\n');
      return `-----BEGIN X509 CRL-----\n${b64.trimEnd()}\n-----END X509 CRL-----\n`;
    });
  return `${chain.trimEnd()}\n${crls.join('')}`;
}

function tail(path: string, lines: number): string {
  if (!existsSync(path)) return `(${path}: no log)`;
  const all = readFileSync(path, 'utf8').trimEnd().split('\n');
  return `== ${path}\n${all.slice(-lines).join('\n')}`;
}

export async function startMailStack(options: MailStackOptions = {}): Promise<RunningMailStack> {
  // Postfix and Dovecot need their port numbers in their configs, so the ports are chosen free and
  // released first (ports.ts): another process on the machine (a test server on an ephemeral port)
  // may take one in between, and the daemon then fails to bind. That start is retried with new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startMailStackOnce(options);
    } catch (err) {
      if (attempt >= PORT_RACE_ATTEMPTS || !(err instanceof MailStackError) || err.code !== 'MAILSTACK_START' || !/Address already in use/i.test(err.message)) throw err;
    }
  }
}

/** Starts with new ports when a daemon could not bind one (taken between its choice and the daemon's start). */
const PORT_RACE_ATTEMPTS = 3;

async function startMailStackOnce(options: MailStackOptions): Promise<RunningMailStack> {
  const availability = mailStackAvailability();
  if (!availability.ok) throw new MailStackError('MAILSTACK_UNAVAILABLE', availability.reason);
  const variant = typeof options.variant === 'object' ? options.variant : mailStackVariant(options.variant ?? 'clean');
  const domain = options.domain ?? 'sandbox.mssante.test';

  const dir = mkdtempSync(join(tmpdir(), 'msscheck-mailstack-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  const masters: { name: string; pidFile: string; stop: () => Promise<unknown> }[] = [];

  const allProcesses = (): number[] => masters.flatMap((m) => {
    const pid = readPidFile(m.pidFile);
    return pid && isAlive(pid) ? processTree(pid) : [];
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const leftovers: number[] = [];
    for (const m of [...masters].reverse()) {
      const pid = readPidFile(m.pidFile);
      if (!pid || !isAlive(pid)) continue;
      const tree = processTree(pid);
      await m.stop();
      let alive = await waitGone(tree, STOP_TIMEOUT_MS);
      // The master did not take its children down in time: they are ours, end them by pid.
      for (const p of alive) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      alive = await waitGone(alive, 5_000);
      leftovers.push(...alive);
    }
    for (const s of stops.reverse()) await s().catch(() => undefined);
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
    if (leftovers.length) throw new MailStackError('MAILSTACK_LEFTOVER', `processes still alive after stop: ${leftovers.join(', ')}`);
  };

  try {
    // 1. The sandbox's Pro Santé Connect alone: the introspection endpoint Dovecot asks.
    const pscDir = join(dir, 'psc');
    mkdirSync(pscDir, { mode: 0o700 });
    const pscProfile: TargetProfile = { operator: { name: 'psc' }, domains: [domain], endpoints: {}, auth: { declared: [] }, mailboxes: [] };
    const psc: SandboxComponent = await pscComponent.start({ defects: new Set(), host: HOST, pkiDir: PKI_DIR, workDir: pscDir, profile: pscProfile, services: {} });
    stops.push(() => psc.stop());
    psc.contribute(pscProfile);
    const pscConfig = loadPscConfig();
    const issuer = pscProfile.endpoints.oidc!.issuer;
    const client = pscProfile.oidcClient!;
    const secretFile = client.clientSecret!.replace(/^file:/, '');
    const clientSecret = readFileSync(secretFile, 'utf8').trim();
    const introspection = new URL(`${issuer}${PSC_ROUTES.introspection}`);
    introspection.username = encodeURIComponent(client.clientId);
    introspection.password = encodeURIComponent(clientSecret);

    // The IGC-Santé CRLs, served by file name as the sandbox does (endpoints.crl of the profile).
    // With `revocation: live`, re-issued now and answered with OCSP responses dated now, as a live CA does.
    const live = variant.revocation === 'live';
    const crl = await startCrlMirror(live ? await writeLiveCrls(join(dir, 'crl-live'), new Date()) : join(PKI_DIR, 'crl'), HOST);
    stops.push(() => crl.close());
    // And their OCSP responder (endpoints.ocsp of the profile), so that no OCSP request leaves the machine.
    const ocsp = await startOcspResponder(ocspBook(pkiManifest(), PKI_DIR), HOST, live ? { validity: liveValidity(new Date()) } : {});
    stops.push(() => ocsp.close());

    // 2. Ports, accounts, versions.
    const [mta, relay] = (await freeLoopbackPorts(2, HOST)) as [number, number];
    const [submission, imap] = (await freeLoopbackPorts(2, DOVECOT_HOST)) as [number, number];
    const ports: MailStackPorts = { mta, submission, imap, relay };
    const mail = accountIds('nobody');
    const dovecotGid = accountIds('dovecot').gid;
    const versions = {
      postfix: (await runCommand(BINARIES.postconf, ['-d', '-h', 'mail_version'])).stdout.trim(),
      dovecot: (await runCommand(BINARIES.dovecot, ['--version'])).stdout.trim().split(' ')[0] ?? '',
    };
    const server = pkiItem('serv-ssl-sandbox');
    const values: Record<string, string | number> = {
      DIR: dir,
      ID: dir.slice(-6).replace(/[^A-Za-z0-9]/g, 'x'),
      DOMAIN: domain,
      PKI: PKI_DIR.replace(/\/$/, ''),
      MTA_PORT: mta,
      SUBMISSION_PORT: submission,
      IMAP_PORT: imap,
      RELAY_PORT: relay,
      MAIL_UID: mail.uid,
      MAIL_GID: mail.gid,
      SERVER_CHAIN: server.chainPath,
      SERVER_KEY: server.keyPath,
      IGC_CHAIN: pkiTrust().igcChain,
      CA_WITH_CRLS: join(dir, 'dovecot', 'ca-with-crls.pem'),
      DH_FILE,
      BROKEN_DH_FILE: join(dir, 'dovecot', 'dh-generator-1.pem'),
      DOVECOT_HOST,
      CRL_URL: crl.url,
      OCSP_URL: ocsp.url,
      INTROSPECTION_URL: introspection.href,
      MAIL_AUDIENCE: pscConfig.mailAudience,
      PSC_ISSUER: issuer,
      PSC_CLIENT_ID: client.clientId,
      PSC_CLIENT_SECRET_FILE: secretFile,
      POSTFIX_VERSION: versions.postfix,
      DOVECOT_VERSION: versions.dovecot,
      VARIANT_NOTE: variant.name === 'clean' ? '' : ` [misconfigured variant ${variant.name}]`,
    };
    const template = (name: string) => renderTemplate(readFileSync(join(MAILSTACK_FIXTURES, name), 'utf8'), values, name);

    // 3. Mailboxes: one per PSC identity (account = national identifier), the APP mailbox, the CPS holder.
    const identities = pscConfig.identities.map((i) => ({ address: i.address.replace(/@.*$/, `@${domain}`), account: i.nationalId, home: i.nationalId }));
    const cps = { address: `dr.cps@${domain}`, account: '899700000001', home: '899700000001' };
    const app = { address: `app@${domain}`, account: `app@${domain}`, home: 'app' };
    const mailboxes = [...identities, app, cps, { address: `postmaster@${domain}`, account: `postmaster@${domain}`, home: 'postmaster' }];
    const password = randomBytes(18).toString('base64url');

    mkdirSync(join(dir, 'mail'), { mode: 0o700 });
    chownSync(join(dir, 'mail'), mail.uid, mail.gid);
    for (const sub of ['postfix', 'dovecot', 'postfix-queue', 'postfix-data']) mkdirSync(join(dir, sub), { mode: 0o755 });
    const postfixUser = accountIds('postfix');
    chownSync(join(dir, 'postfix-data'), postfixUser.uid, postfixUser.gid);

    // 4. Postfix.
    const peer = new X509Certificate(pkiItem('serv-ssl-peer').cert);
    write(join(dir, 'postfix', 'main.cf'), `${template('postfix-main.cf')}\n# variant ${variant.name}: ${variant.description}\n${variant.postfixMain}`);
    write(join(dir, 'postfix', 'master.cf'), template('postfix-master.cf'));
    write(join(dir, 'postfix', 'virtual-mailboxes'), mailboxes.map((m) => `${m.address} ${m.home}/Maildir/\n`).join(''));
    write(join(dir, 'postfix', 'peer-certificates'), `# SHA-256 fingerprints of the listed peer operators' SERV SSL certificates\n${peer.fingerprint256} OK\n`);

    // 5. Dovecot.
    write(join(dir, 'dovecot', 'dovecot.conf'), `${template('dovecot.conf')}\n# variant ${variant.name}: ${variant.description}\n${renderTemplate(variant.dovecot, values, `variant ${variant.name}`)}`);
    write(join(dir, 'dovecot', 'ca-with-crls.pem'), caWithCrls());
    write(join(dir, 'dovecot', 'dh-generator-1.pem'), brokenDhParams(), 0o640, dovecotGid);
    for (const ext of ['oauth2-active.conf.ext', 'oauth2-acr.conf.ext', 'oauth2-audience.conf.ext']) {
      write(join(dir, 'dovecot', ext), `${template(ext)}${variant.oauth2 ? `\n# variant ${variant.name}\n${variant.oauth2}\n` : ''}`, 0o640, dovecotGid);
    }
    write(join(dir, 'dovecot', 'certificate-accounts'), [app.account, cps.account].map((a) => `${a}:::::::nopassword=y\n`).join(''));
    write(join(dir, 'dovecot', 'password-accounts'), `${cps.address}:{PLAIN}${password}::::::\n`, 0o640, dovecotGid);
    const accounts = [...identities, app, cps, { ...cps, account: cps.address }];
    write(join(dir, 'dovecot', 'users'), accounts.map((m) => `${m.account}::${mail.uid}:${mail.gid}::${join(dir, 'mail', m.home)}::\n`).join(''));
    write(join(dir, 'mailbox-password.secret'), `${password}\n`, 0o600);

    // 6. The target profile.
    const targetFile = join(dir, 'target.yaml');
    write(targetFile, renderTemplate(readFileSync(MAILSTACK_TARGET_TEMPLATE, 'utf8'), values, MAILSTACK_TARGET_TEMPLATE));
    const target = loadTargetFile(targetFile);
    target.profile.mailboxes = [
      ...identities.map((i, n) => ({ address: i.address, type: 'PER' as const, nationalId: pscConfig.identities[n]!.nationalId, login: i.account })),
      ...(target.profile.mailboxes ?? []),
    ];
    // The operator's DNS (RFC 6186 SRV for submission and IMAP, MX for the MTA) on a loopback resolver,
    // as a correctly set-up operator publishes it: the sandbox's zone, with each name at the address
    // its endpoint listens on (Dovecot on DOVECOT_HOST, Postfix on HOST).
    const zone = sandboxZone(target.profile, new Set(), DOVECOT_HOST).map((r) =>
      r.type === 'A' && r.name.startsWith(`${SANDBOX_HOSTS.mx}.`) ? { ...r, address: HOST } : r,
    );
    const dns = await startDnsServer({ host: HOST, records: zone });
    stops.push(() => dns.close());
    target.profile.dns = { ...(target.profile.dns ?? {}), servers: [dns.address] };
    // Keep the file the CLI reads identical to what the tests run against.
    const { stringify } = await import('yaml');
    write(targetFile, `# msscheck real mail stack target profile (valid while the stack runs), variant ${variant.name}\n${stringify(target.profile)}`);

    // 7. Start Postfix, then Dovecot.
    const postfixDir = join(dir, 'postfix');
    const check = await runCommand(BINARIES.postfix, ['-c', postfixDir, 'check']);
    if (check.code !== 0) throw new MailStackError('MAILSTACK_CONFIG', `postfix check failed: ${check.stderr.trim()}`);
    masters.push({ name: 'postfix', pidFile: join(dir, 'postfix-queue', 'pid', 'master.pid'), stop: () => runCommand(BINARIES.postfix, ['-c', postfixDir, 'stop']) });
    const pf = await runCommand(BINARIES.postfix, ['-c', postfixDir, 'start']);
    if (pf.code !== 0) throw new MailStackError('MAILSTACK_START', `postfix start failed: ${pf.stderr.trim()}`);
    const dovecotConf = join(dir, 'dovecot', 'dovecot.conf');
    const dc = await runCommand(BINARIES.doveconf, ['-c', dovecotConf, '-n']);
    if (dc.code !== 0) throw new MailStackError('MAILSTACK_CONFIG', `doveconf rejects the configuration: ${dc.stderr.trim()}`);
    masters.push({ name: 'dovecot', pidFile: join(dir, 'dovecot-run', 'master.pid'), stop: () => runCommand(BINARIES.dovecot, ['-c', dovecotConf, 'stop']) });
    const dv = await runCommand(BINARIES.dovecot, ['-c', dovecotConf]);
    if (dv.code !== 0) throw new MailStackError('MAILSTACK_START', `dovecot start failed: ${dv.stderr.trim()}`);

    for (const [name, port] of Object.entries(ports)) {
      if (!(await waitListening(name === 'mta' || name === 'relay' ? HOST : DOVECOT_HOST, port, START_TIMEOUT_MS))) {
        throw new MailStackError('MAILSTACK_START', `${name} port ${port} is not listening after ${START_TIMEOUT_MS / 1000} s\n${tail(join(dir, 'postfix.log'), 20)}\n${tail(join(dir, 'dovecot.log'), 20)}`);
      }
    }

    // 8. A conformant message in the first identity's mailbox, through Postfix.
    if (options.seedMessage ?? true) {
      const first = identities[0]!;
      await deliverMessage({ host: HOST, port: relay, from: `postmaster@${domain}`, to: first.address, emlPath: SEED_MESSAGE, maildir: join(dir, 'mail', first.home, 'Maildir') });
    }

    return {
      dir,
      variant,
      ports,
      targetFile,
      target,
      versions,
      processes: allProcesses,
      logTail: (lines = 40) => `${tail(join(dir, 'postfix.log'), lines)}\n${tail(join(dir, 'dovecot.log'), lines)}`,
      stop,
    };
  } catch (err) {
    const logs = `${tail(join(dir, 'postfix.log'), 15)}\n${tail(join(dir, 'dovecot.log'), 15)}`;
    await stop().catch(() => undefined);
    if (err instanceof MailStackError && err.code !== 'MAILSTACK_START') throw err;
    if (err instanceof MailStackError) throw new MailStackError(err.code, `${err.message.replace(/^MAILSTACK_START: /, '')}\n${logs}`);
    throw err;
  }
}
