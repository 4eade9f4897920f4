import type { Probe } from '../types.js';
import { runCibaFlow, type CibaFacts, type CibaInput } from './ciba-flow.js';
import { RANK_INPUT_SCHEMA, ROLE_INPUT_SCHEMA } from './test-identity.js';
import { cibaFacts } from './facts-schemas.js';

export const CIBA_INPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role: ROLE_INPUT_SCHEMA,
    identity: RANK_INPUT_SCHEMA,
    mailbox: { type: 'string', description: 'address of the mailbox whose nationalId is the login_hint' },
    intent: { enum: ['approve', 'deny', 'ignore'] },
    scope: { type: 'string' },
    acrValues: { type: 'string' },
    resource: { type: 'string' },
    bindingMessage: { type: 'string', maxLength: 64 },
    reuse: { type: 'boolean' },
  },
} as const;

/**
 * `oidc.ciba`: the CIBA poll-mode flow end to end for a test identity. Facts: outcome
 * (approved | denied | expired | pending-after-expiry | rejected | failed), error codes seen, poll
 * count, slow_down count, token claims, and `tokenHandle` (never the token).
 */
export const cibaProbe: Probe<CibaInput, CibaFacts> = {
  name: 'oidc.ciba',
  facts: cibaFacts,
  summary: 'Runs the CIBA poll-mode flow for a PSC test identity; the token goes to the vault',
  inputSchema: CIBA_INPUT_SCHEMA,
  run: (input, ctx) => runCibaFlow(ctx, input),
};
