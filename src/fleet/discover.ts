import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { MailEndpoint, TargetProfile } from '../target/profile.js';
import { normaliseDn, readWhitelist, WhitelistError, type WhitelistDomain } from '../probes/trust/whitelist.js';
import { InputError } from '../util/input-error.js';
import { resolveMx, resolveSrv, type DnsOptions } from '../net/dns.js';

/** One operator of the liste blanche, as a minimal target profile (no credential, no mailbox). */
export interface DiscoveredTarget {
  id: string;
  profile: TargetProfile;
  /** What discovery could not establish (no MX, a DNS failure, several MTAs...), for the user. */
  notes: string[];
}

/** The families a discovered target can be judged on without credentials. */
export const NO_CREDENTIAL_TAGS = ['starttls', 'tls', 'x509', 'revocation', 'whitelist', 'mtls'] as const;

/** `CN=mta.exemple.fr,O=Exemple,C=FR` → the value of `attr`. */
function dnValue(dn: string, attr: string): string | undefined {
  for (const part of dn.split(/(?<!\\),/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toUpperCase() === attr) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** Lowest preference first; ties in name order, so the choice is stable. */
function byPriority<T extends { priority: number }>(records: T[], name: (r: T) => string): T[] {
  return [...records].sort((a, b) => a.priority - b.priority || name(a).localeCompare(name(b)));
}

/** RFC 6186 §3: the SRV records of a domain's submission and IMAP services ("." means none). */
async function srvEndpoints(dns: DnsOptions, domain: string, notes: string[]): Promise<Pick<TargetProfile['endpoints'], 'smtpSubmission' | 'imap'>> {
  const out: Pick<TargetProfile['endpoints'], 'smtpSubmission' | 'imap'> = {};
  const first = async (service: string): Promise<{ name: string; port: number } | undefined> => {
    try {
      // Sorted by priority then weight; a target of "." (RFC 2782: decidedly not available) is ''.
      const record = (await resolveSrv(`${service}.${domain}`, dns))[0];
      return record && record.target !== '' ? { name: record.target, port: record.port } : undefined;
    } catch (err) {
      notes.push(`SRV ${service}.${domain}: ${(err as Error).message}`);
      return undefined;
    }
  };
  const submission = await first('_submission._tcp');
  if (submission) out.smtpSubmission = { host: submission.name, port: submission.port, security: 'starttls', serverName: submission.name };
  const imaps = await first('_imaps._tcp');
  const imap = await first('_imap._tcp');
  if (imap) out.imap = { host: imap.name, port: imap.port, security: 'starttls', serverName: imap.name };
  else if (imaps) out.imap = { host: imaps.name, port: imaps.port, security: 'tls', serverName: imaps.name };
  return out;
}

/**
 * Builds one minimal target per operator of the liste blanche: the domains listed with the same
 * operator certificate DN(s) form one operator; its MTA is the domains' most preferred MX (RFC 5321
 * §5.1: the domain itself when it has none), submission and IMAP come from RFC 6186 SRV records
 * when published. The whitelist itself is the target's `whitelist`, so the consistency scenarios
 * check the MTA certificate against it.
 */
export async function discoverTargets(whitelistPath: string, options: { dns: DnsOptions; trustAnchors?: string[] }): Promise<DiscoveredTarget[]> {
  const file = resolve(whitelistPath);
  let list;
  try {
    list = readWhitelist(file);
  } catch (err) {
    // An unreadable or malformed liste blanche given on the command line is bad input (exit 2).
    if (!(err instanceof WhitelistError)) throw err;
    throw new InputError({ file: err.file, line: err.line, message: err.message.replace(/^[^:]*(?::\d+)?: /, ''), fix: 'give the liste blanche XML as the ANS publishes it (ListeBlancheMSSante)' });
  }
  const groups = new Map<string, { dns: string[]; domains: WhitelistDomain[] }>();
  for (const d of list.domains) {
    const key = d.certificateDns.map(normaliseDn).sort().join('|') || `domain:${d.ascii}`;
    const g = groups.get(key) ?? { dns: d.certificateDns, domains: [] };
    g.domains.push(d);
    groups.set(key, g);
  }
  const targets: DiscoveredTarget[] = [];
  const ids = new Set<string>();
  for (const [key, g] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const notes: string[] = [];
    const dn = g.dns[0];
    const name = (dn && (dnValue(dn, 'O') ?? dnValue(dn, 'CN'))) ?? g.domains[0]!.name;
    let id = slug((dn && dnValue(dn, 'CN')) ?? g.domains[0]!.ascii) || 'operator';
    if (ids.has(id)) id = `${id}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
    ids.add(id);

    const mtaVotes = new Map<string, number>();
    for (const d of g.domains) {
      try {
        const mx = byPriority(await resolveMx(d.ascii, options.dns), (r) => r.exchange)[0];
        const host = mx ? mx.exchange : d.ascii;
        if (!mx) notes.push(`${d.ascii}: no MX record; its MTA is the domain itself (RFC 5321 §5.1)`);
        mtaVotes.set(host, (mtaVotes.get(host) ?? 0) + 1);
      } catch (err) {
        notes.push(`MX ${d.ascii}: ${(err as Error).message}`);
      }
    }
    const mtas = [...mtaVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (mtas.length > 1) notes.push(`the domains use several MTAs (${mtas.map(([h]) => h).join(', ')}); the first is checked`);
    const endpoints: TargetProfile['endpoints'] = {};
    if (mtas[0]) endpoints.smtpMta = { host: mtas[0][0], port: 25, security: 'starttls', serverName: mtas[0][0] } satisfies MailEndpoint;
    Object.assign(endpoints, await srvEndpoints(options.dns, g.domains[0]!.ascii, notes));

    targets.push({
      id,
      profile: {
        profileVersion: 1,
        operator: { name },
        domains: g.domains.map((d) => d.name),
        endpoints,
        whitelist: file,
        ...(options.trustAnchors?.length ? { trustAnchors: options.trustAnchors.map((p) => resolve(dirname(file), p)) } : {}),
      },
      notes,
    });
  }
  return targets;
}
