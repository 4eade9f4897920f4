/**
 * A streaming MIME scanner. It reads a message line by line from a stream, records every part's
 * headers and shape, decodes bodies only as far as needed (sizes, UTF-8 validity, the first bytes)
 * and keeps the bytes of the parts it is asked to capture (the IHE_XDM archive) up to a cap. Memory
 * stays bounded whatever the message size: long lines are cut, big parts are counted, not kept.
 */
import { isAscii } from 'node:buffer';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { decodeEncodedWords, parseStructuredValue, type ParsedContentType } from './header-values.js';

export interface HeaderField {
  name: string;
  /** Unfolded value, leading white space removed, bytes read as UTF-8 (latin1 when not valid UTF-8). */
  value: string;
  /** True when the raw field carried 8-bit bytes. */
  eightBit: boolean;
}

export interface MimePart {
  /** `0` for the message itself, then `0.1`, `0.1.2`... */
  path: string;
  depth: number;
  headers: HeaderField[];
  contentType: ParsedContentType;
  /** True when the part had no Content-Type (RFC 2045 default text/plain; charset=us-ascii). */
  contentTypeDefaulted: boolean;
  transferEncoding: string;
  disposition?: string;
  filename?: string;
  multipart: boolean;
  /** For multiparts: whether the closing boundary was seen. */
  closed?: boolean;
  /** Decoded size in bytes (leaf parts). */
  size: number;
  /** First bytes of the decoded content. */
  head: Buffer;
  /** For text parts: whether the decoded bytes are valid UTF-8. */
  utf8Valid?: boolean;
  /** Whether the raw body had 8-bit bytes. */
  eightBitBody: boolean;
  /** Decoded bytes, when the part was captured and stayed under the cap. */
  captured?: Buffer;
  /** True when the part was to be captured but exceeded the cap. */
  captureTruncated?: boolean;
}

export interface MimeProblem {
  code: 'NO_HEADERS' | 'HEADER_TOO_LARGE' | 'MALFORMED_HEADER' | 'UNCLOSED_MULTIPART' | 'NO_BOUNDARY' | 'TOO_MANY_PARTS' | 'TOO_DEEP' | 'UNKNOWN_ENCODING' | 'BAD_ENCODING';
  part: string;
  message: string;
}

export interface ScannedMessage {
  /** The top-level header fields, in order. */
  headers: HeaderField[];
  /** Every part, the message first (path `0`). */
  parts: MimePart[];
  /** Size of the message as written, in bytes. */
  totalBytes: number;
  /** Lines longer than the RFC 5322 limit, and the longest. */
  longLines: number;
  maxLineLength: number;
  problems: MimeProblem[];
}

export interface ScanOptions {
  /** Decides, once a leaf part's headers are read, whether its decoded bytes are kept. */
  capture?: (part: MimePart) => boolean;
  /** Cap of a captured part's decoded bytes. */
  maxCaptureBytes: number;
  maxHeaderBytes: number;
  maxParts: number;
  maxDepth: number;
  /** RFC 5322 line length limit (998). */
  maxLineLength: number;
}

/** A fatal problem: the input is not a MIME message at all, or cannot be read. */
export class MimeError extends Error {
  constructor(
    readonly code: 'NOT_MIME' | 'HEADER_TOO_LARGE' | 'READ_ERROR',
    message: string,
  ) {
    super(message);
    this.name = 'MimeError';
  }
}

/** A piece of a line longer than this is passed on before its end is seen. */
const LINE_CUT = 64 * 1024;
const HEAD_BYTES = 16;
const B64_BATCH = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const KNOWN_ENCODINGS = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);
const HEADER_NAME = /^[!-9;-~]+$/;

interface Multipart {
  part: MimePart;
  delimiter: Buffer;
}

/** Consumes a leaf part's raw body and keeps what the checks need. */
class BodySink {
  private b64Buf: Buffer = EMPTY;
  private b64Len = 0;
  /** How much of the batch's start was already checked for 8-bit bytes (the remainder of the last batch). */
  private checkedLen = 0;
  private qpCarry = '';
  private firstLine = true;
  private utf8?: InstanceType<typeof TextDecoder>;
  private chunks: Buffer[] | undefined;
  private capturedLen = 0;

