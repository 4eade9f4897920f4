/**
 * What goes into an evidence bundle, as files: the reports, one text file per protocol transcript
 * (already redacted at capture), the certificate chains the target presented (PEM and DER, with an
 * index), the target profile as run (secret references only), and exact copies of the inputs the
 * verdicts rest on (catalogue, deadline policy, cipher policy, scenario files, message rules).
 */
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { yaml } from '../util/yaml-lib.js';
import type { Evidence, Report } from '../model/result.js';
import { REPORT_FILE_NAMES, REPORT_FORMATS, renderers } from '../reporters/renderers.js';
import type { Translator } from '../i18n/index.js';
import type { TargetProfile } from '../target/profile.js';
import { describeCertificate } from '../probes/x509/describe.js';
import { sha256, type BundleFile } from './manifest.js';

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** A path segment safe in every archive tool and file system. */
export function safeSegment(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 100) || '_';
}

/** Every report format, rendered from the report (in the run's language: the same bytes as `--out`). */
export function reportFiles(report: Report, tr?: Translator): BundleFile[] {
  return REPORT_FORMATS.map((f) => ({ path: `reports/${REPORT_FILE_NAMES[f]}`, kind: 'report' as const, data: utf8(renderers[f](report, tr)) }));
}

/** One text file per transcript: `transcripts/<instance>/<NN>-<step>.txt`, with a short header. */
export function transcriptFiles(report: Report): BundleFile[] {
  const out: BundleFile[] = [];
  for (const s of report.scenarios) {
    const dir = `transcripts/${s.id.split('/').map(safeSegment).join('/')}`;
    let n = 0;
    for (const e of s.evidence) {
      if (e.kind !== 'transcript') continue;
      n++;
      const header = [`# scenario: ${s.id}`, `# step: ${e.step ?? '-'}`, `# ${e.title}`, `# lines: C: client, S: server, *: note (redacted at capture)`, ''];
      out.push({ path: `${dir}/${String(n).padStart(2, '0')}-${safeSegment(e.step ?? 'step')}.txt`, kind: 'transcript', data: utf8([...header, ...(e.lines ?? [])].join('\n') + '\n') });
    }
  }
  return out;
}

interface ChainEvidence {
  endpoint: string;
  presentedPem?: string[];
}

function isChain(e: Evidence): e is Evidence & { data: ChainEvidence } {
  return e.kind === 'certificate-chain' && typeof e.data === 'object' && e.data !== null && typeof (e.data as ChainEvidence).endpoint === 'string';
}

export interface CertificateIndexEntry {
  endpoint: string;
  /** Folder of the chain in the bundle (absent when the report did not keep the certificates' bytes). */
  dir?: string;
  presented: { sha256: string; subject: string; issuer: string; notAfter: string }[];
  seenIn: string[];
}

/**
 * The chains the target presented, each distinct (endpoint, chain) once:
 * `certificates/<endpoint>-<leaf sha256 prefix>/chain.pem` (as presented, leaf first) and
 * `NN.der`, plus `certificates/index.json` saying which scenario saw which chain.
 */
export function certificateFiles(report: Report): BundleFile[] {
  const chains = new Map<string, { entry: CertificateIndexEntry; pems: string[] }>();
  for (const s of report.scenarios) {
    for (const e of s.evidence) {
      if (!isChain(e) || !Array.isArray(e.data.presentedPem) || e.data.presentedPem.length === 0) continue;
      const pems = e.data.presentedPem.filter((p): p is string => typeof p === 'string');
      const ders = pems.map((p) => Buffer.from(new X509Certificate(p).raw));
      const key = `${e.data.endpoint}\n${ders.map((d) => sha256(d)).join(',')}`;
      const known = chains.get(key);
      if (known) {
        if (!known.entry.seenIn.includes(s.id)) known.entry.seenIn.push(s.id);
        continue;
      }
      const presented = ders.map((d) => {
        const c = describeCertificate(d);
        return { sha256: c.sha256, subject: c.subject, issuer: c.issuer, notAfter: c.notAfter };
      });
      const dir = `certificates/${safeSegment(e.data.endpoint)}-${presented[0].sha256.slice(0, 16)}`;
      chains.set(key, { entry: { endpoint: e.data.endpoint, dir, presented, seenIn: [s.id] }, pems });
    }
  }
  const files: BundleFile[] = [];
  const index: CertificateIndexEntry[] = [];
  const usedDirs = new Map<string, number>();
  for (const { entry, pems } of chains.values()) {
    // Two different chains under one leaf (a changed intermediate) get their own folders.
    const n = (usedDirs.get(entry.dir!) ?? 0) + 1;
    usedDirs.set(entry.dir!, n);
    if (n > 1) entry.dir = `${entry.dir}-${n}`;
    files.push({ path: `${entry.dir}/chain.pem`, kind: 'certificate-chain', data: utf8(pems.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('')) });
    pems.forEach((p, i) => files.push({ path: `${entry.dir}/${String(i).padStart(2, '0')}.der`, kind: 'certificate', data: new X509Certificate(p).raw }));
    index.push(entry);
  }
  if (index.length) files.unshift({ path: 'certificates/index.json', kind: 'certificate-chain', data: utf8(`${JSON.stringify(index, null, 2)}\n`) });
  return files;
}

/** The target profile as run, YAML: credential references only (the schema admits nothing else). */
export function targetProfileFile(profile: TargetProfile, source: string, redact: (s: string) => string = (s) => s): BundleFile {
  const text = `# target profile as run (source: ${source}); credentials appear as env:/file: references, never their values\n${yaml().stringify(profile)}`;
  return { path: 'target/profile.yaml', kind: 'target-profile', data: utf8(redact(text)) };
}

/** An exact copy of an input file under `inputs/<role>/`. */
export function inputFile(role: string, path: string, name = basename(path)): BundleFile {
  return { path: `inputs/${role}/${name.split(/[\\/]/).map(safeSegment).join('/')}`, kind: 'input', data: readFileSync(path) };
}

/** Exact copies of every YAML file under `dir` (recursively), under `inputs/<role>/`. */
export function inputFolder(role: string, dir: string): BundleFile[] {
  const out: BundleFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(inputFile(role, p, relative(dir, p).split(sep).join('/')));
    }
  };
  walk(dir);
  return out;
}
