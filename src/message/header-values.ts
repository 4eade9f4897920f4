/**
 * Parsers for header field values: Content-Type / Content-Disposition parameters (RFC 2045, RFC
 * 2231), encoded words (RFC 2047), msg-id lists (RFC 5322 §3.6.4) and address lists (§3.4).
 */

export interface ParsedContentType {
  type: string;
  subtype: string;
  /** `type/subtype`, lower case. */
  mediaType: string;
  params: Record<string, string>;
  /** Problems with the syntax (empty when well-formed). */
  problems: string[];
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Splits `a; b="x;y"; c` on semicolons outside quotes and comments. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      cur += c;
      if (c === '\\' && i + 1 < value.length) cur += value[++i];
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      cur += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (c === ';') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

/** Parses `type/subtype; a=b; c="d"` (also used for Content-Disposition with `type` only). */
export function parseStructuredValue(value: string, withSubtype: boolean): ParsedContentType {
  const [head = '', ...rest] = splitParams(value);
  const problems: string[] = [];
  let type = head.toLowerCase();
  let subtype = '';
  if (withSubtype) {
    const slash = head.indexOf('/');
    type = (slash >= 0 ? head.slice(0, slash) : head).trim().toLowerCase();
    subtype = (slash >= 0 ? head.slice(slash + 1) : '').trim().toLowerCase();
    if (!TOKEN.test(type) || !TOKEN.test(subtype)) problems.push(`"${head}" is not a type/subtype pair of tokens`);
  } else if (!TOKEN.test(type)) problems.push(`"${head}" is not a token`);
  const params: Record<string, string> = {};
  const continuations: Record<string, { n: number; v: string; ext: boolean }[]> = {};
  for (const p of rest) {
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) {
      problems.push(`parameter "${p}" has no value`);
      continue;
    }
    const name = p.slice(0, eq).trim().toLowerCase();
    const raw = p.slice(eq + 1).trim();
    if (!raw.startsWith('"') && !TOKEN.test(raw)) problems.push(`parameter ${name}: value "${raw}" must be a token or a quoted string`);
    if (raw.startsWith('"') && !raw.endsWith('"')) problems.push(`parameter ${name}: unterminated quoted string`);
    const m = /^([^*]+)\*(?:(\d+)\*?)?$/.exec(name);
    const star = /\*$/.test(name);
    if (m) {
      (continuations[m[1]] ??= []).push({ n: m[2] === undefined ? 0 : Number(m[2]), v: unquote(raw), ext: star });
    } else params[name] = unquote(raw);
  }
  for (const [name, parts] of Object.entries(continuations)) {
    parts.sort((a, b) => a.n - b.n);
    let charset = 'utf-8';
    const bytes: number[] = [];
    for (const [i, part] of parts.entries()) {
      let v = part.v;
      if (part.ext && i === 0) {
        const q = /^([^']*)'[^']*'(.*)$/.exec(v);
        if (q) {
          charset = q[1].toLowerCase() || 'us-ascii';
          v = q[2];
        }
      }
      if (part.ext) {
        for (let k = 0; k < v.length; k++) {
          if (v[k] === '%' && /^[0-9A-Fa-f]{2}$/.test(v.slice(k + 1, k + 3))) {
            bytes.push(Number.parseInt(v.slice(k + 1, k + 3), 16));
            k += 2;
          } else bytes.push(v.charCodeAt(k) & 0xff);
        }
      } else for (const b of Buffer.from(v, 'latin1')) bytes.push(b);
    }
    try {
      params[name] = new TextDecoder(charset).decode(Uint8Array.from(bytes));
    } catch {
      params[name] = Buffer.from(bytes).toString('latin1');
      problems.push(`parameter ${name}: unknown charset ${charset}`);
    }
  }
  return { type, subtype, mediaType: withSubtype ? `${type}/${subtype}` : type, params, problems };
}

export interface DecodedWords {
  text: string;
  /** Charsets named by the encoded words, lower case. */
  charsets: string[];
  problems: string[];
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`), joining adjacent ones. */
export function decodeEncodedWords(value: string): DecodedWords {
  const charsets: string[] = [];
  const problems: string[] = [];
  if (!value.includes('=?')) return { text: value, charsets, problems };
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  const text = joined.replace(ENCODED_WORD, (_m, cs: string, enc: string, data: string) => {
    const charset = cs.split('*')[0].toLowerCase();
    charsets.push(charset);
    let bytes: Buffer;
    if (enc.toUpperCase() === 'B') bytes = Buffer.from(data, 'base64');
    else {
      const s = data.replace(/_/g, ' ');
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
          out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
          i += 2;
        } else out.push(s.charCodeAt(i) & 0xff);
      }
      bytes = Buffer.from(out);
    }
    try {
      return new TextDecoder(charset, { fatal: true }).decode(bytes);
    } catch {
      problems.push(`encoded word in charset ${charset} does not decode`);
      return bytes.toString('latin1');
    }
  });
  return { text, charsets, problems };
}

/** RFC 5322 msg-id, as `<id-left@id-right>` (dot-atom-text or no-fold-literal on each side). */
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const MSG_ID = `<${DOT_ATOM}@(?:${DOT_ATOM}|\\[[^\\[\\]\\\\\\s]*\\])>`;
const MSG_ID_RE = new RegExp(`^${MSG_ID}$`);
const MSG_ID_LIST_RE = new RegExp(`^\\s*(?:${MSG_ID}\\s*)+$`);

function stripComments(v: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\' && depth > 0) {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** True when `value` is exactly one msg-id (comments and folding white space allowed around it). */
export function isMsgId(value: string): boolean {
  return MSG_ID_RE.test(stripComments(value).trim());
}

/** The msg-ids of a list (In-Reply-To, References), or null when the list is malformed. */
export function parseMsgIdList(value: string): string[] | null {
  const v = stripComments(value);
  if (!MSG_ID_LIST_RE.test(v)) return null;
  return v.match(new RegExp(MSG_ID, 'g')) ?? [];
}

export interface ParsedAddress {
  address: string;
  local: string;
  domain: string;
  name?: string;
}

const LOCAL = `(?:${DOT_ATOM}|"(?:[^"\\\\]|\\\\.)*")`;
const ADDR_SPEC_RE = new RegExp(`^(${LOCAL})@(${DOT_ATOM}|\\[[^\\]]*\\])$`);

function splitTopLevel(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      cur += c;
      if (c === '\\' && i + 1 < value.length) cur += value[++i];
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '<') angle++;
    else if (c === '>' && angle > 0) angle--;
    if (c === sep && angle === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Parses an address list (From, To, Cc, Disposition-Notification-To...). Returns the addresses and
 * the items that are not well-formed mailboxes. Groups (`name: a, b;`) are flattened.
 */
export function parseAddressList(value: string): { addresses: ParsedAddress[]; invalid: string[] } {
  const addresses: ParsedAddress[] = [];
  const invalid: string[] = [];
  const v = stripComments(value).replace(/^[^:"<]*:\s*([^;]*);\s*$/, '$1');
  for (const item of splitTopLevel(v, ',')) {
    const t = item.trim();
    if (t === '') continue;
    const m = /^(.*)<([^<>]*)>\s*$/.exec(t);
    const spec = (m ? m[2] : t).trim();
    const name = m ? decodeEncodedWords(m[1].trim().replace(/^"(.*)"$/, '$1')).text || undefined : undefined;
    const a = ADDR_SPEC_RE.exec(spec);
    if (!a || (m && /[<>]/.test(m[1].replace(/"(?:[^"\\]|\\.)*"/g, '')))) {
      invalid.push(t);
      continue;
    }
    addresses.push({ address: spec, local: a[1], domain: a[2].toLowerCase(), name });
  }
  return { addresses, invalid };
}
