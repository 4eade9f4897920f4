import type { MeansJudgement } from '../../model/result.js';
import { phrase } from '../../i18n/phrase.js';
import { addDays, judgeTarget, loadPolicy } from '../../policy/index.js';
import { targetContext } from '../../policy/target-context.js';
import type { Probe } from '../types.js';
import { identificationFacts } from './facts-schemas.js';

interface IdentificationInput {
  /** A means that stops being compliant within this many days of the as-of date is reported as soon. */
  warnWithinDays?: number;
}

/**
 * Judges the identification means the target declares and the means the run saw it accept against
 * the deadline policy, on the as-of date. Runs in the `final` phase, when every observation is in.
 */
export const identificationProbe: Probe<IdentificationInput> = {
  name: 'policy.identification',
  facts: identificationFacts,
  summary: 'Judges declared and observed identification means against the deadline policy on the as-of date',
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { warnWithinDays: { type: 'integer', minimum: 0, maximum: 3650 } },
  },
  async run(input, ctx) {
    const policy = ctx.policy ?? loadPolicy();
    const judgement = judgeTarget({
      policy,
      declared: ctx.target.profile.auth?.declared ?? [],
      observed: ctx.observedSoFar(),
      context: targetContext(ctx.target.profile),
      asOf: ctx.asOf,
      homologated: ctx.target.profile.auth?.homologated,
    });
    const horizon = addDays(judgement.asOf, input.warnWithinDays ?? 365);
    const describe = (m: MeansJudgement) => `${m.means}${m.context ? ` (${m.context})` : ''}`;
    ctx.evidence(
      'json',
      phrase('ev-identification', { asOf: judgement.asOf, policy: `${policy.versioned.id} ${policy.versioned.version}` }),
      judgement.means.map((m) => ({ means: describe(m), declared: m.declared, observed: m.observed.length, status: m.status, compliantUntil: m.compliantUntil, reason: m.reason, source: m.source })),
    );
    return {
      verdict: judgement.verdict,
      means: judgement.means.map(describe),
      nonCompliant: judgement.means.filter((m) => m.status !== 'allowed' && m.status !== 'tolerated').map(describe),
      // By the confidence of the policy entry that forbids them (verdict strength: P fails, S warns, ? review).
      forbiddenPrimary: judgement.means.filter((m) => m.status === 'forbidden' && m.confidence === 'P').map(describe),
      forbiddenSecondary: judgement.means.filter((m) => m.status === 'forbidden' && m.confidence === 'S').map(describe),
      forbiddenUnconfirmed: judgement.means.filter((m) => (m.status === 'forbidden' && m.confidence === '?') || m.status === 'unknown').map(describe),
      firstNonCompliantDate: judgement.firstNonCompliantDate,
      soonNonCompliant: judgement.means
        .filter((m) => (m.status === 'allowed' || m.status === 'tolerated') && m.compliantUntil !== null && m.compliantUntil < horizon)
        .map((m) => `${describe(m)} until ${m.compliantUntil}`),
    };
  },
};
