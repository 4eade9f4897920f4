import type { Probe } from '../types.js';
import { messageLintProbe } from './lint.js';

/** The message probes. */
export const messageProbes: Probe[] = [messageLintProbe];
