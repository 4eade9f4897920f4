import type { Probe } from '../types.js';

/** The smtp probes. */
export const smtpProbes: Probe[] = [];
