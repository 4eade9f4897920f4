/**
 * Generates the test PKI into a directory: certificates, chains, CRLs, trust bundles, PKCS#12 and
 * the manifest `index.json`. Keys are reused from `keysDir` (created there when missing and allowed).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ATTRIBUTE_OIDS, type BuiltItem, type BuiltPki, buildPki } from './build.js';
import { isoDay } from './dates.js';
import { subjectToRfc4514 } from './dn.js';
import { keyFileName, loadOrCreateKey } from './keys.js';
import type { PkiManifest, PkiManifestItem } from './manifest.js';
import { buildPkcs12 } from './pkcs12.js';
import { loadPkiSpec } from './spec.js';
import { x509 } from './x509-lib.js';

export interface GenerateOptions {
  /** pki.yaml. */
  specPath: string;
  /** Output directory (fixtures/pki for the committed fixtures). */
  outDir: string;
  /** Where keys are read (default `<outDir>/keys`); when it differs from outDir/keys, keys are copied there. */
  keysDir?: string;
  /** Create keys that do not exist yet (default true). */
  createKeys?: boolean;
  /** YYYY-MM-DD, replaces pki.yaml's epoch. */
  epoch?: string;
}

export const PATHS = {
  cert: (name: string) => `certs/${name}.cert.pem`,
  key: (name: string) => `keys/${keyFileName(name)}`,
  chain: (name: string) => `chains/${name}.chain.pem`,
  p12: (name: string) => `p12/${name}.p12`,
  p12Passphrase: (name: string) => `secrets/${name}.passphrase`,
  crl: (file: string) => `crl/${file}`,
  igcRoots: 'trust/igc-sante-test-roots.pem',
  igcChain: 'trust/igc-sante-test-chain.pem',
  igcP7b: 'trust/Chaine_de_certification-IGC-Sante-TEST.p7b',
  otherChain: 'trust/autre-ac-test-chain.pem',
  manifest: 'index.json',
} as const;

export async function generatePki(options: GenerateOptions): Promise<PkiManifest> {
  const outDir = resolve(options.outDir);
  const keysDir = resolve(options.keysDir ?? join(outDir, 'keys'));
  const spec = loadPkiSpec(options.specPath, options.epoch);
  const createKeys = options.createKeys ?? true;
  const pki = await buildPki(spec, (name, bits) => loadOrCreateKey(keysDir, name, bits, createKeys));

  const write = (rel: string, data: string | Uint8Array): void => {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  };

  for (const item of pki.items) {
    write(PATHS.cert(item.name), pem(item));
    write(PATHS.chain(item.name), [item, ...item.issuers.filter((i) => i.kind !== 'root')].map(pem).join(''));
    const keyTarget = join(outDir, PATHS.key(item.name));
    if (resolve(keyTarget) !== join(keysDir, keyFileName(item.name))) {
      mkdirSync(dirname(keyTarget), { recursive: true });
      copyFileSync(join(keysDir, keyFileName(item.name)), keyTarget);
    }
  }
  for (const item of pki.items.filter((i) => i.p12)) {
    const passphrase = p12Passphrase(item.p12!);
    write(PATHS.p12Passphrase(item.p12!), passphrase);
    const p12 = await buildPkcs12({
      seed: `msscheck-test-pki/${item.p12!}`,
      friendlyName: item.name,
      certificates: [item, ...item.issuers.filter((i) => i.kind !== 'root')].map((i) => new Uint8Array(i.cert.rawData)),
      keyPem: item.key.pem,
      passphrase,
    });
    write(PATHS.p12(item.p12!), p12);
  }
  for (const crl of pki.crls) write(PATHS.crl(crl.file), new Uint8Array(crl.crl.rawData));

  const igcAuthorities = pki.items.filter((i) => (i.kind === 'root' || i.kind === 'ca') && i.igc);
  const otherAuthorities = pki.items.filter((i) => (i.kind === 'root' || i.kind === 'ca') && !i.igc);
  write(PATHS.igcRoots, igcAuthorities.filter((i) => i.kind === 'root').map(pem).join(''));
  write(PATHS.igcChain, igcAuthorities.map(pem).join(''));
  write(PATHS.otherChain, otherAuthorities.map(pem).join(''));
  write(PATHS.igcP7b, new Uint8Array(new x509.X509Certificates(igcAuthorities.map((i) => i.cert)).export('raw')));

  const manifest = toManifest(pki);
  write(PATHS.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The test passphrase of a PKCS#12 file: fixed, derived from its name (a test secret, not a real one). */
function p12Passphrase(name: string): string {
  return `msscheck-test-${name}-${createHash('sha256').update(`msscheck-test-pki/${name}`).digest('hex').slice(0, 12)}`;
}

function pem(item: BuiltItem): string {
  return `${item.cert.toString('pem').replace(/\r\n/g, '\n').trimEnd()}\n`;
}

function toManifest(pki: BuiltPki): PkiManifest {
  const byName = new Map(pki.items.map((i) => [i.name, i]));
  const crlOf = new Map(pki.crls.map((c) => [c.issuer, c]));
  const items = pki.items.map((item): PkiManifestItem => {
    const issuer = byName.get(item.issuerName)!;
    const sanExt = item.cert.getExtension(x509.SubjectAlternativeNameExtension);
    return {
      name: item.name,
      kind: item.kind,
      certPem: PATHS.cert(item.name),
      keyPem: PATHS.key(item.name),
      chainPem: PATHS.chain(item.name),
      ...(item.p12 ? { p12: PATHS.p12(item.p12), p12Passphrase: PATHS.p12Passphrase(item.p12) } : {}),
      ...(item.defect ? { defect: item.defect } : {}),
      subject: subjectToRfc4514(item.subject, ATTRIBUTE_OIDS),
      issuer: subjectToRfc4514(issuer.subject, ATTRIBUTE_OIDS),
      issuerName: item.issuerName,
      igc: item.igc,
      serial: item.serial,
      notBefore: item.notBefore.toISOString(),
      notAfter: item.notAfter.toISOString(),
      keyBits: item.key.bits,
      signatureHash: item.hash,
      sha256: createHash('sha256').update(new Uint8Array(item.cert.rawData)).digest('hex').toUpperCase(),
      san: sanExt ? sanExt.names.items.map((n) => `${n.type === 'url' ? 'uri' : n.type}:${n.value}`) : [],
      ...(item.revoked
        ? { revoked: { date: item.revoked.date.toISOString(), reason: item.revoked.reason, crl: PATHS.crl(crlOf.get(item.issuerName)!.file) } }
        : {}),
      ...(item.crl ? { crl: { path: PATHS.crl(item.crl.file), file: item.crl.file, url: item.crl.url } } : {}),
    };
  });
  return {
    generatedBy: 'npm run pki (src/pki/generate-fixtures.ts)',
    epoch: isoDay(pki.epoch),
    referenceAsOf: isoDay(pki.referenceAsOf),
    trust: { igcRoots: PATHS.igcRoots, igcChain: PATHS.igcChain, igcP7b: PATHS.igcP7b, otherChain: PATHS.otherChain },
    items,
    crls: pki.crls.map((c) => ({
      issuer: c.issuer,
      path: PATHS.crl(c.file),
      file: c.file,
      url: c.url,
      thisUpdate: c.thisUpdate.toISOString(),
      nextUpdate: c.nextUpdate.toISOString(),
      revokedSerials: c.revokedSerials,
    })),
  };
}
