/**
 * Renders FETCH data items (RFC 3501 §7.4.2) for one message: UID, FLAGS, RFC822.SIZE,
 * INTERNALDATE, ENVELOPE, BODYSTRUCTURE (single text part view), BODY[section]<partial> and the
 * RFC822 forms. Output is a list of Buffers (literals carry raw bytes).
 */
import { type Token, tokenText } from './command-parser.js';
import { headerFields, headerSubset, type ImapMessage, splitMessage } from './mailbox-view.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function imapDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** An IMAP string: quoted when plain ASCII on one line, else a literal. */
export function imapString(value: string | Buffer | null | undefined): Buffer {
  if (value === null || value === undefined) return Buffer.from('NIL');
  const buf = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
  if (!Buffer.isBuffer(value) && /^[\x20-\x7e]*$/.test(value)) return Buffer.from(`"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
  return Buffer.concat([Buffer.from(`{${buf.length}}\r\n`), buf]);
}

function addressList(value: string | undefined): string {
  if (!value) return 'NIL';
  const parts = value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((s) => s.trim()).filter(Boolean);
  const items = parts.map((p) => {
    const m = /^(.*?)<([^>]*)>\s*$/.exec(p);
    const name = m ? m[1]!.trim().replace(/^"|"$/g, '') : '';
    const addr = (m ? m[2]! : p).trim();
    const at = addr.lastIndexOf('@');
    const q = (s: string): string => (s ? imapString(s).toString('latin1') : 'NIL');
    return `(${q(name)} NIL ${q(at > 0 ? addr.slice(0, at) : addr)} ${q(at > 0 ? addr.slice(at + 1) : '')})`;
  });
  return items.length ? `(${items.join('')})` : 'NIL';
}

function envelope(msg: ImapMessage): Buffer {
  const fields = headerFields(splitMessage(msg.raw).header);
  const get = (n: string): string | undefined => fields.find(([k]) => k.toLowerCase() === n)?.[1];
  const str = (n: string): string => imapString(get(n) ?? null).toString('latin1');
  const from = addressList(get('from'));
  const parts = [
    str('date'),
    str('subject'),
    from,
    get('sender') ? addressList(get('sender')) : from,
    get('reply-to') ? addressList(get('reply-to')) : from,
    addressList(get('to')),
    addressList(get('cc')),
    addressList(get('bcc')),
    str('in-reply-to'),
    str('message-id'),
  ];
  return Buffer.from(`(${parts.join(' ')})`, 'latin1');
}

function bodyStructure(msg: ImapMessage): string {
  const { header, body } = splitMessage(msg.raw);
  const fields = headerFields(header);
  const ct = fields.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'text/plain; charset=us-ascii';
  const [typeSub, ...params] = ct.split(';');
  const [type, sub] = (typeSub ?? 'text/plain').trim().split('/');
  const paramList = params
    .map((p) => p.split('='))
    .filter((kv) => kv.length === 2)
    .map(([k, v]) => `"${k!.trim().toUpperCase()}" "${v!.trim().replace(/^"|"$/g, '').replace(/[\\"]/g, '')}"`);
  const cte = fields.find(([k]) => k.toLowerCase() === 'content-transfer-encoding')?.[1] ?? '7bit';
  const lines = body.toString('latin1').split('\n').length;
  // Multipart messages are shown as one opaque part: BODY[] gives the whole message anyway.
  const isText = (type ?? '').toLowerCase() === 'text';
  const t = (type ?? 'text').toUpperCase();
  const s = (sub ?? 'plain').toUpperCase();
  if (t === 'MULTIPART') return `("APPLICATION" "OCTET-STREAM" NIL NIL NIL "7BIT" ${body.length})`;
  return `("${t}" "${s}" ${paramList.length ? `(${paramList.join(' ')})` : 'NIL'} NIL NIL "${cte.toUpperCase()}" ${body.length}${isText ? ` ${lines}` : ''})`;
}

/** One FETCH attribute request, normalised. */
interface ItemRequest {
  name: string;
  /** For BODY[...]: the section text (``, `HEADER`, `TEXT`, `HEADER.FIELDS (A B)`...). */
  section?: string;
  partial?: [number, number];
  peek: boolean;
}

