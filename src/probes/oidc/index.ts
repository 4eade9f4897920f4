import type { Probe } from '../types.js';
import { cibaProbe } from './ciba.js';
import { discoveryProbe } from './discovery.js';
import { tokenForgeProbe } from './token-forge.js';
import { errorResponseProbe } from './error-response.js';
import { idTokenProbe } from './id-token.js';

/** The oidc probes. */
export const oidcProbes: Probe[] = [discoveryProbe, cibaProbe, tokenForgeProbe, errorResponseProbe, idTokenProbe];
