import type { Probe } from '../types.js';
import { serverChainProbe } from './server-chain.js';

/** The x509 probes. */
export const x509Probes: Probe[] = [serverChainProbe];
