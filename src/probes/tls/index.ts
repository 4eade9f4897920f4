import type { Probe } from '../types.js';
import { tlsVersionsProbe } from './versions.js';

/** The tls probes. */
export const tlsProbes: Probe[] = [tlsVersionsProbe];
