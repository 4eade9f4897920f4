import type { Probe } from '../types.js';
import { tlsVersionsProbe } from './versions.js';
import { cipherSuitesProbe } from './cipher-suites.js';

/** The tls probes. */
export const tlsProbes: Probe[] = [tlsVersionsProbe, cipherSuitesProbe];