const MACROS: Record<string, string[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

/** Reads the FETCH item argument (an atom or a parenthesised list). Throws on an unknown item. */
export function parseFetchItems(arg: Token | undefined): ItemRequest[] {
  if (!arg) throw new Error('missing FETCH items');
  const raw: string[] = arg.kind === 'list' ? arg.items.map((t) => tokenText(t) ?? '') : [tokenText(arg) ?? ''];
  const expanded = raw.flatMap((r) => MACROS[r.toUpperCase()] ?? [r]);
  return expanded.map((r) => {
    const m = /^(BODY\.PEEK|BODY|BINARY\.PEEK|BINARY)\[([^\]]*)\](?:<(\d+)\.(\d+)>)?$/i.exec(r);
    if (m) {
      return {
        name: 'BODY',
        section: m[2]!.toUpperCase(),
        partial: m[3] !== undefined ? [Number(m[3]), Number(m[4])] : undefined,
        peek: /PEEK/i.test(m[1]!),
      };
    }
    const name = r.toUpperCase();
    if (!['UID', 'FLAGS', 'RFC822.SIZE', 'INTERNALDATE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'MODSEQ'].includes(name)) {
      throw new Error(`unknown FETCH item ${r}`);
    }
    return { name, peek: true };
  });
}

function sectionBytes(msg: ImapMessage, section: string): Buffer {
  const { header, body } = splitMessage(msg.raw);
  if (section === '') return msg.raw;
  if (section === 'HEADER' || section === '0') return header;
  if (section === 'TEXT' || section === '1') return body;
  const f = /^HEADER\.FIELDS(\.NOT)?\s*\(([^)]*)\)$/.exec(section);
  if (f) return headerSubset(header, f[2]!.trim().split(/\s+/), Boolean(f[1]));
  if (section === '1.MIME') return Buffer.from('\r\n');
  return Buffer.alloc(0);
}

/** The `* seq FETCH (...)` response for one message. `uidCommand` adds UID as RFC 3501 requires. */
export function fetchResponse(seq: number, msg: ImapMessage, items: ItemRequest[], uidCommand: boolean): Buffer {
  const parts: Buffer[] = [];
  const want = uidCommand && !items.some((i) => i.name === 'UID') ? [{ name: 'UID', peek: true } as ItemRequest, ...items] : items;
  for (const item of want) {
    switch (item.name) {
      case 'UID':
        parts.push(Buffer.from(`UID ${msg.uid}`));
        break;
      case 'FLAGS':
        parts.push(Buffer.from(`FLAGS (${msg.flags.join(' ')})`));
        break;
      case 'RFC822.SIZE':
        parts.push(Buffer.from(`RFC822.SIZE ${msg.raw.length}`));
        break;
      case 'INTERNALDATE':
        parts.push(Buffer.from(`INTERNALDATE "${imapDate(msg.internalDate)}"`));
        break;
      case 'MODSEQ':
        parts.push(Buffer.from('MODSEQ (1)'));
        break;
      case 'ENVELOPE':
        parts.push(Buffer.concat([Buffer.from('ENVELOPE '), envelope(msg)]));
        break;
      case 'BODYSTRUCTURE':
        parts.push(Buffer.from(`BODYSTRUCTURE ${bodyStructure(msg)}`));
        break;
      case 'RFC822':
      case 'RFC822.HEADER':
      case 'RFC822.TEXT': {
        const section = item.name === 'RFC822' ? '' : item.name === 'RFC822.HEADER' ? 'HEADER' : 'TEXT';
        parts.push(Buffer.concat([Buffer.from(`${item.name} `), imapString(sectionBytes(msg, section))]));
        break;
      }
      case 'BODY': {
        if (item.section === undefined) {
          parts.push(Buffer.from(`BODY ${bodyStructure(msg)}`));
          break;
        }
        let data = sectionBytes(msg, item.section);
        let origin = '';
        if (item.partial) {
          data = data.subarray(item.partial[0], item.partial[0] + item.partial[1]);
          origin = `<${item.partial[0]}>`;
        }
        parts.push(Buffer.concat([Buffer.from(`BODY[${item.section}]${origin} `), imapString(data)]));
        break;
      }
    }
  }
  const joined: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i) joined.push(Buffer.from(' '));
    joined.push(p);
  });
  return Buffer.concat([Buffer.from(`* ${seq} FETCH (`), ...joined, Buffer.from(')\r\n')]);
}
