/**
 * Verifying an evidence bundle: every file against the SHA-256 the manifest lists, no file missing
 * and none unlisted, and, with the signer's public key, the DSSE signature over the manifest.
 * Each problem names the file. An archive that cannot be read at all (not a ZIP, no manifest) is an
 * `UnreadableBundle`, which the CLI maps to exit 2.
 */
import type { KeyObject } from 'node:crypto';
import { ZipError } from '../message/zip.js';
import { phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import { looksLikeZip, unzipFiles } from './archive.js';
import { parseEnvelope, verifyEnvelope } from './dsse.js';
import { MANIFEST_PATH, parseStatement, sha256, SIGNATURE_PATH, type BundleFileKind, type Statement } from './manifest.js';

export class UnreadableBundle extends Error {
  override name = 'UnreadableBundle';
  /** The message as a catalogue phrase: `msscheck verify` says it in the user's language. */
  readonly phrase: Phrase;
  constructor(message: Phrase) {
    super(renderPhrase(message));
    this.phrase = message;
  }
}

export interface VerifyProblem {
  file: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: VerifyProblem[];
  /** Files whose SHA-256 matched, by kind. */
  checked: { name: string; kind: BundleFileKind | 'unknown'; sha256: string }[];
  signature: { state: 'valid' | 'invalid' | 'unsigned' | 'not-checked'; detail: string; keyid?: string; algorithm?: string };
  statement?: Statement;
}

/** Reads the archive entries; throws UnreadableBundle when it is not a readable ZIP with a manifest. */
export function openBundle(bytes: Uint8Array): ReturnType<typeof unzipFiles> {
  if (!looksLikeZip(bytes)) throw new UnreadableBundle(phrase('bundle-not-zip'));
  let read;
  try {
    read = unzipFiles(bytes);
  } catch (err) {
    if (err instanceof ZipError) throw new UnreadableBundle(phrase('bundle-damaged-zip', { message: err.phrase }));
    throw err;
  }
  if (!read.files.has(MANIFEST_PATH) && !read.damaged.some((d) => d.path === MANIFEST_PATH)) throw new UnreadableBundle(phrase('bundle-no-manifest', { path: MANIFEST_PATH }));
  return read;
}

export function verifyBundle(bytes: Uint8Array, opts: { publicKey?: KeyObject } = {}): VerifyResult {
  const { files, damaged } = openBundle(bytes);
  const problems: VerifyProblem[] = damaged.map((d) => ({ file: d.path, problem: `damaged in the archive: ${d.reason}` }));
  const manifestBytes = files.get(MANIFEST_PATH);

  // 1. The signature, over the manifest's exact bytes.
  let signature: VerifyResult['signature'];
  const sigBytes = files.get(SIGNATURE_PATH);
  if (!sigBytes) {
    const damagedSig = damaged.some((d) => d.path === SIGNATURE_PATH);
    signature = damagedSig ? { state: 'invalid', detail: `${SIGNATURE_PATH} is damaged` } : { state: 'unsigned', detail: 'the bundle carries no signature' };
    if (opts.publicKey && !damagedSig) problems.push({ file: SIGNATURE_PATH, problem: 'a key was given but the bundle is not signed' });
  } else {
    try {
      const env = parseEnvelope(Buffer.from(sigBytes).toString('utf8'));
      const payload = Buffer.from(env.payload, 'base64');
      if (!manifestBytes || !payload.equals(Buffer.from(manifestBytes))) {
        signature = { state: 'invalid', detail: `the signed payload is not ${MANIFEST_PATH} as it stands` };
        problems.push({ file: MANIFEST_PATH, problem: `differs from the manifest the signature covers (${SIGNATURE_PATH})` });
      } else if (!opts.publicKey) {
        signature = { state: 'not-checked', detail: `signed by key ${env.signatures.map((s) => s.keyid).join(', ')}; not checked: give the signer's public key with --key`, keyid: env.signatures[0]?.keyid };
      } else {
        const check = verifyEnvelope(env, opts.publicKey);
        if (check.ok) signature = { state: 'valid', detail: `valid ${check.algorithm} signature by key ${check.keyid}`, keyid: check.keyid, algorithm: check.algorithm };
        else {
          signature = { state: 'invalid', detail: check.reason ?? 'does not verify' };
          problems.push({ file: SIGNATURE_PATH, problem: `signature does not verify: ${check.reason}` });
        }
      }
    } catch (err) {
      signature = { state: 'invalid', detail: (err as Error).message };
      problems.push({ file: SIGNATURE_PATH, problem: `not a DSSE envelope: ${(err as Error).message}` });
    }
  }

  // 2. The manifest and every file it lists.
  let statement: Statement | undefined;
  const checked: VerifyResult['checked'] = [];
  if (manifestBytes) {
    try {
      statement = parseStatement(manifestBytes);
    } catch (err) {
      problems.push({ file: MANIFEST_PATH, problem: `not a valid manifest: ${(err as Error).message}` });
    }
  }
  if (statement) {
    const kinds = new Map((Array.isArray(statement.predicate.files) ? statement.predicate.files : []).map((f) => [f.name, f.kind]));
    const listed = new Set<string>();
    for (const s of statement.subject) {
      if (listed.has(s.name)) {
        problems.push({ file: s.name, problem: 'listed twice in the manifest' });
        continue;
      }
      listed.add(s.name);
      const data = files.get(s.name);
      if (!data) {
        if (!damaged.some((d) => d.path === s.name)) problems.push({ file: s.name, problem: 'listed in the manifest but missing from the bundle' });
        continue;
      }
      const actual = sha256(data);
      if (actual !== s.digest.sha256) problems.push({ file: s.name, problem: `SHA-256 is ${actual}, the manifest says ${s.digest.sha256}` });
      else checked.push({ name: s.name, kind: kinds.get(s.name) ?? 'unknown', sha256: actual });
    }
    for (const name of files.keys()) {
      if (name !== MANIFEST_PATH && name !== SIGNATURE_PATH && !listed.has(name)) problems.push({ file: name, problem: 'in the bundle but not listed in the manifest' });
    }
  }
  return { ok: problems.length === 0, problems, checked, signature: signature!, statement };
}

/** A name from the (untrusted) archive, safe to print on a terminal. */
const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** What `msscheck verify` prints. */
export function renderVerification(path: string, r: VerifyResult, listFiles = false): string {
  const lines: string[] = [`bundle: ${path}`];
  const p = r.statement?.predicate;
  if (p) lines.push(printable(`manifest: in-toto Statement v1 (${r.statement!.subject.length} files), ${p.tool?.name} ${p.tool?.version}, ${p.kind}, as of ${p.asOf}, verdict ${p.verdict}`));
  const byKind = new Map<string, number>();
  for (const c of r.checked) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  lines.push(`hashes: ${r.checked.length} file(s) match their SHA-256${byKind.size ? ` (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`);
  if (listFiles) for (const c of r.checked) lines.push(`  ok  ${c.sha256}  ${printable(c.name)}`);
  lines.push(`signature: ${r.signature.state}: ${r.signature.detail}`);
  for (const pr of r.problems) lines.push(`FAIL ${printable(pr.file)}: ${printable(pr.problem)}`);
  lines.push(r.ok ? (r.signature.state === 'valid' ? 'result: verified (every hash and the signature)' : 'result: every hash verified; signature not verified (see above)') : `result: NOT verified: ${r.problems.length} problem(s)`);
  return `${lines.join('\n')}\n`;
}
