import type { Probe } from '../types.js';

/** The oidc probes. */
export const oidcProbes: Probe[] = [];
