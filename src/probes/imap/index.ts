import type { Probe } from '../types.js';
import { imapAuthenticateProbe } from './authenticate.js';
import { imapSessionProbe } from './session.js';

/** The imap probes. */
export const imapProbes: Probe[] = [imapSessionProbe, imapAuthenticateProbe];
