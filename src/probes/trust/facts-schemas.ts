/** Facts schemas of the trust probes (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';
import { PEER_ROLES } from './peer-identity.js';

export const whitelistFacts = factsSchema({
  generatedOn: f.nullable(f.string()),
  domainCount: f.integer(),
  listed: f.array(f.string()),
  unlisted: f.array(f.string()),
  certificateDns: f.record(f.array(f.string()), undefined),
});

export const peerSessionFacts = factsSchema({
  endpoint: f.string(),
  role: f.oneOf(...PEER_ROLES),
  certificateSource: f.oneOf('profile', 'test-pki', 'none'),
  certificateSubject: f.nullable(f.string()),
  mailFrom: f.string(),
  rcptTo: f.string(),
  certificateRequested: f.nullable(f.boolean()),
  certificateSent: f.nullable(f.boolean('our Certificate message was seen leaving in clear (TLS 1.2)')),
  accepted: f.boolean("the peer's mail was accepted"),
  notAcceptedHow: f.nullable(f.string()),
  inconclusiveBefore: f.array(f.string()),
  replyMeaning: f.nullable(f.object({ meaning: f.string(), ref: f.string() })),
  tlsProtocol: f.nullable(f.string()),
  outcome: f.oneOf('accepted', 'refused', 'deferred', 'inconclusive'),
  refusedAt: f.nullable(f.oneOf('handshake', 'after-tls', 'ehlo', 'mail', 'rcpt')),
  evidence: f.nullable(f.string('how the refusal was observed')),
  replies: f.object({}, { ehlo: f.integer(), mail: f.integer(), rcpt: f.integer() }),
});

export const whitelistChecksumFacts = factsSchema({
  expected: f.string('hex SHA-256 read from the checksum file'),
  actual: f.string('hex SHA-256 of the whitelist file'),
  matches: f.boolean(),
});

export const whitelistDnFacts = factsSchema({
  certificateDn: f.string('subject DN of the certificate the endpoint presents, CN first'),
  listedDomains: f.array(f.string()),
  dnMissingFor: f.array(f.string()),
});
