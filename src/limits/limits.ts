/**
 * Bounds on what msscheck accepts from a target or an input file, as data: the defaults are
 * `limits/default.yaml` (validated by `schemas/limits.schema.json`); a target profile's `limits:`
 * block and `--limit name=value` flags raise or lower them. The run's limits are bound to its async
 * context (`withLimits`), so that every connection, HTTP exchange and transcript opened while a
 * step runs reads them without threading them through each call.
 */
import { phrase, type Phrase } from '../i18n/phrase.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProbeError } from '../probes/types.js';
import { InputError, saying } from '../util/input-error.js';
import { schemaValidator } from '../util/schema-validator.js';
import { cachedData, recordData, recordPassed } from '../util/data-cache.js';
import { yaml } from '../util/yaml-lib.js';

export interface Limits {
  lineBytes: number;
  replyLines: number;
  untaggedPerCommand: number;
  transcriptBytesPerStep: number;
  httpBodyBytes: number;
  revocationBodyBytes: number;
  certificatesPerChain: number;
  certificateBytes: number;
  inputFileBytes: number;
  messageFileBytes: number;
  yamlAliases: number;
  /** Seconds SMTP-DSN waits for a notification after its message arrived (RFC 3461 sets no delay). */
  dsnWaitSeconds: number;
}

export type LimitName = keyof Limits;

export const DEFAULT_LIMITS_PATH = fileURLToPath(new URL('../../limits/default.yaml', import.meta.url));

let defaults: Readonly<Limits> | undefined;

/** The shipped defaults (read once; a broken defaults file is a bug of msscheck, so it throws). */
export function defaultLimits(): Readonly<Limits> {
  if (!defaults) {
    const text = readFileSync(DEFAULT_LIMITS_PATH, 'utf8');
    // The shipped file unchanged since the build was checked then (util/data-cache.ts).
    const cached = cachedData(DEFAULT_LIMITS_PATH, text, Infinity);
    if (cached?.passed.has('schema:limits')) return (defaults = Object.freeze({ ...(cached.data as Limits) }));
    const data = yaml().parse(text) as Limits;
    const validate = schemaValidator('limits');
    const names = Object.keys((JSON.parse(readFileSync(new URL('../../schemas/limits.schema.json', import.meta.url), 'utf8')) as { properties: object }).properties);
    const missing = names.filter((n) => !(n in data));
    if (!validate(data) || missing.length) throw new Error(`${DEFAULT_LIMITS_PATH}: invalid defaults (${missing.join(', ') || JSON.stringify(validate.errors)})`);
    recordData(DEFAULT_LIMITS_PATH, text, data, () => false);
    recordPassed(DEFAULT_LIMITS_PATH, text, 'schema:limits');
    defaults = Object.freeze({ ...data });
  }
  return defaults;
}

/** Defaults, then each override in order (later wins). Overrides are validated by the schema. */
export function resolveLimits(...overrides: (Partial<Limits> | undefined)[]): Limits {
  const out: Limits = { ...defaultLimits() };
  for (const o of overrides) if (o) Object.assign(out, o);
  return out;
}

const SIZE = /^(\d+)\s*(k|ki|kib|kb|m|mi|mib|mb|g|gi|gib|gb)?$/i;
const FACTOR: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--limit name=value` (repeatable or comma-separated); sizes may say `64k`, `2M`, `1G`. */
export function parseLimitFlags(values: string[] | undefined): Partial<Limits> {
  const out: Record<string, number> = {};
  const known = Object.keys(defaultLimits());
  for (const item of (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const [name, raw] = item.split('=', 2).map((s) => s.trim());
    if (!name || !known.includes(name)) {
      throw new InputError({ field: '--limit', ...saying(phrase('limit-unknown', { value: name ?? item }), phrase('flag-use-one-of', { values: known.join(', ') })) });
    }
    const m = SIZE.exec(raw ?? '');
    if (!m) throw new InputError({ field: '--limit', ...saying(phrase('limit-not-number', { value: item }), phrase('limit-not-number-fix', { example: `${name}=${defaultLimits()[name as LimitName]}` })) });
    out[name] = Number(m[1]) * (m[2] ? FACTOR[m[2][0]!.toLowerCase()]! : 1);
  }
  // No override given: nothing to validate (and ajv stays unloaded, as in most runs).
  if (!Object.keys(out).length) return {};
  const validate = schemaValidator('limits');
  if (!validate(out)) {
    const e = validate.errors?.[0];
    throw new InputError({ field: `--limit ${e?.instancePath.slice(1) ?? ''}`.trim(), message: `${e?.message ?? 'invalid limit'}`, fix: 'see schemas/limits.schema.json for the allowed range' });
  }
  return out as Partial<Limits>;
}

const active = new AsyncLocalStorage<Limits>();

/** Runs `fn` with `limits` as the limits of everything it starts (connections, HTTP, transcripts). */
export function withLimits<T>(limits: Limits, fn: () => T): T {
  // The defaults outside any other limits need no context: currentLimits() gives them already. And
  // on Node 20 an AsyncLocalStorage, once entered, hooks every promise the process creates from
  // then on (~15% of the main thread's CPU in a sandbox catalogue run).
  if (active.getStore() === undefined && sameLimits(limits, defaultLimits())) return fn();
  return active.run(limits, fn);
}

function sameLimits(a: Readonly<Limits>, b: Readonly<Limits>): boolean {
  const keys = Object.keys(a) as LimitName[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The limits of the current run (the defaults outside a run). */
export function currentLimits(): Readonly<Limits> {
  return active.getStore() ?? defaultLimits();
}

/**
 * A bound the server went past: an `error` finding about the server (never a crash), saying what
 * was seen and how to raise the bound if the server is right.
 */
export function limitExceeded(name: LimitName, what: string | Phrase, seen?: string): ProbeError {
  const limit = currentLimits()[name];
  return new ProbeError(
    'ELIMIT',
    seen ? phrase('pe-limit-exceeded-seen', { what, limit: `${limit}`, name, seen }) : phrase('pe-limit-exceeded', { what, limit: `${limit}`, name }),
  );
}
