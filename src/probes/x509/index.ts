import type { Probe } from '../types.js';
import { serverChainProbe } from './server-chain.js';
import { certProfileProbe } from './profile.js';
import { revocationProbe } from './revocation.js';

/** The x509 probes. */
export const x509Probes: Probe[] = [serverChainProbe, certProfileProbe, revocationProbe];
