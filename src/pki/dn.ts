/** Distinguished names as text, RFC 4514 style (last RDN first), the form of the ANS whitelist's DNCertificatOperateur. */
import type { SubjectSpec } from './spec.js';

const SHORT: Record<string, string> = {
  '2.5.4.6': 'C', '2.5.4.8': 'ST', '2.5.4.7': 'L', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN',
  '2.5.4.12': 'title', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '1.2.840.113549.1.9.1': 'emailAddress',
};

/** `[{ type: oid, value }]` in DER order => `CN=...,OU=...,C=FR`. */
export function rfc4514(rdns: { type: string; value: string }[]): string {
  return [...rdns]
    .reverse()
    .map((r) => `${SHORT[r.type] ?? r.type}=${escapeValue(r.value)}`)
    .join(',');
}

export function subjectToRfc4514(subject: SubjectSpec, oids: Record<keyof SubjectSpec, string>): string {
  return rfc4514(Object.entries(subject).map(([k, v]) => ({ type: oids[k as keyof SubjectSpec], value: v as string })));
}

function escapeValue(v: string): string {
  let out = v.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}
