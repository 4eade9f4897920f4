/**
 * Redaction at capture time. Every secret msscheck resolves (password, token, OTP seed, passphrase,
 * private key) is registered here before it is used, and every piece of evidence, log line or error
 * message passes through `redact()` before it is stored. Patterns catch what was never registered:
 * JWTs, PEM private keys, SASL initial responses and `Authorization` headers.
 */
import { escapeRegExp } from './regexp.js';

export const REDACTED = '[REDACTED]';

/** `mayMatch`: a quick test the text passes whenever the pattern can match it (its literal part). */
const PATTERNS: { name: string; re: RegExp; replace: string; mayMatch: (text: string) => boolean }[] = [
  { name: 'pem-private-key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, replace: `-----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY-----`, mayMatch: (t) => t.includes('-----BEGIN ') },
  { name: 'jwt', re: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: `${REDACTED}:jwt`, mayMatch: (t) => t.includes('eyJ') },
  { name: 'authorization', re: /\b(Authorization:\s*(?:Bearer|Basic|DPoP)\s+)\S+/gi, replace: `$1${REDACTED}`, mayMatch: () => true },
  // SMTP `AUTH <mech> <initial-response>` and IMAP `<tag> AUTHENTICATE <mech> <initial-response>`
  // (upper-case command and a SASL mechanism name, as clients write them: "AUTH before STARTTLS" is prose)
  { name: 'sasl-initial', re: /\b(AUTH(?:ENTICATE)? (?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|EXTERNAL|CRAM-MD5|DIGEST-MD5|GSSAPI|NTLM|ANONYMOUS|SCRAM-SHA-[0-9]+(?:-PLUS)?) )(?![A-Z0-9-]+(?:\s|$))[A-Za-z0-9+/=]{4,}/g, replace: `$1${REDACTED}:sasl`, mayMatch: (t) => t.includes('AUTH') },
  // IMAP `<tag> LOGIN user password`, as our client writes it (upper-case command, alphanumeric tag);
  // user and password are atoms, quoted strings (with `\"` and `\\` escapes, spaces inside) or literals
  { name: 'imap-login', re: /^((?:C: )?[A-Za-z0-9]+ LOGIN (?:"(?:[^"\\]|\\.)*"|\{\d+\+?\}|\S+) )(?:"(?:[^"\\]|\\.)*"?|\{\d+\+?\}|\S+).*$/gm, replace: `$1${REDACTED}`, mayMatch: (t) => t.includes(' LOGIN ') },
  // access_token / refresh_token / id_token / client_secret / password in JSON or form bodies
  // (a quoted JSON key, or a form field `key=`: prose such as "PSC token: expected ..." is left alone)
  { name: 'credential-field', re: /((?:["'](?:access_token|refresh_token|id_token|client_secret|password|passphrase|otp|code|auth_req_id|token)["']\s*:\s*["']?)|(?:\b(?:access_token|refresh_token|id_token|client_secret|password|passphrase|otp|code|auth_req_id|token)=))[^"'&\s,}]{4,}/gi, replace: `$1${REDACTED}`, mayMatch: () => true },
];

/**
 * A secret's escaped forms, matched as one: every mix of character escapes (`escapedForms`) when the
 * value is short enough for a pattern, else its uniformly escaped forms as literals.
 */
interface EscapedMatcher {
  label: string;
  /** Length of the value: matchers apply longest value first, so a token goes before a substring of it. */
  length: number;
  /** The value's base64 forms (kept: a value registered again only takes the new label). */
  base64: string[];
  re?: RegExp;
  /** A run of letters and digits every escaped form keeps: without it in the text, nothing to look for. */
  anchor?: string;
  literals?: string[];
}

/** Values up to this many characters are matched by a pattern of every escape mix; longer ones by their uniform forms. */
const MIXED_MAX = 256;

export class Redactor {
  /** Literal forms (base64 family, and uniform escapes of long values) => label. */
  private readonly secrets = new Map<string, string>();
  /** One matcher per registered value, for the value itself and every escaped form of it. */
  private readonly escaped = new Map<string, EscapedMatcher>();
  /** Every literal form and anchor, for the quick look at what a text holds. */
  private readonly index = new TrigramIndex();
  /** The matchers in the order they apply (longest first), kept sorted as secrets are registered. */
  private readonly order: { escaped: EscapedMatcher[]; anchorless: EscapedMatcher[]; literals: string[] } = { escaped: [], anchorless: [], literals: [] };
  private count = 0;

  /**
   * Registers a secret value under a label, in every form a probe or a server may put it on the
   * wire or in a reply: as is, base64 (alone and inside a larger base64 payload, at each of the three
   * byte alignments, as SASL PLAIN/LOGIN/XOAUTH2/OAUTHBEARER carry it), URL- and form-encoded, JSON-
   * escaped (with and without `\\uXXXX` for non-ASCII), IMAP-quoted (`\\"`, `\\\\`) and HTML-escaped,
   * each character escaped its own way or not at all.
   */
  register(value: string | undefined | null, label = 'secret'): void {
    if (!value || value.length < 4) return;
    const known = this.escaped.get(value);
    if (known) {
      // Registered before (a run resolves the same secret in many scenarios): its forms are known;
      // it is named by its last label.
      for (const form of known.base64) this.secrets.set(form, label);
      known.label = label;
      return;
    }
    const base64 = base64Forms(value);
    for (const form of base64) {
      if (!this.secrets.has(form)) {
        insertLongestFirst(this.order.literals, form);
        this.index.add(form);
      }
      this.secrets.set(form, label);
    }
    const m: EscapedMatcher = value.length <= MIXED_MAX
      ? { label, length: value.length, base64, re: escapedForms(value), anchor: anchorOf(value) }
      : { label, length: value.length, base64, literals: uniformEscapes(value) };
    this.escaped.set(value, m);
    insertLongestFirst(this.order.escaped, m);
    if (m.re && m.anchor === undefined) this.order.anchorless.push(m);
    for (const s of m.anchor !== undefined ? [m.anchor] : (m.literals ?? [])) this.index.add(s);
  }

  /** Registers a SASL payload the client is about to send (its base64 form is what goes on the wire). */
  registerBase64(base64: string, label = 'sasl'): void {
    this.register(base64, label);
    this.register(Buffer.from(base64, 'base64').toString('utf8'), label);
  }

  /** Number of replacements made so far: the report says how many. */
  get redactions(): number {
    return this.count;
  }

  redact(text: string): string {
    // Every registered form, every escaped form and every pattern is at least 4 characters long.
    if (text.length < 4) return text;
    const order = this.order;
    // Which registered strings the text holds, in one pass over it (most texts hold none).
    const present = this.index.present(text);
    let out = present.size ? this.redactRegistered(text, present, order) : text;
    // A value without a run of letters or digits has no anchor to look for: its pattern always runs.
    if (!present.size) for (const m of order.anchorless) out = this.replaceEscaped(out, m);
    for (const p of PATTERNS) {
      if (!p.mayMatch(out)) continue;
      out = out.replace(p.re, (...m: unknown[]) => {
        this.count++;
        return p.replace.replace('$1', String(m[1] ?? ''));
      });
    }
    return out;
  }

  /** `text` without the registered secrets it holds (`present`: the registered strings found in it). */
  private redactRegistered(text: string, present: ReadonlySet<string>, index: Redactor['order']): string {
    let out = text;
    // Until a replacement changes the text, a string it does not hold cannot match; after one, each is looked for again.
    const holds = (s: string): boolean => present.has(s) || (out !== text && out.includes(s));
    // The value and its escaped forms, longest value first. An echo may escape each character its
    // own way (`&#34;` next to `&#x27;`, `%22` next to `+`): one pattern per value matches every mix.
    for (const m of index.escaped) {
      if (m.re) {
        if (m.anchor === undefined || holds(m.anchor)) out = this.replaceEscaped(out, m);
      } else {
        for (const form of m.literals!) if (holds(form)) out = this.replaceLiteral(out, form, m.label);
      }
    }
    // Base64 forms, longest first, so a token is replaced before a substring of it.
    for (const secret of index.literals) if (holds(secret)) out = this.replaceLiteral(out, secret, this.secrets.get(secret)!);
    return out;
  }

  private replaceEscaped(text: string, m: EscapedMatcher): string {
    return text.replace(m.re!, () => {
      this.count++;
      return `${REDACTED}:${m.label}`;
    });
  }

  private replaceLiteral(text: string, secret: string, label: string): string {
    const parts = text.split(secret);
    this.count += parts.length - 1;
    return parts.join(`${REDACTED}:${label}`);
  }

  /** Deep-redacts any JSON-like value (strings inside objects and arrays). */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v)) as T;
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactValue(v)])) as T;
    }
    return value;
  }
}

