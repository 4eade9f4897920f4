import type { DnsOptions } from '../../net/dns.js';
import type { ProbeContext } from '../types.js';

/** The resolver, per-try timeout and abort signal every DNS probe uses: the profile's `dns.servers` (or `--dns-server`), the idle timeout. */
export function dnsOptionsFor(ctx: ProbeContext): DnsOptions {
  return { servers: ctx.target.profile.dns?.servers, timeoutMs: ctx.timeouts.idleMs, signal: ctx.signal, overallMs: ctx.timeouts.overallMs };
}
