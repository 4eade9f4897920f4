import type { Probe } from './types.js';
import { smtpProbes } from './smtp/index.js';
import { tlsProbes } from './tls/index.js';
import { x509Probes } from './x509/index.js';
import { imapProbes } from './imap/index.js';
import { oidcProbes } from './oidc/index.js';
import { otpProbes } from './otp/index.js';
import { messageProbes } from './message/index.js';
import { policyProbes } from './policy/index.js';
import { trustProbes } from './trust/index.js';
import { dnsProbes } from './dns/index.js';

/** Every probe, one family per protocol. Scenarios name probes as `family.name`. */
export const PROBES: readonly Probe[] = [
  ...smtpProbes,
  ...tlsProbes,
  ...x509Probes,
  ...imapProbes,
  ...oidcProbes,
  ...otpProbes,
  ...messageProbes,
  ...policyProbes,
  ...trustProbes,
  ...dnsProbes,
];

const byName = new Map(PROBES.map((p) => [p.name, p]));
if (byName.size !== PROBES.length) throw new Error('two probes share a name');

export function findProbe(name: string): Probe | undefined {
  return byName.get(name);
}