/** Inserts `item` into `list` (sorted longest first) after the items of the same length. */
function insertLongestFirst<T extends { length: number }>(list: T[], item: T): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.length >= item.length) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

/** A hash of the three UTF-16 code units of `s` at `i` (a small integer; equal strings, equal hashes). */
const trigram = (s: string, i: number): number => (s.charCodeAt(i) * 961 + s.charCodeAt(i + 1) * 31 + s.charCodeAt(i + 2)) & 0xffff;

const NONE: ReadonlySet<string> = new Set();

/**
 * The registered strings (literal forms and anchors) by a hash of their first three characters, so
 * that one pass over a text tells which of them it holds, however many secrets a run registered.
 * Strings are added as secrets are registered; nothing is rebuilt.
 */
class TrigramIndex {
  private readonly byHash: (string[] | undefined)[] = new Array<string[] | undefined>(0x10000);
  private readonly strings = new Set<string>();

  add(s: string): void {
    if (this.strings.has(s)) return;
    this.strings.add(s);
    (this.byHash[trigram(s, 0)] ??= []).push(s);
  }

  /** The added strings `text` holds. */
  present(text: string): ReadonlySet<string> {
    let found: Set<string> | undefined;
    for (let i = 0; i + 3 <= text.length; i++) {
      const list = this.byHash[trigram(text, i)];
      if (list) for (const s of list) if (text.startsWith(s, i)) (found ??= new Set()).add(s);
    }
    return found ?? NONE;
  }
}

