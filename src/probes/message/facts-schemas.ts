/** Facts schema of message.lint (see src/probes/facts-schema.ts). */
import { loadMessageRules } from '../../message/rules-data.js';
import { f, factsSchema, type FactSchema } from '../facts-schema.js';

const status = f.oneOf('pass', 'fail', 'warn', 'error', 'skip', 'not-applicable', 'review');
const count = f.integer();
const ruleCounts = f.object({ status, pass: count, fail: count, warn: count, review: count, error: count, skip: count, 'not-applicable': count });

/**
 * `rules` is keyed by rule id; a scenario may name the built-in rules' ids (rules/message/rules.yaml),
 * read when the schema is first used. A scenario using its own `rulesFile` judges `failingRules`.
 */
const rules: FactSchema = {
  type: 'object',
  additionalProperties: ruleCounts,
  get propertyNames() {
    return { enum: loadMessageRules().rules.map((r) => r.id) };
  },
};

export const messageLintFacts = factsSchema(
  {
    source: f.string(),
    messages: count,
    linted: count,
    unreadable: count,
    names: f.array(f.string()),
    rules,
    failingRules: f.array(f.string()),
    reviewRules: f.array(f.string()),
    clientWritten: count,
    messagesJudged: count,
    selection: f.array(f.object({ message: f.string(), judged: f.boolean(), reason: f.string() })),
    findings: f.array(f.object({ message: f.string(), rule: f.string(), status }, { reason: f.string() })),
    errors: f.array(f.object({ message: f.string(), code: f.string(), reason: f.string() })),
  },
  {
    imap: f.object({
      mailbox: f.string(),
      mechanism: f.oneOf('XOAUTH2', 'PASSWORD'),
      xoauth2Advertised: f.boolean(),
      folder: f.string(),
      inFolder: count,
      fetched: count,
    }),
  },
);
