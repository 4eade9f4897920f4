/**
 * Writing an evidence bundle (`--bundle FILE`): one ZIP with the reports, transcripts, certificate
 * chains, the target profile as run and copies of the inputs, a manifest (in-toto Statement v1)
 * listing each file's SHA-256, and, with a signing key, a DSSE envelope over the manifest.
 * See docs/EVIDENCE.md for the layout and how to verify it without msscheck.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { yaml } from '../util/yaml-lib.js';
import type { Report } from '../model/result.js';
import type { TargetProfile } from '../target/profile.js';
import type { Translator } from '../i18n/index.js';
import { assertFileFree, writeFileAtomic, zipFiles, type ArchiveFile } from './archive.js';
import { certificateFiles, inputFile, inputFolder, reportFiles, targetProfileFile, transcriptFiles } from './collect.js';
import { serialiseEnvelope, signEnvelope } from './dsse.js';
import { buildStatement, MANIFEST_PATH, serialiseStatement, sha256, SIGNATURE_PATH, type BundleFile, type BundlePredicate, type Statement } from './manifest.js';

export interface BundleSources {
  report: Report;
  target?: { profile: TargetProfile; source: string };
  /** Requirement catalogue folder (catalogue.yaml + requirements/). */
  catalogueDir?: string;
  /** Deadline policy file. */
  policyFile?: string;
  cipherPolicyFile?: string;
  /** Scenario folder and the files of the scenarios that ran. */
  scenarios?: { dir: string; builtIn: boolean; files: string[] };
  /** Message lint rules file. */
  rulesFile?: string;
  /** Linted messages (`path` to read, `name` as the report names it): recorded by hash only (they may hold health data). */
  messages?: { path: string; name: string }[];
  /** Public files the profile names (trust anchors, liste blanche), copied under inputs/target/; never keys or secrets. */
  targetFiles?: string[];
  /** Applied to the target profile text (values the run resolved never appear). */
  redact?: (s: string) => string;
  /** The language the reports are rendered in (as in `--out`). */
  tr?: Translator;
}

const README = `msscheck evidence bundle
========================

manifest.json         in-toto Statement v1: every other file of this archive with its SHA-256,
                      the tool version, the as-of instant, and the inputs the verdicts rest on
signature.dsse.json   (when signed) DSSE envelope over manifest.json (Ed25519 or ECDSA P-256)
reports/              the reports (JSON canonical, JUnit, HTML, Markdown)
transcripts/          every protocol transcript, redacted at capture
certificates/         every certificate chain the target presented (chain.pem, NN.der, index.json)
target/profile.yaml   the target profile as run (credentials as env:/file: references only)
inputs/               exact copies of the catalogue, policies, scenario and rule files used

Check it:  msscheck verify <bundle.zip> --key <public-key.pem>
Without msscheck: see docs/EVIDENCE.md (sha256sum and openssl only).
`;

function yamlIdentity(path: string): { id?: string; version?: string } {
  try {
    const v = yaml().parse(readFileSync(path, 'utf8')) as { id?: unknown; version?: unknown };
    return { id: typeof v?.id === 'string' ? v.id : undefined, version: v?.version !== undefined ? String(v.version) : undefined };
  } catch {
    return {};
  }
}

