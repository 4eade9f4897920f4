/** Facts schema of otp.login (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';

export const otpLoginFacts = factsSchema({
  mailbox: f.string(),
  code: f.oneOf('totp', 'out-of-band'),
  offsetSteps: f.integer(),
  serverTime: f.nullable(f.string()),
  accepted: f.boolean(),
  attempts: f.array(f.object({ accepted: f.boolean(), status: f.nullable(f.integer()), stoppedAt: f.nullable(f.string()) })),
  replayAccepted: f.nullable(f.boolean('with attempts: 2, whether the replayed code was accepted')),
});
