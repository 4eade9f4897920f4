import type { Probe } from '../types.js';
import { otpLoginProbe } from './login.js';

/** The otp probes. */
export const otpProbes: Probe[] = [otpLoginProbe];
