import type { Probe } from '../types.js';

/** The tls probes. */
export const tlsProbes: Probe[] = [];
