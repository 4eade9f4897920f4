/**
 * Which Pro Santé Connect test identity a probe uses: the mailbox named by address, or the first
 * mailbox with a `nationalId` whose `pscTestRole` is the wanted role. A profile that gives no
 * mailbox a `pscTestRole` (written before roles existed) falls back to the rank rule: the n-th
 * mailbox with a `nationalId`, in profile order, plays the role of rank n (LEGACY_ROLE_RANK).
 * A missing identity is a precondition (`skip`) naming the role to add.
 */
import type { Mailbox, PscTestRole } from '../../target/profile.js';
import { precondition } from '../types.js';
import { orList, phrase } from '../../i18n/phrase.js';

export const PSC_TEST_ROLES: readonly PscTestRole[] = ['approve', 'deny', 'ignore', 'short-lived', 'low-acr'];

/** The rank rule of profiles without roles (docs/auth-scenario-ids.md, "PSC test identities"). */
export const LEGACY_ROLE_RANK: Readonly<Record<PscTestRole, number>> = { approve: 0, deny: 1, ignore: 2, 'short-lived': 3, 'low-acr': 4 };

/** Input schema fragment shared by the probes that take `role`. */
export const ROLE_INPUT_SCHEMA = {
  description: 'PSC test identity by role (pscTestRole of a mailbox in the target profile), or a list: the first present wins',
  oneOf: [{ enum: [...PSC_TEST_ROLES] }, { type: 'array', minItems: 1, items: { enum: [...PSC_TEST_ROLES] } }],
} as const;

/** Input schema fragment of the older selection by rank (still accepted). */
export const RANK_INPUT_SCHEMA = {
  description: 'legacy: rank of the PSC test identity among the mailboxes with a nationalId (or a list: the first present wins); prefer role',
  oneOf: [{ type: 'integer', minimum: 0 }, { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0 } }],
} as const;

/** A PSC test identity as the facts show it (no credential reference). */
export interface PscTestIdentity {
  /** Rank among the mailboxes with a nationalId, in profile order. */
  rank: number;
  /** The mailbox's pscTestRole, when the profile gives one. */
  role?: PscTestRole;
  address: string;
  nationalId: string;
}

export interface IdentitySelection {
  /** Address of the mailbox (wins over role and rank). */
  mailbox?: string;
  /** Role(s); the first present wins. */
  role?: PscTestRole | PscTestRole[];
  /** Legacy rank(s); used when no role is given. */
  identity?: number | number[];
}

type WithId = Mailbox & { nationalId: string };

/** The selected identity and its whole mailbox (credential references included, for the auth probes). */
export function selectPscTestIdentity(mailboxes: readonly Mailbox[], sel: IdentitySelection): { identity: PscTestIdentity; mailbox: Mailbox } {
  const withId = mailboxes.filter((m): m is WithId => typeof m.nationalId === 'string' && m.nationalId !== '');
  const found = (rank: number): { identity: PscTestIdentity; mailbox: Mailbox } => {
    const m = withId[rank]!;
    return { identity: { rank, ...(m.pscTestRole ? { role: m.pscTestRole } : {}), address: m.address, nationalId: m.nationalId }, mailbox: m };
  };
  if (sel.mailbox !== undefined) {
    const rank = withId.findIndex((m) => m.address.toLowerCase() === sel.mailbox!.toLowerCase());
    if (rank < 0) throw precondition(phrase('pe-no-mailbox-national-id', { mailbox: sel.mailbox }));
    return found(rank);
  }
  if (sel.role === undefined && sel.identity !== undefined) {
    const ranks = Array.isArray(sel.identity) ? sel.identity : [sel.identity];
    const rank = ranks.find((r) => withId[r] !== undefined);
    if (rank === undefined) throw precondition(phrase('pe-no-identity-rank', { ranks: orList(ranks.map(String)), count: withId.length }));
    return found(rank);
  }
  const roles = sel.role === undefined ? (['approve'] as PscTestRole[]) : Array.isArray(sel.role) ? sel.role : [sel.role];
  if (withId.some((m) => m.pscTestRole !== undefined)) {
    for (const role of roles) {
      const rank = withId.findIndex((m) => m.pscTestRole === role);
      if (rank >= 0) return found(rank);
    }
    const listed = [...new Set(withId.flatMap((m) => (m.pscTestRole ? [m.pscTestRole] : [])))].join(', ');
    throw precondition(
      phrase('pe-no-identity-role', { roles: orList(roles), listed, first: roles[0] }),
    );
  }
  for (const role of roles) {
    const rank = LEGACY_ROLE_RANK[role];
    if (withId[rank]) return found(rank);
  }
  throw precondition(
    phrase('pe-no-identity-legacy', { roles: orList(roles), ranks: orList(roles.map((r) => String(LEGACY_ROLE_RANK[r]))), count: withId.length, first: roles[0] }),
  );
}