/** The bundle's files (manifest and signature excluded) and the predicate's inputs. */
export function collectBundleFiles(src: BundleSources): { files: BundleFile[]; inputs: BundlePredicate['inputs'] } {
  const files: BundleFile[] = [{ path: 'README.txt', kind: 'readme', data: Buffer.from(README, 'utf8') }];
  const inputs: BundlePredicate['inputs'] = [];
  files.push(...reportFiles(src.report, src.tr), ...transcriptFiles(src.report), ...certificateFiles(src.report));
  if (src.target) files.push(targetProfileFile(src.target.profile, src.target.source, src.redact));
  const seen = new Set<string>();
  for (const [i, p] of [...new Set(src.targetFiles ?? [])].entries()) {
    const f = inputFile('target', p);
    if (seen.has(f.path)) f.path = f.path.replace(/([^/]+)$/, `${i}-$1`);
    seen.add(f.path);
    files.push(f);
    inputs.push({ role: 'target-file', source: p, sha256: sha256(f.data), file: f.path });
  }
  if (src.catalogueDir) {
    const copies = inputFolder('catalogue', src.catalogueDir);
    files.push(...copies);
    inputs.push({ role: 'catalogue', source: src.report.catalogue.source, version: src.report.catalogue.version, file: 'inputs/catalogue/' });
  }
  if (src.policyFile) {
    const f = inputFile('policy', src.policyFile);
    files.push(f);
    inputs.push({ role: 'policy', source: src.report.policy.source, version: src.report.policy.version, sha256: sha256(f.data), file: f.path });
  }
  if (src.cipherPolicyFile) {
    const f = inputFile('cipher-policy', src.cipherPolicyFile);
    const id = yamlIdentity(src.cipherPolicyFile);
    files.push(f);
    inputs.push({ role: 'cipher-policy', source: src.cipherPolicyFile, version: id.version ?? id.id, sha256: sha256(f.data), file: f.path });
  }
  if (src.scenarios) {
    const { dir, files: scenarioFiles, builtIn } = src.scenarios;
    for (const p of [...new Set(scenarioFiles)].sort()) files.push(inputFile('scenarios', p, relative(dir, p).split(sep).join('/')));
    inputs.push({ role: 'scenarios', source: builtIn ? 'built-in' : dir, version: `${new Set(scenarioFiles).size} files`, file: 'inputs/scenarios/' });
  }
  if (src.rulesFile) {
    const f = inputFile('message-rules', src.rulesFile);
    const id = yamlIdentity(src.rulesFile);
    files.push(f);
    inputs.push({ role: 'message-rules', source: src.report.catalogue.source, version: src.report.catalogue.version ?? id.version, sha256: sha256(f.data), file: f.path });
  }
  for (const m of src.messages ?? []) {
    const data = readFileSync(m.path);
    inputs.push({ role: 'message', source: m.name, sha256: sha256(data), bytes: data.length });
  }
  return { files, inputs };
}

export interface BuiltBundle {
  /** Every archive entry: manifest first, then the signature (if any), then the files. */
  entries: ArchiveFile[];
  statement: Statement;
  keyid?: string;
}

/** Builds the bundle in memory. */
export function buildBundle(src: BundleSources, signingKey?: KeyObject): BuiltBundle {
  const { files, inputs } = collectBundleFiles(src);
  const r = src.report;
  const statement = buildStatement(files, {
    tool: r.tool,
    kind: r.kind,
    asOf: r.asOf,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    verdict: r.summary.verdict,
    catalogue: r.catalogue,
    policy: r.policy,
    inputs,
  });
  const manifest = serialiseStatement(statement);
  const entries: ArchiveFile[] = [{ path: MANIFEST_PATH, data: manifest }];
  let keyid: string | undefined;
  if (signingKey) {
    const env = signEnvelope(manifest, signingKey);
    keyid = env.signatures[0].keyid;
    entries.push({ path: SIGNATURE_PATH, data: Buffer.from(serialiseEnvelope(env), 'utf8') });
  }
  entries.push(...files.map((f) => ({ path: f.path, data: f.data })));
  return { entries, statement, keyid };
}

export interface WrittenBundle {
  path: string;
  files: number;
  /** SHA-256 of the archive itself. */
  sha256: string;
  keyid?: string;
}

/** Builds and writes the bundle atomically; refuses an existing file unless `force`. */
export async function writeBundle(path: string, src: BundleSources, opts: { signingKey?: KeyObject; force?: boolean } = {}): Promise<WrittenBundle> {
  const built = buildBundle(src, opts.signingKey);
  const bytes = zipFiles(built.entries, new Date(src.report.finishedAt));
  await assertFileFree(path, opts.force);
  await writeFileAtomic(path, bytes);
  return { path, files: built.entries.length, sha256: sha256(bytes), keyid: built.keyid };
}
