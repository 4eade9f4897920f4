/**
 * Redaction at capture time. Every secret msscheck resolves (password, token, OTP seed, passphrase,
 * private key) is registered here before it is used, and every piece of evidence, log line or error
 * message passes through `redact()` before it is stored. Patterns catch what was never registered:
 * JWTs, PEM private keys, SASL initial responses and `Authorization` headers.
 */
import { escapeRegExp } from './regexp.js';

export const REDACTED = '[REDACTED]';

const PATTERNS: { name: string; re: RegExp; replace: string }[] = [
  { name: 'pem-private-key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, replace: `-----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY-----` },
  { name: 'jwt', re: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: `${REDACTED}:jwt` },
  { name: 'authorization', re: /\b(Authorization:\s*(?:Bearer|Basic|DPoP)\s+)\S+/gi, replace: `$1${REDACTED}` },
  // SMTP `AUTH <mech> <initial-response>` and IMAP `<tag> AUTHENTICATE <mech> <initial-response>`
  // (upper-case command and a SASL mechanism name, as clients write them: "AUTH before STARTTLS" is prose)
  { name: 'sasl-initial', re: /\b(AUTH(?:ENTICATE)? (?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|EXTERNAL|CRAM-MD5|DIGEST-MD5|GSSAPI|NTLM|ANONYMOUS|SCRAM-SHA-[0-9]+(?:-PLUS)?) )(?![A-Z0-9-]+(?:\s|$))[A-Za-z0-9+/=]{4,}/g, replace: `$1${REDACTED}:sasl` },
  // IMAP `<tag> LOGIN user password`, as our client writes it (upper-case command, alphanumeric tag);
  // user and password are atoms, quoted strings (with `\"` and `\\` escapes, spaces inside) or literals
  { name: 'imap-login', re: /^((?:C: )?[A-Za-z0-9]+ LOGIN (?:"(?:[^"\\]|\\.)*"|\{\d+\+?\}|\S+) )(?:"(?:[^"\\]|\\.)*"?|\{\d+\+?\}|\S+).*$/gm, replace: `$1${REDACTED}` },
  // access_token / refresh_token / id_token / client_secret / password in JSON or form bodies
  // (a quoted JSON key, or a form field `key=`: prose such as "PSC token: expected ..." is left alone)
  { name: 'credential-field', re: /((?:["'](?:access_token|refresh_token|id_token|client_secret|password|passphrase|otp|code|auth_req_id|token)["']\s*:\s*["']?)|(?:\b(?:access_token|refresh_token|id_token|client_secret|password|passphrase|otp|code|auth_req_id|token)=))[^"'&\s,}]{4,}/gi, replace: `$1${REDACTED}` },
];

export class Redactor {
  private readonly secrets = new Map<string, string>();
  /** Each registered value as a pattern matching any mix of its character escapes (see `escapedForms`). */
  private readonly mixed = new Map<string, { re: RegExp; label: string; anchor?: string }>();
  private ordered: string[] | undefined;
  private count = 0;

  /**
   * Registers a secret value under a label, in every form a probe or a server may put it on the
   * wire or in a reply: as is, base64 (alone and inside a larger base64 payload, at each of the three
   * byte alignments, as SASL PLAIN/LOGIN/XOAUTH2/OAUTHBEARER carry it), URL- and form-encoded, JSON-
   * escaped (with and without `\\uXXXX` for non-ASCII), IMAP-quoted (`\\"`, `\\\\`) and HTML-escaped.
   */
  register(value: string | undefined | null, label = 'secret'): void {
    if (!value || value.length < 4) return;
    for (const form of wireForms(value)) if (form.length >= 4) this.secrets.set(form, label);
    if (value.length <= 256 && !this.mixed.has(value)) this.mixed.set(value, { re: escapedForms(value), label, anchor: anchorOf(value) });
    this.ordered = undefined;
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
    let out = text;
    // Longest first, so a token is replaced before a substring of it.
    this.ordered ??= [...this.secrets.keys()].sort((a, b) => b.length - a.length);
    for (const secret of this.ordered) {
      if (out.includes(secret)) {
        const parts = out.split(secret);
        this.count += parts.length - 1;
        out = parts.join(`${REDACTED}:${this.secrets.get(secret)}`);
      }
    }
    // An echo may escape each character its own way (`&#34;` next to `&#x27;`, `%22` next to `+`).
    for (const { re, label, anchor } of this.mixed.values()) {
      // Escapes leave letters and digits as they are: no run of them in the text, no match to look for.
      if (anchor !== undefined && !out.includes(anchor)) continue;
      out = out.replace(re, () => {
        this.count++;
        return `${REDACTED}:${label}`;
      });
    }
    for (const p of PATTERNS) {
      out = out.replace(p.re, (...m: unknown[]) => {
        this.count++;
        return p.replace.replace('$1', String(m[1] ?? ''));
      });
    }
    return out;
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

/** The forms of `value` that can appear in what msscheck captures (see Redactor.register). */
export function wireForms(value: string): string[] {
  const forms = new Set<string>([value]);
  const bytes = Buffer.from(value, 'utf8');
  forms.add(bytes.toString('base64'));
  forms.add(bytes.toString('base64url'));
  // Inside a larger base64 payload the secret's bytes start at offset 0, 1 or 2 of a 3-byte group:
  // the characters that encode only the secret's bytes are the same whatever surrounds it.
  for (const shift of [1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    forms.add(b64.slice(start, end));
  }
  forms.add(bytes.toString('base64').slice(0, Math.floor((bytes.length * 8) / 6)));
  forms.add(encodeURIComponent(value));
  forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  forms.add(JSON.stringify(value).slice(1, -1));
  forms.add(JSON.stringify(value).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  forms.add(value.replace(/[\\"]/g, (c) => `\\${c}`));
  forms.add(value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!));
  forms.add(value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#x27;' })[c]!));
  return [...forms].filter((f) => f.length >= 4);
}

/** The longest run of ASCII letters and digits in `value` (3 or more), which every escaped form keeps. */
function anchorOf(value: string): string | undefined {
  const runs = value.match(/[A-Za-z0-9]{3,}/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0];
}

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
    if (NAMED[c]) alts.add(`&${NAMED[c]};`);
    if (c === ' ') alts.add('\\+');
    alts.add([...Buffer.from(c, 'utf8')].map((b) => `%${hexRe(b, 2)}`).join(''));
    return `(?:${[...alts].join('|')})`;
  });
  return new RegExp(parts.join(''), 'g');
}
