/**
 * The bundle manifest: an in-toto Statement v1 (https://github.com/in-toto/attestation, spec v1)
 * whose subjects are every other file of the bundle with its SHA-256, and whose predicate says what
 * produced them (tool, as-of instant, catalogue, policy, inputs). It is what a signature covers.
 */
import { createHash } from 'node:crypto';
import type { VersionedSource } from '../model/result.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://msscheck.dev/attestations/evidence-bundle/v1';
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'signature.dsse.json';

/** What a file of the bundle is. */
export type BundleFileKind = 'readme' | 'report' | 'transcript' | 'certificate-chain' | 'certificate' | 'target-profile' | 'input';

export interface ResourceDescriptor {
  name: string;
  digest: { sha256: string };
}

export interface BundlePredicate {
  tool: { name: string; version: string; node: string };
  kind: 'run' | 'lint-message';
  /** The instant the run judged as of. */
  asOf: string;
  startedAt: string;
  finishedAt: string;
  verdict: string;
  catalogue: VersionedSource;
  policy: VersionedSource;
  /** Other inputs (cipher policy, scenario folder, message rules, linted messages) by role. */
  inputs: { role: string; source: string; version?: string; sha256?: string; bytes?: number; file?: string }[];
  files: { name: string; kind: BundleFileKind; bytes: number }[];
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: BundlePredicate;
}

export interface BundleFile {
  path: string;
  kind: BundleFileKind;
  data: Uint8Array;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The statement over `files` (which must not include the manifest or the signature). */
export function buildStatement(files: BundleFile[], predicate: Omit<BundlePredicate, 'files'>): Statement {
  return {
    _type: STATEMENT_TYPE,
    subject: files.map((f) => ({ name: f.path, digest: { sha256: sha256(f.data) } })),
    predicateType: PREDICATE_TYPE,
    predicate: { ...predicate, files: files.map((f) => ({ name: f.path, kind: f.kind, bytes: f.data.length })) },
  };
}

export function serialiseStatement(s: Statement): Buffer {
  return Buffer.from(`${JSON.stringify(s, null, 2)}\n`, 'utf8');
}

/** Parses a manifest; throws with a sentence naming what is wrong. */
export function parseStatement(bytes: Uint8Array): Statement {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
  const s = v as Partial<Statement>;
  if (s?._type !== STATEMENT_TYPE) throw new Error(`_type is not ${STATEMENT_TYPE}`);
  if (s.predicateType !== PREDICATE_TYPE) throw new Error(`predicateType is not ${PREDICATE_TYPE}`);
  if (!Array.isArray(s.subject)) throw new Error('no subject list');
  for (const [i, d] of s.subject.entries()) {
    if (typeof d?.name !== 'string' || typeof d.digest?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.digest.sha256)) throw new Error(`subject ${i} has no name or no SHA-256 digest`);
  }
  if (typeof s.predicate !== 'object' || s.predicate === null) throw new Error('no predicate');
  return s as Statement;
}
