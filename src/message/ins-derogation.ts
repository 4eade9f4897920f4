/**
 * The dated rules the message linter takes from the deadline policy (`src/policy/`,
 * `policy/default.yaml`): the INS derogation (messages without a qualified INS are tolerated while
 * it is active) and, when the policy states it, the size ceiling towards patients.
 * PLACEHOLDER_INS_DEROGATION is used only when a policy has no `ins-derogation` rule: "valid until
 * end 2023, then renewable until revoked" (MSSANTE.md §4, seed item 13), so active.
 */
import { parisDay } from '../util/as-of.js';
import type { Policy } from '../policy/index.js';

export interface InsDerogation {
  id: string;
  /** First day (YYYY-MM-DD) on which it is active; absent when from the start. */
  activeFrom?: string;
  /** Last day (YYYY-MM-DD, inclusive) on which it is active; null when no end date is set. */
  activeUntil: string | null;
  source?: string;
}

export const PLACEHOLDER_INS_DEROGATION: InsDerogation = {
  id: 'ins-derogation',
  activeUntil: null,
  source: 'placeholder: MSSANTE.md §4 (seed item 13: renewable until revoked)',
};

export const INS_DEROGATION_RULE = 'ins-derogation';
export const PATIENT_SIZE_RULE = 'patient-message-max-size';

/** True when the derogation is active on `asOf` (UTC day). */
export function isDerogationActive(d: InsDerogation, asOf: Date): boolean {
  const day = parisDay(asOf);
  if (d.activeFrom && day < d.activeFrom) return false;
  return d.activeUntil === null || day <= d.activeUntil;
}

/** What the linter reads from a deadline policy. */
export interface MessagePolicyView {
  insDerogation: InsDerogation;
  /** The patient size ceiling, when the policy states it (bytes). */
  patientMaxBytes?: number;
}

export function messagePolicyView(policy: Policy): MessagePolicyView {
  const rule = policy.rules.find((r) => r.id === INS_DEROGATION_RULE);
  const size = policy.rules.find((r) => r.id === PATIENT_SIZE_RULE);
  return {
    insDerogation: rule
      ? { id: rule.id, activeFrom: rule.from, activeUntil: rule.to ?? null, source: `${policy.versioned.id} ${policy.versioned.version} (${policy.versioned.source}), rule ${rule.id}, source ${rule.source}` }
      : PLACEHOLDER_INS_DEROGATION,
    patientMaxBytes: typeof size?.value === 'number' ? size.value : undefined,
  };
}
