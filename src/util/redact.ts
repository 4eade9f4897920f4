/**
 * Redaction at capture time. Every secret msscheck resolves (password, token, OTP seed, passphrase,
 * private key) is registered here before it is used, and every piece of evidence, log line or error
 * message passes through `redact()` before it is stored. Patterns catch what was never registered:
 * JWTs, PEM private keys, SASL initial responses and `Authorization` headers.
 */
export const REDACTED = '[REDACTED]';

const PATTERNS: { name: string; re: RegExp; replace: string }[] = [
  { name: 'pem-private-key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, replace: `-----BEGIN PRIVATE KEY----- ${REDACTED} -----END PRIVATE KEY-----` },
  { name: 'jwt', re: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: `${REDACTED}:jwt` },
  { name: 'authorization', re: /\b(Authorization:\s*(?:Bearer|Basic|DPoP)\s+)\S+/gi, replace: `$1${REDACTED}` },
  // SMTP `AUTH <mech> <initial-response>` and IMAP `<tag> AUTHENTICATE <mech> <initial-response>`
  // (upper-case command and a SASL mechanism name, as clients write them: "AUTH before STARTTLS" is prose)
  { name: 'sasl-initial', re: /\b(AUTH(?:ENTICATE)? (?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|EXTERNAL|CRAM-MD5|DIGEST-MD5|GSSAPI|NTLM|ANONYMOUS|SCRAM-SHA-[0-9]+(?:-PLUS)?) )(?![A-Z0-9-]+(?:\s|$))[A-Za-z0-9+/=]{4,}/g, replace: `$1${REDACTED}:sasl` },
  // IMAP `<tag> LOGIN user password`, as our client writes it (upper-case command, alphanumeric tag)
  { name: 'imap-login', re: /^((?:C: )?[A-Za-z0-9]+ LOGIN \S+ )\S+/gm, replace: `$1${REDACTED}` },
  // access_token / refresh_token / id_token / client_secret / password in JSON or form bodies
  // (a quoted JSON key, or a form field `key=`: prose such as "PSC token: expected ..." is left alone)
  { name: 'credential-field', re: /((?:["'](?:access_token|refresh_token|id_token|client_secret|password|passphrase|otp|code|auth_req_id|token)["']\s*:\s*["']?)|(?:\b(?:access_token|refresh_token|id_token|client_secret|password|passphrase|otp|code|auth_req_id|token)=))[^"'&\s,}]{4,}/gi, replace: `$1${REDACTED}` },
];

export class Redactor {
  private readonly secrets = new Map<string, string>();
  private count = 0;

  /** Registers a secret value (and its base64 and URL-encoded forms) under a label. */
  register(value: string | undefined | null, label = 'secret'): void {
    if (!value || value.length < 4) return;
    for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)]) {
      if (form.length >= 4) this.secrets.set(form, label);
    }
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
    let out = text;
    // Longest first, so a token is replaced before a substring of it.
    const ordered = [...this.secrets.keys()].sort((a, b) => b.length - a.length);
    for (const secret of ordered) {
      if (out.includes(secret)) {
        const parts = out.split(secret);
        this.count += parts.length - 1;
        out = parts.join(`${REDACTED}:${this.secrets.get(secret)}`);
      }
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
