/** CRLReason names by code (RFC 5280 §5.3.1), shared by CRL entries and OCSP revoked statuses. */
export const CRL_REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'unused', 'removeFromCRL', 'privilegeWithdrawn', 'aACompromise'] as const;

export function reasonName(code: number | undefined): string {
  return CRL_REASONS[code ?? 0] ?? String(code);
}

export function reasonCode(name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const i = (CRL_REASONS as readonly string[]).indexOf(name);
  return i >= 0 ? i : undefined;
}
