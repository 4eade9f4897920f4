import { ProbeError } from '../probes/types.js';
import { phrase } from '../i18n/phrase.js';
import type { MailEndpoint, TargetProfile } from '../target/profile.js';

/** The line protocol spoken on each mail endpoint of a target profile. */
export const ENDPOINT_PROTOCOLS = {
  smtpMta: 'smtp',
  smtpSubmission: 'smtp',
  imap: 'imap',
} as const;

export type MailEndpointName = keyof typeof ENDPOINT_PROTOCOLS;
export type LineProtocol = (typeof ENDPOINT_PROTOCOLS)[MailEndpointName];
export const MAIL_ENDPOINT_NAMES = Object.keys(ENDPOINT_PROTOCOLS) as MailEndpointName[];

/** A mail endpoint of the target, with what a probe needs to reach it. */
export interface ResolvedMailEndpoint extends MailEndpoint {
  name: MailEndpointName;
  protocol: LineProtocol;
  security: NonNullable<MailEndpoint['security']>;
  /** `host:port`, the key of the per-endpoint concurrency slots. */
  key: string;
  /** Name to check the certificate against and to send as SNI: serverName, else host. */
  expectedName: string;
  label: string;
}

/**
 * The named mail endpoint of the profile. Absent from the profile: `not-applicable` (scenarios
 * normally say so in `appliesTo` first).
 */
export function resolveMailEndpoint(profile: TargetProfile, name: string): ResolvedMailEndpoint {
  if (!(name in ENDPOINT_PROTOCOLS)) {
    throw new ProbeError('EINPUT', phrase('pe-unknown-mail-endpoint', { name, values: MAIL_ENDPOINT_NAMES.join(', ') }));
  }
  const n = name as MailEndpointName;
  const ep = profile.endpoints[n];
  if (!ep) throw new ProbeError('NOT_OFFERED', phrase('net-no-endpoint', { endpoint: `endpoints.${n}` }), 'not-applicable');
  return {
    ...ep,
    name: n,
    protocol: ENDPOINT_PROTOCOLS[n],
    security: ep.security ?? 'starttls',
    key: `${ep.host}:${ep.port}`,
    expectedName: ep.serverName ?? ep.host,
    label: `${n} ${ep.host}:${ep.port}`,
  };
}
