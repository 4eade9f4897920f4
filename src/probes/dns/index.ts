import type { Probe } from '../types.js';
import { srvProbe } from './srv.js';

/** The DNS probes (resolver from the target profile's `dns.servers` or `--dns-server`). */
export const dnsProbes: Probe[] = [srvProbe];
