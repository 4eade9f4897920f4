/** Facts schemas of the imap probes (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';
import { MECHANISMS } from './sasl-client.js';

const nullableStrings = f.nullable(f.array(f.string()));

const sessionFacts = {
  endpoint: f.string(),
  security: f.oneOf('starttls', 'tls', 'plain'),
  greeting: f.string(),
  capabilitiesBeforeTls: nullableStrings,
  starttlsAdvertised: f.nullable(f.boolean()),
  starttls: f.oneOf('accepted', 'refused', 'not-tried'),
  starttlsReply: f.nullable(f.string()),
  tls: f.boolean(),
  tlsProtocol: f.nullable(f.string()),
  capabilitiesAfterTls: nullableStrings,
};

export const imapSessionFacts = factsSchema({
  ...sessionFacts,
  loginDisabledBeforeTls: f.nullable(f.boolean()),
  authMechanismsBeforeTls: nullableStrings,
  authMechanismsAfterTls: nullableStrings,
});

/** imap.authenticate and smtp.authenticate (src/probes/imap/auth-facts.ts AuthFacts). */
export const authenticateFacts = factsSchema({
  endpoint: f.string(),
  mechanism: f.oneOf(...MECHANISMS),
  user: f.nullable(f.string()),
  tls: f.boolean(),
  advertised: f.boolean('the mechanism was advertised (IMAP LOGIN: LOGINDISABLED absent)'),
  mechanismsAdvertised: f.array(f.string()),
  outcome: f.oneOf('accepted', 'refused', 'inconclusive'),
  reply: f.string(),
  replyMeaning: f.object({ meaning: f.string(), ref: f.string() }),
  inconclusiveBefore: f.array(f.string('an inconclusive attempt before the conclusive one, in the server\'s words')),
  responseCode: f.nullable(f.string()),
  errorChallenges: f.integer(),
  bearerError: f.nullable(f.object({}, { status: f.string(), schemes: f.string(), scope: f.string() })),
  xoauth2ErrorFormat: f.nullable(f.boolean()),
  certificateSource: f.nullable(f.string()),
  means: f.nullable(f.string()),
  acceptedWithoutAdvertising: f.boolean(),
});
