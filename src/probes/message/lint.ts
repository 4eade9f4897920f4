/**
 * `message.lint`: lints messages against the MSSanté message rules and returns per-rule counts and
 * findings. The messages come from files, from a test mailbox of the target (IMAP, XOAUTH2 with a
 * PSC token), or from the
 * sandbox's store of accepted submissions. The probe gathers facts; scenarios judge them.
 */
import { phrase } from '../../i18n/phrase.js';
import type { StoredMessage } from '../../sandbox/types.js';
import { lintMessageFile, lintMessageSource, type FileLint } from '../../message/lint.js';
import { loadMessageRules } from '../../message/rules-data.js';
import { messagePolicyView } from '../../message/ins-derogation.js';
import { withPolicy } from '../../message/lint-command.js';
import { loadPolicy, type Policy } from '../../policy/index.js';
import { targetPath, type PscTestRole } from '../../target/profile.js';
import { PSC_TEST_ROLES } from '../oidc/test-identity.js';
import { precondition, type Probe, type ProbeContext } from '../types.js';
import { lintFacts, type MessageLintFacts } from './facts.js';
import { forEachImapMessage, warmUpImapLibrary, type ImapSourceInfo } from './imap-source.js';
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

const MAX_EVIDENCE = 20;

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
  warmUp: warmUpImapLibrary,
  async run(input, ctx: SandboxAwareContext) {
    const view = messagePolicyView(ctx.policy ?? loadPolicy());
    const rules = withPolicy(loadMessageRules(input.rulesFile ? targetPath(ctx.target, input.rulesFile) : undefined), view);
    const opts = { asOf: ctx.asOf, rules, insDerogation: view.insDerogation, strength: ctx.strength };
    const lints: FileLint[] = [];
    let imap: ImapSourceInfo | undefined;
    if (input.source === 'files') {
      const paths = input.paths ?? [];
      if (!paths.length) throw precondition(phrase('pe-no-message-paths'));
      for (const p of paths) lints.push(await lintMessageFile(targetPath(ctx.target, p), opts));
    } else if (input.source === 'imap') {
      imap = await forEachImapMessage(ctx, input, async (name, stream) => {
        lints.push(await lintMessageSource(name, stream, opts));
      });
    } else {
      if (!ctx.sandbox) throw precondition(phrase('pe-no-sandbox-store'));
      const store = await ctx.sandbox.messages();
      const endpoint = input.endpoint ?? 'smtpSubmission';
      const chosen = store.filter((m) => m.endpoint === endpoint && (!input.from || m.from.toLowerCase() === input.from.toLowerCase())).slice(-(input.limit ?? 100));
      for (const [i, m] of chosen.entries()) lints.push(await lintMessageSource(`sandbox:${endpoint}/${i + 1}`, m.raw, opts));
    }
    const facts = lintFacts(input.source, lints);
    // Which messages were judged by the client rules and which were set aside (DSN, MDN, auto-reply, notice), and why.
    ctx.evidence('json', phrase('ev-message-selection', { judged: String(facts.clientWritten), total: String(facts.messages) }), facts.selection);
    let shown = 0;
    for (const l of lints) {
      const bad = l.results.some((r) => r.outcome.status === 'fail' || r.outcome.status === 'warn' || r.outcome.status === 'review' || r.outcome.status === 'error');
      if (l.summary && bad && shown++ < MAX_EVIDENCE) ctx.evidence('message', phrase('ev-message', { file: l.file }), l.summary);
    }
    return imap ? { ...facts, imap } : facts;
  },
};