/**
 * The base64 forms of `value` (see Redactor.register): alone (standard and URL-safe alphabets) and
 * inside a larger base64 payload, where the secret's bytes start at offset 0, 1 or 2 of a 3-byte
 * group: the characters that encode only the secret's bytes are the same whatever surrounds it.
 * Escaped forms are `escapedForms`' (or `uniformEscapes`' for a long value).
 */
export function base64Forms(value: string): string[] {
  const forms = new Set<string>();
  const bytes = Buffer.from(value, 'utf8');
  forms.add(bytes.toString('base64'));
  forms.add(bytes.toString('base64url'));
  for (const shift of [1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    forms.add(b64.slice(start, end));
  }
  forms.add(bytes.toString('base64').slice(0, Math.floor((bytes.length * 8) / 6)));
  return [...forms].filter((f) => f.length >= 4);
}

/** `value` as is and escaped the same way throughout, by each encoder msscheck or a server may use. */
export function uniformEscapes(value: string): string[] {
  const forms = new Set<string>([value]);
  forms.add(encodeURIComponent(value));
  forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  forms.add(JSON.stringify(value).slice(1, -1));
  forms.add(JSON.stringify(value).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  forms.add(value.replace(/[\\"]/g, (c) => `\\${c}`));
  forms.add(value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!));
  forms.add(value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#x27;' })[c]!));
  return [...forms].filter((f) => f.length >= 4);
}

/** Every form of `value` registered as a literal or matched by its escaped-form pattern (tests). */
export function wireForms(value: string): string[] {
  return [...base64Forms(value), ...uniformEscapes(value)].filter((f, i, all) => all.indexOf(f) === i);
}

/** The longest run of ASCII letters and digits in `value` (3 or more), which every escaped form keeps. */
function anchorOf(value: string): string | undefined {
  const runs = value.match(/[A-Za-z0-9]{3,}/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0];
}

/** JSON's two-character escapes of control characters (RFC 8259 §7). */
const JSON_SHORT: Record<string, string> = { '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };
const NAMED: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
/** A hex number whose letters match either case. */
const hexRe = (n: number, width = 0): string => n.toString(16).padStart(width, '0').replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

/**
 * A pattern matching `value` with each character written as is or in any of the escapes an echo
 * may use, mixed freely: backslash (`\\"`, IMAP and JSON), JSON `\\uXXXX`, HTML named, decimal and
 * hexadecimal references, URL percent-encoding of its UTF-8 bytes, `+` for a space.
 */
export function escapedForms(value: string): RegExp {
  const parts = [...value].map((c) => {
    const cp = c.codePointAt(0)!;
    const alts = new Set<string>([escapeRegExp(c), `&#0*${cp};`, `&#[xX]0*${hexRe(cp)};`]);
    if (c === '"' || c === '\\') alts.add(`\\\\${escapeRegExp(c)}`);
    if (cp < 0x10000) alts.add(`\\\\u${hexRe(cp, 4)}`);
    else alts.add([c.charCodeAt(0), c.charCodeAt(1)].map((u) => `\\\\u${hexRe(u, 4)}`).join(''));
    if (JSON_SHORT[c]) alts.add(`\\\\${JSON_SHORT[c]}`);
    if (NAMED[c]) alts.add(`&${NAMED[c]};`);
    if (c === ' ') alts.add('\\+');
    alts.add([...Buffer.from(c, 'utf8')].map((b) => `%${hexRe(b, 2)}`).join(''));
    return `(?:${[...alts].join('|')})`;
  });
  return new RegExp(parts.join(''), 'g');
}
