/**
 * `${path}` templates in scenario values. A string that is exactly one template is replaced by the
 * value itself (any JSON type); a template inside a longer string is replaced by its text.
 * A path is dotted (`steps.ehlo.facts.extensions`, `target.endpoints.imap.host`, `endpoint`).
 */
const WHOLE = /^\$\{([^}]+)\}$/;
const ANY = /\$\{([^}]+)\}/g;

export type Scope = Record<string, unknown>;

/** Looks a dotted path up in the scope; array indexes are numeric segments. */
export function lookup(scope: Scope, path: string): unknown {
  let cur: unknown = scope;
  for (const seg of path.trim().split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export class TemplateError extends Error {
  constructor(readonly path: string) {
    super(`template \${${path}} has no value`);
    this.name = 'TemplateError';
  }
}

/** Resolves every template in `value` (deeply). Unknown paths throw a TemplateError. */
export function resolveTemplates<T>(value: T, scope: Scope): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) {
      const v = lookup(scope, whole[1]);
      if (v === undefined) throw new TemplateError(whole[1]);
      return v as T;
    }
    return value.replace(ANY, (_, p: string) => {
      const v = lookup(scope, p);
      if (v === undefined) throw new TemplateError(p);
      return typeof v === 'string' ? v : JSON.stringify(v);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveTemplates(v, scope)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTemplates(v, scope)])) as T;
  }
  return value;
}
