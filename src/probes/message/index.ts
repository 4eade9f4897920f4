import type { Probe } from '../types.js';

/** The message probes. */
export const messageProbes: Probe[] = [];