  constructor(
    readonly part: MimePart,
    capture: boolean,
    private readonly maxCapture: number,
  ) {
    if (capture) this.chunks = [];
    if (part.contentType.type === 'text') {
      this.utf8 = new TextDecoder('utf-8', { fatal: true });
      part.utf8Valid = true;
    }
  }

  /** A raw body line (without its line break), or a piece of one when `complete` is false. */
  line(bytes: Buffer, complete: boolean, continues: boolean): void {
    const enc = this.part.transferEncoding;
    // A base64 body's bytes are checked a batch at a time (flushBase64): one call per 64 KiB, not per line.
    if (enc !== 'base64' && !this.part.eightBitBody && !isAscii(bytes)) this.part.eightBitBody = true;
    if (enc === 'base64') {
      let end = bytes.length;
      while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
      if (end > 0) {
        // Copied into one batch buffer (no array of line slices to concatenate), decoded every B64_BATCH bytes.
        if (this.b64Len + end > this.b64Buf.length) {
          const grown = Buffer.allocUnsafe(Math.max(this.b64Buf.length * 2, this.b64Len + end));
          this.b64Buf.copy(grown, 0, 0, this.b64Len);
          this.b64Buf = grown;
        }
        bytes.copy(this.b64Buf, this.b64Len, 0, end);
        this.b64Len += end;
        if (this.b64Len >= B64_BATCH) this.flushBase64(false);
      }
      return;
    }
    if (enc === 'quoted-printable') {
      let s = this.qpCarry + bytes.toString('latin1');
      this.qpCarry = '';
      if (!complete) {
        const cut = s.lastIndexOf('=');
        if (cut >= 0 && cut > s.length - 3) {
          this.qpCarry = s.slice(cut);
          s = s.slice(0, cut);
        }
        this.emit(Buffer.from(decodeQp(s), 'latin1'), !continues);
        return;
      }
      const trimmed = s.replace(/[ \t]+$/, '');
      const soft = trimmed.endsWith('=');
      this.emit(Buffer.from(decodeQp(soft ? trimmed.slice(0, -1) : trimmed), 'latin1'), !continues);
      if (soft) this.softBreak = true;
      return;
    }
    this.emit(bytes, !continues);
  }

  private softBreak = false;

  /** Emits decoded bytes of a line; a line break is inserted between complete lines. */
  private emit(data: Buffer, newLine: boolean): void {
    if (newLine) {
      if (!this.firstLine && !this.softBreak) this.out(Buffer.from('\r\n'));
      this.firstLine = false;
      this.softBreak = false;
    }
    this.out(data);
  }

  private flushBase64(final: boolean): void {
    if (this.b64Len === 0) return;
    if (!this.part.eightBitBody && !isAscii(this.b64Buf.subarray(this.checkedLen, this.b64Len))) this.part.eightBitBody = true;
    const keep = final ? this.b64Len : this.b64Len - (this.b64Len % 4);
    this.out(Buffer.from(this.b64Buf.toString('latin1', 0, keep), 'base64'));
    this.b64Buf.copy(this.b64Buf, 0, keep, this.b64Len);
    this.b64Len -= keep;
    this.checkedLen = this.b64Len;
  }

  private out(data: Buffer): void {
    if (data.length === 0) return;
    const p = this.part;
    if (p.size < HEAD_BYTES) p.head = Buffer.concat([p.head, data.subarray(0, HEAD_BYTES - p.size)]);
    p.size += data.length;
    if (this.utf8 && p.utf8Valid) {
      try {
        this.utf8.decode(data, { stream: true });
      } catch {
        p.utf8Valid = false;
      }
    }
    if (this.chunks) {
      if (this.capturedLen + data.length > this.maxCapture) {
        this.chunks = undefined;
        p.captureTruncated = true;
      } else {
        this.chunks.push(Buffer.from(data));
        this.capturedLen += data.length;
      }
    }
  }

