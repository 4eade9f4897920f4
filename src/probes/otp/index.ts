import type { Probe } from '../types.js';

/** The otp probes. */
export const otpProbes: Probe[] = [];
