/** Facts schemas of the smtp probes (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';
import { authenticateFacts } from '../imap/facts-schemas.js';

export const smtpSessionFacts = factsSchema(
  {
    endpoint: f.string(),
    bannerCode: f.integer(),
    ehloCode: f.integer(),
    extensions: f.array(f.string('EHLO keyword before TLS, upper case')),
    starttlsAdvertised: f.boolean(),
    authAdvertisedBeforeTls: f.boolean(),
    authMechanismsBeforeTls: f.array(f.string()),
    starttlsAccepted: f.boolean(),
    tlsEstablished: f.boolean(),
  },
  {
    authBeforeTls: f.object(
      {
        mechanism: f.string(),
        code: f.integer(),
        attempts: f.array(f.object({ mechanism: f.string(), code: f.integer() })),
      },
      { outcome: f.oneOf('accepted', 'refused'), reply: f.string(), meaning: f.string(), ref: f.string() },
    ),
    mailFromBeforeTlsCode: f.integer(),
    mailFromBeforeTls: f.object({ code: f.integer(), outcome: f.oneOf('accepted', 'refused'), reply: f.string(), meaning: f.string(), ref: f.string() }),
    starttlsCode: f.integer(),
    tlsProtocol: f.string(),
    tlsCipher: f.string(),
    tlsError: f.string(),
    extensionsAfterTls: f.array(f.string()),
    authMechanismsAfterTls: f.array(f.string()),
    closedByServerAt: f.string(),
  },
);

/** smtp.authenticate reports exactly what imap.authenticate reports. */
export const smtpAuthenticateFacts = authenticateFacts;

export const smtpDsnFacts = factsSchema({
  dsnAdvertised: f.boolean(),
  dsnParametersAccepted: f.boolean(),
  mailReply: f.string(),
  rcptReply: f.string(),
  invalidNotifyRefused: f.boolean(),
  invalidNotifyReply: f.string(),
});

export const smtpDsnDeliveryFacts = factsSchema(
  {
    envid: f.string('the ENVID sent'),
    messageId: f.string(),
    sendReply: f.string('reply to the end of DATA'),
    messageDelivered: f.boolean('the message itself reached the mailbox (positive control)'),
    dsnReceived: f.boolean('a delivery status notification about it reached the sender'),
    waitedSeconds: f.number(),
    waitBoundSeconds: f.number('the bound of the wait (waitSeconds, or less inside a shorter overall timeout)'),
  },
  {
    dsn: f.object(
      {
        reportType: f.string(),
        originalEnvelopeId: f.nullable(f.string()),
        envidReturned: f.boolean(),
        action: f.nullable(f.string()),
        status: f.nullable(f.string()),
        recipients: f.array(f.object({ finalRecipient: f.nullable(f.string()), originalRecipient: f.nullable(f.string()), action: f.nullable(f.string()), status: f.nullable(f.string()) })),
      },
      { from: f.nullable(f.string()), subject: f.nullable(f.string()), reportingMta: f.nullable(f.string()) },
    ),
  },
);
