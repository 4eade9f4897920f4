import type { Probe } from '../types.js';

/** The x509 probes. */
export const x509Probes: Probe[] = [];
