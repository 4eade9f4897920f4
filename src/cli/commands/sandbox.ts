import { stringify } from 'yaml';
import { listDefects, startSandbox } from '../../sandbox/operator.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import type { Io } from '../main.js';
import { translator } from '../../i18n/index.js';
import { localise } from '../../i18n/data.js';
import { parseList } from '../options.js';
import { relative, resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { fetchSandboxToken, findIdentity, readSandboxProfile, sandboxStatePath } from '../../sandbox/vendor-token.js';

export interface SandboxFlags {
  defects?: string;
  printTarget?: string;
  listDefects?: boolean;
  json?: boolean;
  store?: string;
}

/** `msscheck sandbox`: list the defects, or run the sandbox operator until interrupted. */
export async function sandboxCommand(flags: SandboxFlags, io: Io, until?: Promise<void>): Promise<number> {
  if (flags.listDefects) {
    const defects = listDefects();
    if (flags.json) io.stdout.write(`${JSON.stringify(defects, null, 2)}\n`);
    else {
      const tr = translator(io.lang ?? 'en');
      const line = (id: string, list: string[] | undefined): string => (list?.length ? `  ${tr.t(id, { list: list.join(', ') })}\n` : '');
      const loc = localise(io.lang ?? 'en');
      for (const d of defects) io.stdout.write(`${d.name}\n  ${loc.defectDescription(d.name, d.description)}\n  ${tr.t('defect-fails', { list: d.fails.join(', ') || '-' })}\n${line('defect-warns', d.warns)}${line('defect-reviews', d.reviews)}${line('defect-inconclusive', d.inconclusive)}`);
    }
    return 0;
  }
  const storeDir = flags.store ? resolve(io.cwd, flags.store) : undefined;
  const tr = translator(io.lang ?? 'en');
  const sandbox = await startSandbox({
    defects: parseList(flags.defects),
    storeDir,
    // One line per message received, so that a vendor sees their client's message arrive.
    onMessage: (m, n) =>
      io.stderr.write(
        `${tr.t('sandbox-message', { n, endpoint: m.endpoint === 'smtpSubmission' ? 'submission' : 'MTA', from: m.from, to: m.to.map((t) => `<${t}>`).join(', '), bytes: String(m.raw.length) })}${
          storeDir ? ` -> ${relative(io.cwd, resolve(storeDir, `${String(n).padStart(4, '0')}-${m.endpoint}.eml`))}` : ''
        }\n`,
      ),
  });
  const statePath = sandboxStatePath(io.env);
  try {
    const yaml = `# ${tr.t('sandbox-profile-comment')}\n${stringify(sandbox.target.profile)}`;
    if (flags.printTarget) writeFileAtomic(resolve(io.cwd, flags.printTarget), yaml);
    // The state file lets `msscheck sandbox token` find this sandbox; removed when it stops.
    writeFileAtomic(statePath, yaml);
    io.stdout.write(yaml);
    io.stderr.write(`${sandbox.defects.length ? tr.t('sandbox-running-defects', { defects: sandbox.defects.join(', ') }) : tr.t('sandbox-running')}\n`);
    const submission = sandbox.target.profile.endpoints.smtpSubmission;
    io.stderr.write(`${tr.t('sandbox-identities', { endpoint: submission ? `${submission.host}:${submission.port}` : '?' })}\n`);
    for (const m of (sandbox.target.profile.mailboxes ?? []).filter((x) => x.nationalId)) {
      io.stderr.write(`  ${m.address} (${m.pscTestRole ?? 'no role'}): msscheck sandbox token --identity ${m.address.split('@')[0]}\n`);
    }
    if (flags.store) io.stderr.write(`${tr.t('sandbox-store', { dir: flags.store })}\n`);
    await (until ??
      new Promise<void>((r) => {
        process.once('SIGINT', () => r());
        process.once('SIGTERM', () => r());
      }));
  } finally {
    rmSync(statePath, { force: true });
    await sandbox.stop();
  }
  return 0;
}

export interface SandboxTokenFlags {
  identity: string;
  target?: string;
  sasl?: boolean;
  json?: boolean;
}

/**
 * `msscheck sandbox token --identity NAME`: a fresh access token from the running sandbox's Pro
 * Santé Connect (found by its state file, or --target FILE), printed alone on stdout so that
 * `TOKEN=$(msscheck sandbox token --identity dr.approve)` works. `--sasl`: the XOAUTH2 initial
 * response (base64) instead. Sandbox only.
 */
export async function sandboxTokenCommand(flags: SandboxTokenFlags, io: Io): Promise<number> {
  const path = flags.target ? resolve(io.cwd, flags.target) : sandboxStatePath(io.env);
  const { profile, baseDir } = readSandboxProfile(path);
  const identity = findIdentity(profile, flags.identity);
  const token = await fetchSandboxToken(profile, baseDir, identity);
  if (flags.json) io.stdout.write(`${JSON.stringify({ address: token.address, access_token: token.accessToken, expires_in: token.expiresIn, xoauth2: token.xoauth2 }, null, 2)}\n`);
  else io.stdout.write(`${flags.sasl ? token.xoauth2 : token.accessToken}\n`);
  io.stderr.write(`${translator(io.lang ?? 'en').t('sandbox-token-note', { address: token.address, seconds: token.expiresIn ?? '?' })}\n`);
  return 0;
}
