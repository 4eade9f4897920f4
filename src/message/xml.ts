/**
 * A small, safe XML reader for the documents a message carries (METADATA.XML, CDA R2). It checks
 * well-formedness, resolves namespaces, and refuses what makes XML dangerous: DTD internal subsets
 * (so no entity declaration, no external entity, no billion laughs) and undefined entities. Only
 * the five predefined entities and character references are expanded.
 */

import { isUtf8 } from 'node:buffer';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';

export interface XmlElement {
  /** Qualified name as written (`rim:Slot`). */
  name: string;
  /** Local name (`Slot`). */
  local: string;
  /** Resolved namespace URI ('' when none). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  line: number;
}

export class XmlError extends Error {
  /** The message with its line, as a catalogue phrase: readable reports say it in the reader's language. */
  readonly phrase: Phrase;
  constructor(
    message: Phrase,
    readonly line: number,
  ) {
    const said = phrase('xml-at-line', { message, line: `${line}` });
    super(renderPhrase(said));
    this.name = 'XmlError';
    this.phrase = said;
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_RE = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*$/;

/** Decodes XML bytes: BOM, then the encoding of the XML declaration (UTF-8 by default). */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictUtf8(bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
  }
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const enc = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return enc === 'utf-8' || enc === 'utf8' ? strictUtf8(bytes) : new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch (err) {
    if (err instanceof RangeError) throw new XmlError(phrase('xml-unsupported-encoding', { enc: `${enc}` }), 1);
    throw new XmlError(phrase('xml-bytes-invalid', { enc: `${enc}` }), 1);
  }
}

/**
 * UTF-8 decoding that refuses invalid bytes, as a fatal TextDecoder does (a TypeError), but with
 * Node's native validator and decoder: a fatal TextDecoder goes through ICU and is several times slower.
 */
function strictUtf8(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new TypeError('The encoded data was not valid for encoding utf-8');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function decodeEntities(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;\s&<]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new XmlError(phrase('xml-unterminated-entity', { ref: `${ref}` }), line);
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      const cp = Number.parseInt(ref.slice(2), 16);
      if (!Number.isFinite(cp) || cp > 0x10ffff) throw new XmlError(phrase('xml-bad-char-ref', { ref: `${ref}` }), line);
      return String.fromCodePoint(cp);
    }
    if (ref.startsWith('#')) {
      const cp = Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(cp) || cp > 0x10ffff) throw new XmlError(phrase('xml-bad-char-ref', { ref: `${ref}` }), line);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) throw new XmlError(phrase('xml-undefined-entity', { ref: `${ref}` }), line);
    return v;
  });
}

interface Frame {
  el: XmlElement;
  nsMap: Map<string, string>;
}

