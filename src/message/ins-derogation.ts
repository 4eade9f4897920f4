/**
 * The dated rule of the INS derogation (messages without a qualified INS are tolerated while it is
 * active). The deadline policy (`src/policy/`, `policy/default.yaml`) is the source of truth; until
 * it lands, PLACEHOLDER_INS_DEROGATION stands in with the same shape: "valid until end 2023, then
 * renewable until revoked" (MSSANTE.md §4, seed item 13), so active unless a policy says otherwise.
 */
export interface InsDerogation {
  id: string;
  /** Last day (YYYY-MM-DD, inclusive) on which it is active; null when no end date is set. */
  activeUntil: string | null;
  source?: string;
}

export const PLACEHOLDER_INS_DEROGATION: InsDerogation = {
  id: 'ins-derogation',
  activeUntil: null,
  source: 'placeholder until src/policy lands: MSSANTE.md §4 (seed item 13: renewable until revoked)',
};

/** True when the derogation is active on `asOf` (UTC day). */
export function isDerogationActive(d: InsDerogation, asOf: Date): boolean {
  if (d.activeUntil === null) return true;
  return asOf.toISOString().slice(0, 10) <= d.activeUntil;
}
