import type { Probe } from '../types.js';
import { smtpSessionProbe } from './session.js';
import { smtpAuthenticateProbe } from './auth.js';
import { smtpDsnProbe } from './dsn.js';
import { smtpDsnDeliveryProbe } from './dsn-delivery.js';

/** The smtp probes. */
export const smtpProbes: Probe[] = [smtpSessionProbe, smtpAuthenticateProbe, smtpDsnProbe, smtpDsnDeliveryProbe];
