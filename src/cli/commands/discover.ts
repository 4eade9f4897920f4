import { mkdirSync, readdirSync } from 'node:fs';
import { phrase } from '../../i18n/phrase.js';
import { join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { discoverTargets } from '../../fleet/discover.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import { InputError, saying } from '../../util/input-error.js';
import type { Io } from '../main.js';
import { parseDnsServers, parseList } from '../options.js';

export interface DiscoverFlags {
  whitelist: string;
  dnsServer?: string;
  trustAnchors?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/**
 * `msscheck discover --whitelist FILE`: one minimal target profile per operator of the liste
 * blanche (MX and RFC 6186 SRV records), written to `--out` (one YAML each) or printed.
 */
export async function discoverCommand(flags: DiscoverFlags, io: Io): Promise<number> {
  const whitelist = resolve(io.cwd, flags.whitelist);
  const dns = { servers: parseDnsServers(flags.dnsServer), timeoutMs: 3000 };
  const targets = await discoverTargets(whitelist, { dns, trustAnchors: parseList(flags.trustAnchors)?.map((p) => resolve(io.cwd, p)) });
  for (const t of targets) for (const n of t.notes) io.stderr.write(`discover: ${t.id}: ${n}\n`);
  if (!flags.out) {
    if (flags.json) io.stdout.write(`${JSON.stringify(targets, null, 2)}\n`);
    else for (const t of targets) io.stdout.write(`# ${t.id}\n---\n${stringify(t.profile)}`);
    return 0;
  }
  const out = resolve(io.cwd, flags.out);
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length > 0 && !flags.force) {
    throw new InputError({ field: '--out', ...saying(phrase('flag-out-not-empty', { dir: out }), phrase('flag-out-not-empty-fix')) });
  }
  for (const t of targets) {
    const notes = t.notes.map((n) => `# note: ${n}\n`).join('');
    writeFileAtomic(join(out, `${t.id}.yaml`), `# discovered by msscheck from ${whitelist}\n${notes}${stringify(t.profile)}`);
  }
  io.stdout.write(`${targets.length} target profile${targets.length === 1 ? '' : 's'} written to ${relative(io.cwd, out) || out}; run them with: msscheck run --targets ${relative(io.cwd, out) || out}\n`);
  return 0;
}
