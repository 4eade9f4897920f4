/**
 * DNS lookups for probes: SRV (RFC 2782, RFC 6186), MX and A/AAAA, sent to the resolver the target
 * profile (`dns.servers`) or the `--dns-server` flag names, else the system's. Every lookup has a
 * per-try timeout (the idle timeout), one retry at most, and stops when the step's signal aborts.
 * "No such name" and "no record of that type" are answers (an empty list); a timeout, a refusal or
 * a server failure is a ProbeError with a stable code, never an empty answer.
 */
import { Resolver } from 'node:dns/promises';
import { ProbeError } from '../probes/types.js';
import { timeoutError } from './errors.js';
import { phrase } from '../i18n/phrase.js';

export interface DnsOptions {
  /** Resolver addresses (`127.0.0.1:5353`, `[::1]:53`, `9.9.9.9`); none = the system's resolver. */
  servers?: readonly string[];
  /** Time allowed for one try, in ms. */
  timeoutMs: number;
  /** Aborts the lookup (overall timeout or interrupted run). */
  signal?: AbortSignal;
  /** Overall timeout in ms, used to word the error when `signal` aborts. */
  overallMs?: number;
}

export interface SrvAnswer {
  priority: number;
  weight: number;
  port: number;
  /** Target host name without the final dot; `.` (RFC 2782: service decidedly not available) is ''. */
  target: string;
}

export interface MxAnswer {
  priority: number;
  exchange: string;
}

/** DNS codes that mean "the name or the record type does not exist": an answer, not a failure. */
const NO_DATA = new Set(['ENOTFOUND', 'ENODATA']);

function lookupError(err: unknown, what: string, options: DnsOptions): ProbeError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (options.signal?.aborted || code === 'ECANCELLED') return timeoutError('overall', what, options.overallMs ?? options.timeoutMs);
  switch (code) {
    case 'ETIMEOUT':
      return timeoutError('idle', what, options.timeoutMs);
    case 'ECONNREFUSED':
      return new ProbeError('ECONNREFUSED', phrase('pe-dns-refused', { what, code }));
    case 'ESERVFAIL':
    case 'EREFUSED':
    case 'EBADRESP':
    case 'EFORMERR':
    case 'ENOTIMP':
      return new ProbeError('EPROTOCOL', phrase('pe-dns-answered', { what, code }));
    default:
      return new ProbeError('EHOSTUNREACH', phrase('pe-dns-failed', { what, code: code ?? (err as Error)?.message ?? String(err) }));
  }
}

function resolverFor(options: DnsOptions): Resolver {
  const resolver = new Resolver({ timeout: Math.max(1, Math.round(options.timeoutMs)), tries: 2 });
  if (options.servers?.length) resolver.setServers([...options.servers]);
  return resolver;
}

async function lookup<T>(what: string, options: DnsOptions, query: (r: Resolver) => Promise<T[]>): Promise<T[]> {
  if (options.signal?.aborted) throw lookupError(undefined, what, options);
  const resolver = resolverFor(options);
  const onAbort = (): void => resolver.cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await query(resolver);
  } catch (err) {
    if (NO_DATA.has((err as NodeJS.ErrnoException)?.code ?? '') && !options.signal?.aborted) return [];
    throw lookupError(err, what, options);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** SRV records of `name` (e.g. `_submission._tcp.example.org`), sorted by priority then weight (descending). */
export async function resolveSrv(name: string, options: DnsOptions): Promise<SrvAnswer[]> {
  const records = await lookup(`SRV ${name}`, options, (r) => r.resolveSrv(name));
  return records
    .map((r) => ({ priority: r.priority, weight: r.weight, port: r.port, target: r.name.replace(/\.$/, '') }))
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight);
}

/** MX records of `domain`, by preference. */
export async function resolveMx(domain: string, options: DnsOptions): Promise<MxAnswer[]> {
  const records = await lookup(`MX ${domain}`, options, (r) => r.resolveMx(domain));
  return records.map((r) => ({ priority: r.priority, exchange: r.exchange.replace(/\.$/, '') })).sort((a, b) => a.priority - b.priority);
}

/** IPv4 then IPv6 addresses of `host` (either may be empty). */
export async function resolveAddresses(host: string, options: DnsOptions): Promise<string[]> {
  const [v4, v6] = await Promise.all([lookup(`A ${host}`, options, (r) => r.resolve4(host)), lookup(`AAAA ${host}`, options, (r) => r.resolve6(host))]);
  return [...v4, ...v6];
}

/** Checks a resolver address as written in a profile or flag: `IP` or `IP:PORT` (`[IPv6]:PORT`). */
export function isResolverAddress(value: string): boolean {
  return /^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-fA-F:]+\](:\d{1,5})?|[0-9a-fA-F:]*:[0-9a-fA-F:]+)$/.test(value);
}
