import type { Probe } from '../types.js';
import { smtpSessionProbe } from './session.js';

/** The smtp probes. */
export const smtpProbes: Probe[] = [smtpSessionProbe];
