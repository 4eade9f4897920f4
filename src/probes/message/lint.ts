/**
 * `message.lint`: lints messages against the MSSanté message rules and returns per-rule counts and
 * findings. The messages come from files, from a test mailbox of the target (IMAP, XOAUTH2 with a
 * PSC token), or from the
 * sandbox's store of accepted submissions. The probe gathers facts; scenarios judge them. Its work
 * (the linter, the IMAP reader) is in lint-run.ts, loaded when the probe first runs: a run without
 * a message scenario does not compile it.
 */
import type { StoredMessage } from '../../sandbox/types.js';
import type { Policy } from '../../policy/index.js';
import type { PscTestRole } from '../../target/profile.js';
import { PSC_TEST_ROLES } from '../oidc/test-identity.js';
import type { Probe, ProbeContext } from '../types.js';
import type { MessageLintFacts } from './facts.js';
import { messageLintFacts } from './facts-schemas.js';

export interface MessageLintInput {
  source: 'files' | 'imap' | 'sandbox-store';
  /** source `files`: message paths (relative to the target profile's folder). */
  paths?: string[];
  /** source `imap`: mailbox address in the target profile (default: the PSC identity's), folder, how many recent messages. */
  mailbox?: string;
  /** source `imap`: PSC test identity role whose mailbox is read (the mailbox's pscTestRole; default approve). */
  role?: PscTestRole;
  /** source `imap`, legacy: PSC test identity rank instead of `role`. */
  identity?: number;
  /** source `imap`: `xoauth2` (default, needs `token`) or `password` (the mailbox's password reference). */
  auth?: 'xoauth2' | 'password';
  /** source `imap`: access token, `${steps.token.facts.tokenHandle}` of an oidc.ciba step (or env:/file:). */
  token?: string;
  folder?: string;
  limit?: number;
  /** source `sandbox-store`: which endpoint's accepted messages (default smtpSubmission). */
  endpoint?: 'smtpMta' | 'smtpSubmission';
  /** source `sandbox-store`: only messages from this envelope sender. */
  from?: string;
  /** Rules data file (default the built-in one). */
  rulesFile?: string;
}

/**
 * What the engine may add to the context when the target is the built-in sandbox: its store of
 * accepted messages, read asynchronously (the sandbox may run in a worker thread). Without it,
 * `sandbox-store` is a `skip`.
 */
export interface SandboxAwareContext extends ProbeContext {
  sandbox?: { messages(): Promise<StoredMessage[]> };
  /** The run's deadline policy, when the engine passes it (default policy/default.yaml). */
  policy?: Policy;
}

export const messageLintProbe: Probe<MessageLintInput, MessageLintFacts> = {
  name: 'message.lint',
  facts: messageLintFacts,
  summary: 'Lints messages (files, a test mailbox over IMAP, or the sandbox store) against the MSSanté message rules',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['source'],
    properties: {
      source: { enum: ['files', 'imap', 'sandbox-store'] },
      paths: { type: 'array', items: { type: 'string', minLength: 1 } },
      mailbox: { type: 'string' },
      role: { enum: [...PSC_TEST_ROLES] },
      identity: { type: 'integer', minimum: 0 },
      auth: { enum: ['xoauth2', 'password'] },
      token: { type: 'string' },
      folder: { type: 'string', minLength: 1 },
      limit: { type: 'integer', minimum: 1, maximum: 1000 },
      endpoint: { enum: ['smtpMta', 'smtpSubmission'] },
      from: { type: 'string' },
      rulesFile: { type: 'string' },
    },
  },
  async run(input, ctx: SandboxAwareContext) {
    return (await import('./lint-run.js')).runMessageLint(input, ctx);
  },
};