  end(): void {
    if (this.part.transferEncoding === 'base64') this.flushBase64(true);
    else if (this.qpCarry) this.emit(Buffer.from(decodeQp(this.qpCarry), 'latin1'), false);
    if (this.utf8 && this.part.utf8Valid) {
      try {
        this.utf8.decode();
      } catch {
        this.part.utf8Valid = false;
      }
    }
    if (this.chunks) this.part.captured = Buffer.concat(this.chunks, this.capturedLen);
  }
}

function decodeQp(s: string): string {
  if (!s.includes('=')) return s;
  return s.replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

function headerText(bytes: Buffer): { text: string; eightBit: boolean } {
  const eightBit = !isAscii(bytes);
  if (!eightBit) return { text: bytes.toString('latin1'), eightBit };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), eightBit };
  } catch {
    return { text: bytes.toString('latin1'), eightBit };
  }
}

/** Finds a header (case-insensitive); all occurrences. */
export function headerValues(headers: HeaderField[], name: string): string[] {
  const n = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
}

class Scanner {
  readonly result: ScannedMessage = { headers: [], parts: [], totalBytes: 0, longLines: 0, maxLineLength: 0, problems: [] };
  private carry: Buffer = Buffer.alloc(0);
  private state: 'header' | 'body' | 'ignore' = 'header';
  private current!: MimePart;
  private rawHeaderLines: Buffer[] = [];
  private headerBytes = 0;
  private sink: BodySink | undefined;
  private stack: Multipart[] = [];
  private lineLen = 0;
  private atLineStart = true;
  private stopped = false;

  constructor(private readonly opts: ScanOptions) {
    this.current = this.newPart('0', 0);
  }

  private newPart(path: string, depth: number): MimePart {
    return {
      path,
      depth,
      headers: [],
      contentType: parseStructuredValue('text/plain; charset=us-ascii', true),
      contentTypeDefaulted: true,
      transferEncoding: '7bit',
      multipart: false,
      size: 0,
      head: Buffer.alloc(0),
      eightBitBody: false,
    };
  }

