/**
 * The few pieces of the DNS wire format (RFC 1035 §4, RFC 2782, RFC 3596) a loopback authoritative
 * server needs: read a query's question, write an answer with A, AAAA, MX and SRV records.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type DnsRecord =
  | { name: string; type: 'A'; address: string; ttl?: number }
  | { name: string; type: 'AAAA'; address: string; ttl?: number }
  | { name: string; type: 'MX'; priority: number; exchange: string; ttl?: number }
  | { name: string; type: 'SRV'; priority: number; weight: number; port: number; target: string; ttl?: number };

export const TYPE_CODES = { A: 1, MX: 15, AAAA: 28, SRV: 33 } as const;
const CLASS_IN = 1;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4 } as const;

export interface DnsQuestion {
  id: number;
  /** Opcode and RD bits of the query, echoed in the answer. */
  flags: number;
  /** Lower-case name without the final dot. */
  name: string;
  type: number;
  klass: number;
  /** The question section's bytes, copied into the answer. */
  raw: Buffer;
}

/** Reads the header and the first question of a query; undefined when the packet is not one. */
export function readQuestion(packet: Buffer): DnsQuestion | undefined {
  if (packet.length < 12) return undefined;
  const flags = packet.readUInt16BE(2);
  if (flags & 0x8000 || packet.readUInt16BE(4) < 1) return undefined; // a response, or no question
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    if (offset >= packet.length) return undefined;
    const len = packet[offset]!;
    if (len === 0) break;
    if (len > 63 || offset + 1 + len > packet.length) return undefined; // no compression in a question
    labels.push(packet.subarray(offset + 1, offset + 1 + len).toString('latin1'));
    offset += 1 + len;
  }
  offset += 1;
  if (offset + 4 > packet.length) return undefined;
  return {
    id: packet.readUInt16BE(0),
    flags,
    name: labels.join('.').toLowerCase(),
    type: packet.readUInt16BE(offset),
    klass: packet.readUInt16BE(offset + 2),
    raw: packet.subarray(12, offset + 4),
  };
}

function encodeName(name: string): Buffer {
  const trimmed = name.replace(/\.$/, '');
  if (trimmed === '') return Buffer.from([0]);
  const parts = trimmed.split('.').map((l) => {
    const b = Buffer.from(l, 'latin1');
    if (b.length === 0 || b.length > 63) throw new Error(`bad DNS label in ${name}`);
    return Buffer.concat([Buffer.from([b.length]), b]);
  });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.from(all.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; }));
}

function rdata(record: DnsRecord): Buffer {
  switch (record.type) {
    case 'A':
      if (!isIPv4(record.address)) throw new Error(`not an IPv4 address: ${record.address}`);
      return Buffer.from(record.address.split('.').map(Number));
    case 'AAAA':
      if (!isIPv6(record.address)) throw new Error(`not an IPv6 address: ${record.address}`);
      return ipv6Bytes(record.address);
    case 'MX': {
      const pref = Buffer.alloc(2);
      pref.writeUInt16BE(record.priority);
      return Buffer.concat([pref, encodeName(record.exchange)]);
    }
    case 'SRV': {
      const head = Buffer.alloc(6);
      head.writeUInt16BE(record.priority, 0);
      head.writeUInt16BE(record.weight, 2);
      head.writeUInt16BE(record.port, 4);
      return Buffer.concat([head, encodeName(record.target)]);
    }
  }
}

/** An authoritative answer to `question` carrying `answers` (all for the question's name), with `rcode`. */
export function writeAnswer(question: DnsQuestion, answers: readonly DnsRecord[], rcode: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR=1, opcode and RD echoed, AA=1, RA=0.
  header.writeUInt16BE(0x8000 | (question.flags & 0x7900) | 0x0400 | (rcode & 0xf), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const rrs = answers.map((r) => {
    const data = rdata(r);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(TYPE_CODES[r.type], 0);
    fixed.writeUInt16BE(CLASS_IN, 2);
    fixed.writeUInt32BE(r.ttl ?? 60, 4);
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([Buffer.from([0xc0, 0x0c]), fixed, data]); // name: pointer to the question
  });
  return Buffer.concat([header, question.raw, ...rrs]);
}

/** A header-only error answer for a packet whose question could not be read. */
export function writeFormatError(packet: Buffer): Buffer | undefined {
  if (packet.length < 2) return undefined;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(packet.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8000 | RCODE.FORMERR, 2);
  return header;
}
