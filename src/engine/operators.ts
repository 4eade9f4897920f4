import type { Operator } from '../scenarios/types.js';

/**
 * The assertion and condition operators of the scenario format. Each takes the value found and the
 * value expected and says whether it holds. They never throw on odd types: a mismatch is `false`.
 */
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const eq = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const includes = (list: unknown[], x: unknown): boolean => list.some((y) => eq(y, x));
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const date = (v: unknown): number | undefined => {
  if (typeof v !== 'string' && !(v instanceof Date)) return undefined;
  const t = new Date(v).getTime();
  return Number.isNaN(t) ? undefined : t;
};
const compare = (a: number | undefined, b: number | undefined, f: (x: number, y: number) => boolean): boolean =>
  a !== undefined && b !== undefined && f(a, b);
const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

const IMPLEMENTATIONS: Record<Operator, (found: unknown, expected: unknown) => boolean> = {
  equals: (f, e) => eq(f, e),
  notEquals: (f, e) => !eq(f, e),
  in: (f, e) => includes(asArray(e), f),
  notIn: (f, e) => !includes(asArray(e), f),
  contains: (f, e) => (typeof f === 'string' ? typeof e === 'string' && f.includes(e) : includes(asArray(f), e)),
  notContains: (f, e) => (typeof f === 'string' ? !(typeof e === 'string' && f.includes(e)) : !includes(asArray(f), e)),
  containsAll: (f, e) => asArray(e).every((x) => includes(asArray(f), x)),
  containsAny: (f, e) => asArray(e).some((x) => includes(asArray(f), x)),
  subsetOf: (f, e) => Array.isArray(f) && f.every((x) => includes(asArray(e), x)),
  disjointFrom: (f, e) => asArray(f).every((x) => !includes(asArray(e), x)),
  matches: (f, e) => typeof f === 'string' && typeof e === 'string' && new RegExp(e).test(f),
  notMatches: (f, e) => typeof f === 'string' && typeof e === 'string' && !new RegExp(e).test(f),
  exists: (f) => f !== undefined && f !== null,
  absent: (f) => f === undefined || f === null,
  empty: (f) => isEmpty(f),
  notEmpty: (f) => !isEmpty(f),
  gt: (f, e) => compare(num(f), num(e), (a, b) => a > b),
  gte: (f, e) => compare(num(f), num(e), (a, b) => a >= b),
  lt: (f, e) => compare(num(f), num(e), (a, b) => a < b),
  lte: (f, e) => compare(num(f), num(e), (a, b) => a <= b),
  before: (f, e) => compare(date(f), date(e), (a, b) => a < b),
  after: (f, e) => compare(date(f), date(e), (a, b) => a > b),
};

/** Operators that take no `value`. */
export const UNARY: ReadonlySet<Operator> = new Set(['exists', 'absent', 'empty', 'notEmpty']);

/** Operators whose answer is about presence itself: they judge a missing fact. */
export const PRESENCE: ReadonlySet<Operator> = new Set(['exists', 'absent']);
/** Negative operators over a collection or text: they would hold on "nothing", so they cannot judge null. */
const NEGATIVE_OVER_CONTENT: ReadonlySet<Operator> = new Set(['notContains', 'notMatches', 'disjointFrom', 'subsetOf', 'empty']);

/**
 * Whether an assertion can judge what was found. A fact the step did not produce (undefined) can
 * only be judged by `exists`/`absent`. A null fact ("not announced", "not known": capabilities after
 * a TLS handshake that did not happen) is judged by every operator (a positive one then fails)
 * except the negative ones over content (notContains, notMatches, disjointFrom, subsetOf, empty),
 * which would pass on nothing.
 */
export function judgeable(op: Operator, found: unknown): boolean {
  if (PRESENCE.has(op)) return true;
  if (found === undefined) return false;
  if (found === null) return !NEGATIVE_OVER_CONTENT.has(op);
  return true;
}

export function applyOperator(op: Operator, found: unknown, expected: unknown): boolean {
  return IMPLEMENTATIONS[op](found, expected);
}