  write(chunk: Buffer): void {
    this.result.totalBytes += chunk.length;
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      const end = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      this.handle(buf.subarray(pos, end), true);
      pos = nl + 1;
    }
    const rest = buf.subarray(pos);
    if (rest.length > LINE_CUT) {
      this.handle(rest, false);
      this.carry = Buffer.alloc(0);
    } else this.carry = rest.length ? Buffer.from(rest) : Buffer.alloc(0);
  }

  end(): ScannedMessage {
    if (this.carry.length) this.handle(this.carry, true);
    this.carry = Buffer.alloc(0);
    if (this.state === 'header') this.endHeaders();
    this.endLeaf();
    for (const m of this.stack) {
      this.problem('UNCLOSED_MULTIPART', m.part.path, `multipart ${m.part.path} has no closing boundary`);
    }
    if (this.result.parts.length === 0 || this.result.headers.length === 0) {
      throw new MimeError('NOT_MIME', 'no header fields: this is not a MIME message');
    }
    return this.result;
  }

  private problem(code: MimeProblem['code'], part: string, message: string): void {
    if (this.result.problems.length < 100) this.result.problems.push({ code, part, message });
  }

  /** One line (complete=true) or a piece of an over-long line (complete=false). */
  private handle(bytes: Buffer, complete: boolean): void {
    const startOfLine = this.atLineStart;
    this.lineLen += bytes.length;
    if (complete) {
      if (this.lineLen > this.opts.maxLineLength) this.result.longLines++;
      if (this.lineLen > this.result.maxLineLength) this.result.maxLineLength = this.lineLen;
      this.lineLen = 0;
    }
    this.atLineStart = complete;
    if (this.state === 'header') {
      if (!complete || !startOfLine) {
        this.headerBytes += bytes.length;
        if (this.headerBytes > this.opts.maxHeaderBytes) this.headerTooLarge();
        else if (this.rawHeaderLines.length) this.rawHeaderLines[this.rawHeaderLines.length - 1] = Buffer.concat([this.rawHeaderLines[this.rawHeaderLines.length - 1], bytes]);
        else this.rawHeaderLines.push(Buffer.from(bytes));
        return;
      }
      this.headerLine(bytes);
      return;
    }
    if (startOfLine && complete && bytes.length >= 2 && bytes[0] === 0x2d && bytes[1] === 0x2d && this.stack.length && this.boundary(bytes)) return;
    if (this.state === 'body' && this.sink) this.sink.line(bytes, complete, !startOfLine);
  }

  private headerTooLarge(): void {
    if (this.current.path === '0' && this.result.headers.length === 0 && this.rawHeaderLines.length === 0) {
      throw new MimeError('NOT_MIME', 'the first line is not a header field: this is not a MIME message');
    }
    if (this.current.path === '0') throw new MimeError('HEADER_TOO_LARGE', `header section larger than ${this.opts.maxHeaderBytes} bytes`);
    this.problem('HEADER_TOO_LARGE', this.current.path, `part ${this.current.path}: header section larger than ${this.opts.maxHeaderBytes} bytes`);
    this.rawHeaderLines = [];
    this.endHeaders();
  }

  private headerLine(bytes: Buffer): void {
    if (bytes.length === 0) {
      this.endHeaders();
      return;
    }
    this.headerBytes += bytes.length + 2;
    if (this.headerBytes > this.opts.maxHeaderBytes) {
      this.headerTooLarge();
      return;
    }
    if ((bytes[0] === 0x20 || bytes[0] === 0x09) && this.rawHeaderLines.length) {
      const last = this.rawHeaderLines.length - 1;
      this.rawHeaderLines[last] = Buffer.concat([this.rawHeaderLines[last], bytes]);
      return;
    }
    const colon = bytes.indexOf(0x3a);
    const name = colon > 0 ? bytes.subarray(0, colon).toString('latin1').replace(/[ \t]+$/, '') : '';
    if (!HEADER_NAME.test(name)) {
      if (this.current.path === '0' && this.rawHeaderLines.length === 0) {
        throw new MimeError('NOT_MIME', 'the first line is not a header field: this is not a MIME message');
      }
      this.problem('MALFORMED_HEADER', this.current.path, `part ${this.current.path}: line "${headerText(bytes.subarray(0, 60)).text}" is not a header field; the header section ends there`);
      this.endHeaders();
      this.handle(bytes, true);
      return;
    }
    this.rawHeaderLines.push(Buffer.from(bytes));
  }

  private endHeaders(): void {
    const part = this.current;
    for (const raw of this.rawHeaderLines) {
      const colon = raw.indexOf(0x3a);
      if (colon <= 0) continue;
      const { text, eightBit } = headerText(raw.subarray(colon + 1));
      part.headers.push({ name: raw.subarray(0, colon).toString('latin1').trim(), value: text.replace(/^[ \t]+/, '').replace(/[ \t]+$/, ''), eightBit });
    }
    this.rawHeaderLines = [];
    this.headerBytes = 0;
    if (part.path === '0') this.result.headers = part.headers;
    if (part.path === '0' && part.headers.length === 0) throw new MimeError('NOT_MIME', 'no header fields: this is not a MIME message');
    this.result.parts.push(part);
    const ct = headerValues(part.headers, 'content-type')[0];
    if (ct !== undefined) {
      part.contentType = parseStructuredValue(ct, true);
      part.contentTypeDefaulted = false;
    } else if (this.stack.length && this.stack[this.stack.length - 1].part.contentType.mediaType === 'multipart/digest') {
      part.contentType = parseStructuredValue('message/rfc822', true);
    }
    const cte = headerValues(part.headers, 'content-transfer-encoding')[0];
    if (cte !== undefined) {
      part.transferEncoding = cte.trim().toLowerCase();
      if (!KNOWN_ENCODINGS.has(part.transferEncoding)) {
        this.problem('UNKNOWN_ENCODING', part.path, `part ${part.path}: unknown Content-Transfer-Encoding "${cte}"`);
      }
    }
    const cd = headerValues(part.headers, 'content-disposition')[0];
    if (cd !== undefined) {
      const d = parseStructuredValue(cd, false);
      part.disposition = d.type;
      if (d.params.filename) part.filename = decodeEncodedWords(d.params.filename).text;
    }
    if (!part.filename && part.contentType.params.name) part.filename = decodeEncodedWords(part.contentType.params.name).text;
    if (part.contentType.type === 'multipart') {
      const boundary = part.contentType.params.boundary;
      if (!boundary) {
        this.problem('NO_BOUNDARY', part.path, `part ${part.path}: ${part.contentType.mediaType} without a boundary parameter`);
      } else if (part.depth >= this.opts.maxDepth) {
        this.problem('TOO_DEEP', part.path, `part ${part.path}: nesting deeper than ${this.opts.maxDepth}; not read further`);
      } else {
        part.multipart = true;
        part.closed = false;
        if (['base64', 'quoted-printable'].includes(part.transferEncoding)) {
          this.problem('BAD_ENCODING', part.path, `part ${part.path}: a multipart must not be ${part.transferEncoding}-encoded`);
        }
        this.stack.push({ part, delimiter: Buffer.from(`--${boundary}`, 'latin1') });
        this.state = 'ignore';
        return;
      }
    }
    this.state = 'body';
    this.sink = new BodySink(part, this.opts.capture?.(part) ?? false, this.opts.maxCaptureBytes);
  }

  private endLeaf(): void {
    if (this.sink) {
      this.sink.end();
      this.sink = undefined;
    }
  }

  /** Handles a line starting with `--`; true when it was a boundary of an open multipart. */
  private boundary(line: Buffer): boolean {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const m = this.stack[k];
      const d = m.delimiter;
      if (line.length < d.length || line.compare(d, 0, d.length, 0, d.length) !== 0) continue;
      let rest = line.subarray(d.length).toString('latin1');
      const close = rest.startsWith('--');
      if (close) rest = rest.slice(2);
      if (rest.trim() !== '') continue;
      this.endLeaf();
      if (this.state === 'header') this.endHeaders();
      this.endLeaf();
      while (this.stack.length - 1 > k) {
        const inner = this.stack.pop()!;
        this.problem('UNCLOSED_MULTIPART', inner.part.path, `multipart ${inner.part.path} has no closing boundary`);
      }
      if (close) {
        m.part.closed = true;
        this.stack.pop();
        this.state = 'ignore';
        return true;
      }
      if (this.stopped || this.result.parts.length >= this.opts.maxParts) {
        if (!this.stopped) this.problem('TOO_MANY_PARTS', m.part.path, `more than ${this.opts.maxParts} parts; the rest is not read`);
        this.stopped = true;
        this.state = 'ignore';
        return true;
      }
      const index = this.result.parts.filter((p) => p.path.startsWith(`${m.part.path}.`) && p.depth === m.part.depth + 1).length + 1;
      this.current = this.newPart(`${m.part.path}.${index}`, m.part.depth + 1);
      this.state = 'header';
      return true;
    }
    return false;
  }
}

