/** The work of `message.lint` (lint.ts), loaded when the probe first runs. */
import { phrase } from '../../i18n/phrase.js';
import { lintMessageFile, lintMessageSource, type FileLint } from '../../message/lint.js';
import { loadMessageRules } from '../../message/rules-data.js';
import { messagePolicyView } from '../../message/ins-derogation.js';
import { withPolicy } from '../../message/rules-policy.js';
import { loadPolicy } from '../../policy/index.js';
import { targetPath } from '../../target/profile.js';
import { precondition } from '../types.js';
import { lintFacts, type MessageLintFacts } from './facts.js';
import { forEachImapMessage, type ImapSourceInfo } from './imap-source.js';
import type { MessageLintInput, SandboxAwareContext } from './lint.js';


const MAX_EVIDENCE = 20;

export async function runMessageLint(input: MessageLintInput, ctx: SandboxAwareContext): Promise<MessageLintFacts> {
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
}
