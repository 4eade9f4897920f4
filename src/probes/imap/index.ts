import type { Probe } from '../types.js';

/** The imap probes. */
export const imapProbes: Probe[] = [];