/** Scans a message from a stream. Throws MimeError when it is not MIME at all. */
export async function scanMime(source: Readable, opts: ScanOptions): Promise<ScannedMessage> {
  const scanner = new Scanner(opts);
  for await (const chunk of source) scanner.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return scanner.end();
}

/** Scans a message held in memory. */
export function scanMimeBuffer(data: Buffer, opts: ScanOptions): ScannedMessage {
  const scanner = new Scanner(opts);
  for (let o = 0; o < data.length; o += 1 << 20) scanner.write(data.subarray(o, o + (1 << 20)));
  return scanner.end();
}

/** Files up to this size are read at once (one system call, no stream): most messages are small. */
const READ_AT_ONCE_BYTES = 256 * 1024;

/** Scans a message file: a small one read at once, a larger one streamed (memory stays flat). */
export async function scanMimeFile(path: string, opts: ScanOptions): Promise<ScannedMessage> {
  let small: Buffer | undefined;
  try {
    if (statSync(path).size <= READ_AT_ONCE_BYTES) small = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MimeError('READ_ERROR', `cannot read the file (${code ?? (err as Error).message})`);
  }
  if (small) return scanMimeBuffer(small, opts);
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    return await scanMime(stream, opts);
  } catch (err) {
    if (err instanceof MimeError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new MimeError('READ_ERROR', `cannot read the file (${code ?? (err as Error).message})`);
  } finally {
    stream.destroy();
  }
}
