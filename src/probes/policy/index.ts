import type { Probe } from '../types.js';
import { identificationProbe } from './identification.js';

/** Probes that judge the run's observations against the deadline policy. */
export const policyProbes: Probe[] = [identificationProbe];