/** Parses an XML document and returns its root element. Throws XmlError when not well-formed. */
export function parseXml(text: string, maxElements = 200_000): XmlElement {
  let i = 0;
  let line = 1;
  const n = text.length;
  const stack: Frame[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  const advanceTo = (j: number) => {
    for (let k = i; k < j; k++) if (text.charCodeAt(k) === 10) line++;
    i = j;
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const chunk = text.slice(i, end);
      if (stack.length > 0) stack[stack.length - 1].el.text += decodeEntities(chunk, line);
      else if (chunk.trim() !== '') throw new XmlError(phrase('xml-text-outside-root'), line);
      advanceTo(end);
    }
    if (lt < 0) break;
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close < 0) throw new XmlError(phrase('xml-unterminated-pi'), line);
      advanceTo(close + 2);
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) throw new XmlError(phrase('xml-unterminated-comment'), line);
      advanceTo(close + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i + 9);
      if (close < 0) throw new XmlError(phrase('xml-unterminated-cdata'), line);
      if (stack.length === 0) throw new XmlError(phrase('xml-cdata-outside-root'), line);
      stack[stack.length - 1].el.text += text.slice(i + 9, close);
      advanceTo(close + 3);
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (root || stack.length) throw new XmlError(phrase('xml-doctype-after-root'), line);
      const close = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      if (bracket >= 0 && (close < 0 || bracket < close)) {
        throw new XmlError(phrase('xml-dtd-refused'), line);
      }
      if (close < 0) throw new XmlError(phrase('xml-unterminated-doctype'), line);
      advanceTo(close + 1);
    } else if (text.startsWith('<!', i)) {
      throw new XmlError(phrase('xml-markup-declaration-refused'), line);
    } else if (text.startsWith('</', i)) {
      const close = text.indexOf('>', i);
      if (close < 0) throw new XmlError(phrase('xml-unterminated-end-tag'), line);
      const name = text.slice(i + 2, close).trim();
      const top = stack.pop();
      if (!top) throw new XmlError(phrase('xml-end-without-start', { name: `${name}` }), line);
      if (top.el.name !== name) throw new XmlError(phrase('xml-end-mismatch', { name: `${name}`, open: `${top.el.name}`, openLine: `${top.el.line}` }), line);
      advanceTo(close + 1);
    } else {
      // start tag: find its end, honouring quoted attribute values
      let j = i + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
        else if (c === 60) throw new XmlError(phrase('xml-lt-in-tag'), line);
      }
      if (j >= n) throw new XmlError(phrase('xml-unterminated-start-tag'), line);
      const selfClosing = text.charCodeAt(j - 1) === 47;
      const body = text.slice(i + 1, selfClosing ? j - 1 : j);
      const startLine = line;
      const m = /^([^\s/>]+)/.exec(body);
      if (!m || !NAME_RE.test(m[1])) throw new XmlError(phrase('xml-bad-element-name', { name: body.slice(0, 40) }), line);
      if (stack.length === 0 && root) throw new XmlError(phrase('xml-two-roots'), line);
      if (++count > maxElements) throw new XmlError(phrase('xml-too-many-elements', { max: `${maxElements}` }), line);
      const attrs: Record<string, string> = {};
      const attrRe = /\s*([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/gy;
      attrRe.lastIndex = m[1].length;
      let rest = m[1].length;
      for (;;) {
        const a = attrRe.exec(body);
        if (!a) break;
        if (!NAME_RE.test(a[1])) throw new XmlError(phrase('xml-bad-attribute-name', { name: `${a[1]}` }), startLine);
        if (a[1] in attrs) throw new XmlError(phrase('xml-attribute-twice', { name: `${a[1]}` }), startLine);
        const raw = a[3] ?? a[4] ?? '';
        if (raw.includes('<')) throw new XmlError(phrase('xml-lt-in-attribute', { name: `${a[1]}` }), startLine);
        attrs[a[1]] = decodeEntities(raw, startLine);
        rest = attrRe.lastIndex;
      }
      if (body.slice(rest).trim() !== '') throw new XmlError(phrase('xml-malformed-attributes', { name: `${m[1]}` }), startLine);
      const parent = stack[stack.length - 1];
      const nsMap = new Map(parent?.nsMap ?? []);
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns') nsMap.set('', v);
        else if (k.startsWith('xmlns:')) nsMap.set(k.slice(6), v);
      }
      const colon = m[1].indexOf(':');
      const prefix = colon >= 0 ? m[1].slice(0, colon) : '';
      const local = colon >= 0 ? m[1].slice(colon + 1) : m[1];
      const ns = nsMap.get(prefix);
      if (prefix && ns === undefined) throw new XmlError(phrase('xml-undeclared-prefix', { prefix: `${prefix}` }), startLine);
      const el: XmlElement = { name: m[1], local, ns: ns ?? '', attrs, children: [], text: '', line: startLine };
      if (parent) parent.el.children.push(el);
      else root = el;
      if (!selfClosing) stack.push({ el, nsMap });
      advanceTo(j + 1);
    }
  }
  if (stack.length > 0) throw new XmlError(phrase('xml-not-closed', { name: `${stack[stack.length - 1].el.name}` }), line);
  if (!root) throw new XmlError(phrase('xml-no-root'), line);
  return root;
}

/** Children of `el` with local name `local`. */
export function childrenNamed(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

/** Follows a path of local names from `el`, first match at each step. */
export function path(el: XmlElement | undefined, ...locals: string[]): XmlElement | undefined {
  let cur = el;
  for (const l of locals) cur = child(cur, l);
  return cur;
}

/** Every descendant (depth first) with local name `local`. */
export function descendants(el: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

/** Attribute by local name (ignores the prefix). */
export function attr(el: XmlElement | undefined, local: string): string | undefined {
  if (!el) return undefined;
  if (local in el.attrs) return el.attrs[local];
  for (const [k, v] of Object.entries(el.attrs)) if (k.endsWith(`:${local}`)) return v;
  return undefined;
}
