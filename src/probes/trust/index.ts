import type { Probe } from '../types.js';
import { peerSessionProbe } from './peer-session-probe.js';
import { whitelistProbe } from './whitelist-probe.js';
import { whitelistChecksumProbe } from './whitelist-checksum-probe.js';
import { whitelistDnProbe } from './whitelist-dn-probe.js';

/** The trust probes: the ANS whitelist and operator-to-operator mutual TLS. */
export const trustProbes: Probe[] = [whitelistProbe, whitelistChecksumProbe, whitelistDnProbe, peerSessionProbe];
