import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PKI_DIR, pkiCrl, pkiItem, pkiManifest, pkiPath, pkiTrust, type PkiManifestItem } from '../../src/pki/fixtures.js';
import { generatePki } from '../../src/pki/generate.js';
import { loadOrCreateKey } from '../../src/pki/keys.js';
import { loadPkiSpec } from '../../src/pki/spec.js';
import { x509 } from '../../src/pki/x509-lib.js';
import { InputError } from '../../src/util/input-error.js';

const manifest = pkiManifest();
const asOf = new Date(`${manifest.referenceAsOf}T00:00:00Z`);
const items = new Map(manifest.items.map((i) => [i.name, i]));
const nodeCert = (name: string): X509Certificate => new X509Certificate(readFileSync(pkiPath(items.get(name)!.certPem)));
const peculiarCert = (name: string): x509.X509Certificate => new x509.X509Certificate(readFileSync(pkiPath(items.get(name)!.certPem), 'utf8'));
const pemBlocks = (text: string): string[] => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
const crlOf = (issuer: string): x509.X509Crl => new x509.X509Crl(new Uint8Array(readFileSync(pkiCrl(issuer).absolutePath)));
const keyUsage = (name: string): number => peculiarCert(name).getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const IGC_ROOTS = ['acr-el-test', 'acr-st-test'];

/** Issuers from the item up to its root, following issuerName. */
function path(item: PkiManifestItem): PkiManifestItem[] {
  const out = [item];
  while (out[out.length - 1].issuerName !== out[out.length - 1].name) out.push(items.get(out[out.length - 1].issuerName)!);
  return out;
}

function chainVerifies(name: string): boolean {
  const chain = path(items.get(name)!);
  return chain.every((it, i) => {
    const cert = nodeCert(it.name);
    const issuer = nodeCert(chain[Math.min(i + 1, chain.length - 1)].name);
    // OpenSSL's checkIssued wants keyCertSign on the issuer: a self-signed leaf only self-verifies.
    const issued = it.kind === 'root' || it.kind === 'ca' || i + 1 < chain.length ? cert.checkIssued(issuer) : true;
    return issued && cert.verify(issuer.publicKey);
  });
}

describe('test PKI fixtures match the manifest', () => {
  it('publishes the names others rely on', () => {
    for (const name of ['serv-ssl-sandbox', 'serv-ssl-peer', 'app-client', 'cps-person', 'aci-el-org-test']) expect(items.has(name), name).toBe(true);
  });

  it.each(manifest.items.map((i) => [i.name, i] as const))('%s: files, subject, serial, dates, key and fingerprint', (name, item) => {
    const cert = nodeCert(name);
    expect(cert.serialNumber).toBe(item.serial);
    expect(new Date(cert.validFrom).toISOString()).toBe(item.notBefore);
    expect(new Date(cert.validTo).toISOString()).toBe(item.notAfter);
    expect(cert.fingerprint256.replace(/:/g, '')).toBe(item.sha256);
    // The subject in RFC 4514 order is the DER order reversed.
    expect(cert.subject.split('\n').reverse().join(',')).toBe(item.subject.replace(/\\/g, ''));
    expect(cert.issuer.split('\n').reverse().join(',')).toBe(item.issuer.replace(/\\/g, ''));
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(item.keyBits);
    expect(cert.checkPrivateKey(createPrivateKey(readFileSync(pkiPath(item.keyPem), 'utf8')))).toBe(true);
    const chain = pemBlocks(readFileSync(pkiPath(item.chainPem), 'utf8'));
    expect(chain.map((p) => new X509Certificate(p).fingerprint256)).toEqual(
      path(item).filter((p, i) => i === 0 || p.kind !== 'root').map((p) => nodeCert(p.name).fingerprint256),
    );
  });

  it('pkiItem gives the PEM texts and absolute paths; an unknown name throws', () => {
    const sandbox = pkiItem('serv-ssl-sandbox');
    expect(sandbox.cert).toBe(readFileSync(join(PKI_DIR, 'certs/serv-ssl-sandbox.cert.pem'), 'utf8'));
    expect(sandbox.keyPath).toBe(join(PKI_DIR, 'keys/serv-ssl-sandbox.key.pem'));
    expect(pemBlocks(sandbox.chain)).toHaveLength(2);
    expect(() => pkiItem('no-such-item')).toThrow(/no test PKI item named "no-such-item"/);
  });
});

describe('chains', () => {
  it('every certificate issued inside the PKI verifies up to its root (checkIssued + verify)', () => {
    for (const item of manifest.items) expect(chainVerifies(item.name), item.name).toBe(true);
  });

  it('IGC items chain to a TEST IGC-Santé root, others do not', () => {
    for (const item of manifest.items) {
      const root = path(item).at(-1)!.name;
      expect(IGC_ROOTS.includes(root), item.name).toBe(item.igc);
    }
  });

  it('names the IGC-Santé TEST hierarchy', () => {
    expect(nodeCert('acr-el-test').subject).toBe('C=FR\nO=ASIP-SANTE\nOU=IGC-SANTE TEST\nCN=TEST AC RACINE IGC-SANTE ELEMENTAIRE');
    expect(nodeCert('aci-el-org-test').issuer).toBe(nodeCert('acr-el-test').subject);
    expect(nodeCert('aci-st-per-test').subject).toContain('CN=TEST AC IGC-SANTE STANDARD PERSONNES');
    expect(nodeCert('serv-ssl-sandbox').issuer).toContain('CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS');
    expect(nodeCert('cps-person').issuer).toContain('CN=TEST AC IGC-SANTE STANDARD PERSONNES');
    expect(nodeCert('acr-el-test').ca && nodeCert('aci-el-org-test').ca && !nodeCert('serv-ssl-sandbox').ca).toBe(true);
  });

  it('trust bundles: roots PEM, roots + CAs PEM, and the same as PKCS#7', () => {
    const trust = pkiTrust();
    const fp = (pem: string): string => new X509Certificate(pem).fingerprint256;
    const igcAuthorities = manifest.items.filter((i) => (i.kind === 'root' || i.kind === 'ca') && i.igc).map((i) => nodeCert(i.name).fingerprint256);
    expect(pemBlocks(readFileSync(trust.igcRoots, 'utf8')).map(fp)).toEqual(IGC_ROOTS.map((n) => nodeCert(n).fingerprint256));
    expect(pemBlocks(readFileSync(trust.igcChain, 'utf8')).map(fp)).toEqual(igcAuthorities);
    const p7b = new x509.X509Certificates(new Uint8Array(readFileSync(trust.igcP7b)));
    expect(p7b.map((c) => new X509Certificate(new Uint8Array(c.rawData)).fingerprint256)).toEqual(igcAuthorities);
    expect(pemBlocks(readFileSync(trust.otherChain, 'utf8')).map(fp)).toEqual(['autre-acr-test', 'autre-aci-test'].map((n) => nodeCert(n).fingerprint256));
  });
});

describe('valid certificates follow their profile', () => {
  it('serv-ssl-sandbox is a SERV SSL certificate for the sandbox names', () => {
    const cert = nodeCert('serv-ssl-sandbox');
    const p = peculiarCert('serv-ssl-sandbox');
    expect(cert.subject).toBe('C=FR\nST=Paris (75)\nO=MSSCHECK SANDBOX\nOU=00000000000000\nCN=localhost');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('mx.sandbox.mssante.test')).toBe('mx.sandbox.mssante.test');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.keyUsage).toEqual([SERVER_AUTH, CLIENT_AUTH]);
    expect(keyUsage('serv-ssl-sandbox')).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
    expect(p.getExtension(x509.CertificatePolicyExtension)?.policies).toEqual(['1.2.250.1.213.1.7.2.1.1.1.1']);
    expect(p.getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints[0].distributionPoint?.fullName?.[0].uniformResourceIdentifier).toBe(
      'http://igc-sante.esante.gouv.fr/CRL/ACI-EL-ORG-TEST.crl',
    );
    expect(cert.infoAccess).toContain('OCSP - URI:http://ocsp.esante.gouv.fr');
    expect(p.signatureAlgorithm.hash).toMatchObject({ name: 'SHA-256' });
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBeGreaterThanOrEqual(3 * 365 * 86_400_000);
  });

  it('serv-ssl-peer names the peer operator', () => {
    expect(nodeCert('serv-ssl-peer').checkHost('mx.peer.mssante.test')).toBe('mx.peer.mssante.test');
    expect(nodeCert('serv-ssl-peer').keyUsage).toEqual([SERVER_AUTH, CLIENT_AUTH]);
  });

  it('app-client is an organisation client certificate for the APP mailbox', () => {
    const cert = nodeCert('app-client');
    expect(cert.subject).toContain('CN=app@sandbox.mssante.test');
    expect(cert.keyUsage).toEqual([CLIENT_AUTH]);
    expect(cert.checkEmail('app@sandbox.mssante.test')).toBe('app@sandbox.mssante.test');
  });

  it('cps-person carries a national identifier and the card UPN', () => {
    const cert = nodeCert('cps-person');
    expect(cert.subject).toMatch(/\nCN=8\d{11}$/);
    expect(cert.keyUsage).toEqual([CLIENT_AUTH, '1.3.6.1.4.1.311.20.2.2']);
    expect(keyUsage('cps-person')).toBe(x509.KeyUsageFlags.digitalSignature);
    const san = peculiarCert('cps-person').getExtension(x509.SubjectAlternativeNameExtension)!;
    expect(san.names.items.map((n) => [n.type, n.value])).toEqual([['upn', '2800000001@carte-cps.fr']]);
  });

  it('every valid item is valid at the reference as-of date, RSA >= 2048, SHA-256, in no CRL', () => {
    for (const item of manifest.items.filter((i) => !i.defect)) {
      expect(new Date(item.notBefore) <= asOf && asOf < new Date(item.notAfter), item.name).toBe(true);
      expect(item.keyBits, item.name).toBeGreaterThanOrEqual(2048);
      expect(peculiarCert(item.name).signatureAlgorithm.hash, item.name).toMatchObject({ name: 'SHA-256' });
      if (item.issuerName !== item.name) expect(crlOf(item.issuerName).findRevoked(peculiarCert(item.name)), item.name).toBeNull();
    }
  });
});

/** One check per defective item: the defect is really there. A defective item without a check fails the walk below. */
const DEFECT_CHECKS: Record<string, (name: string) => void> = {
  'serv-ssl-expired': (n) => expect(new Date(nodeCert(n).validTo) < asOf).toBe(true),
  'app-client-expired': (n) => expect(new Date(nodeCert(n).validTo) < asOf).toBe(true),
  'serv-ssl-not-yet-valid': (n) => expect(new Date(nodeCert(n).validFrom) > asOf).toBe(true),
  'serv-ssl-self-signed': (n) => {
    const c = nodeCert(n);
    expect(c.subject).toBe(c.issuer);
    expect(c.verify(c.publicKey)).toBe(true);
    expect(c.ca).toBe(false);
    expect(items.get(n)!.issuerName).toBe(n);
  },
  'serv-ssl-non-igc': (n) => expectNonIgc(n),
  'app-client-non-igc': (n) => expectNonIgc(n),
  'serv-ssl-wrong-key-usage': (n) => {
    expect(keyUsage(n) & x509.KeyUsageFlags.keyEncipherment).toBe(0);
    expect(keyUsage(n) & x509.KeyUsageFlags.nonRepudiation).not.toBe(0);
  },
  'serv-ssl-wrong-eku': (n) => {
    expect(nodeCert(n).keyUsage).not.toContain(SERVER_AUTH);
    expect(nodeCert(n).keyUsage.length).toBeGreaterThan(0);
  },
  'serv-ssl-rsa1024': (n) => expect(nodeCert(n).publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024),
  'serv-ssl-sha1': (n) => {
    expect(peculiarCert(n).signatureAlgorithm.hash).toMatchObject({ name: 'SHA-1' });
    expect(nodeCert(n).verify(nodeCert('aci-el-org-test').publicKey)).toBe(true);
  },
  'serv-ssl-host-mismatch': (n) => {
    const c = nodeCert(n);
    expect(c.checkHost('localhost')).toBeUndefined();
    expect(c.checkHost('mx.sandbox.mssante.test')).toBeUndefined();
    expect(c.checkIP('127.0.0.1')).toBeUndefined();
    expect(c.checkHost('mx.other-operator.test')).toBe('mx.other-operator.test');
  },
  'serv-ssl-revoked': (n) => expectRevoked(n),
  'app-client-revoked': (n) => expectRevoked(n),
  'serv-ssl-no-policy': (n) => {
    expect(peculiarCert(n).getExtension(x509.CertificatePolicyExtension)).toBeNull();
    expect(peculiarCert('serv-ssl-sandbox').getExtension(x509.CertificatePolicyExtension)).not.toBeNull();
    expect(nodeCert(n).subject).toBe(nodeCert('serv-ssl-sandbox').subject);
  },
  'serv-ssl-no-crl-dp': (n) => {
    expect(peculiarCert(n).getExtension(x509.CRLDistributionPointsExtension)).toBeNull();
    expect(peculiarCert(n).getExtension(x509.AuthorityInfoAccessExtension)?.ocsp.length).toBe(1);
    expect(peculiarCert('serv-ssl-sandbox').getExtension(x509.CRLDistributionPointsExtension)).not.toBeNull();
    expect(nodeCert(n).subject).toBe(nodeCert('serv-ssl-sandbox').subject);
  },
};

function expectNonIgc(name: string): void {
  const c = nodeCert(name);
  for (const ca of manifest.items.filter((i) => i.igc && (i.kind === 'ca' || i.kind === 'root'))) expect(c.checkIssued(nodeCert(ca.name))).toBe(false);
  expect(c.issuer).toContain('CN=TEST AUTRE AC ORGANISATIONS');
  expect(chainVerifies(name)).toBe(true);
}

function expectRevoked(name: string): void {
  const item = items.get(name)!;
  const entry = crlOf(item.issuerName).findRevoked(peculiarCert(name));
  expect(entry).not.toBeNull();
  expect(entry!.reason).toBe(x509.X509CrlReason.keyCompromise);
  expect(new Date(item.notBefore) <= asOf && asOf < new Date(item.notAfter)).toBe(true);
}

describe('defective certificates', () => {
  const defective = manifest.items.filter((i) => i.defect);

  it('every defective item has a check, and every check an item', () => {
    expect(defective.map((i) => i.name).sort()).toEqual(Object.keys(DEFECT_CHECKS).sort());
  });

  it.each(defective.map((i) => [i.name, i.defect] as const))('%s: %s', (name) => {
    DEFECT_CHECKS[name](name);
  });

  it('a defective server certificate differs from serv-ssl-sandbox only where its defect says (same subject)', () => {
    for (const n of ['serv-ssl-expired', 'serv-ssl-rsa1024', 'serv-ssl-sha1', 'serv-ssl-revoked', 'serv-ssl-wrong-eku']) {
      expect(nodeCert(n).subject, n).toBe(nodeCert('serv-ssl-sandbox').subject);
    }
  });
});

describe('CRLs', () => {
  it.each(manifest.crls.map((c) => [c.file, c] as const))('%s is signed by its CA and lists exactly the revoked serials', (_file, c) => {
    const crl = crlOf(c.issuer);
    const ca = peculiarCert(c.issuer);
    expect(crl.issuer).toBe(ca.subject);
    return crl.verify({ publicKey: ca.publicKey }).then((ok) => {
      expect(ok).toBe(true);
      expect(crl.thisUpdate.toISOString()).toBe(c.thisUpdate);
      expect(crl.nextUpdate?.toISOString()).toBe(c.nextUpdate);
      expect(crl.entries.map((e) => e.serialNumber.toUpperCase())).toEqual(c.revokedSerials);
      expect(items.get(c.issuer)!.crl!.url.endsWith(`/${c.file}`)).toBe(true);
      const revokedHere = manifest.items.filter((i) => i.revoked && i.issuerName === c.issuer).map((i) => i.serial);
      expect(c.revokedSerials).toEqual(revokedHere);
    });
  });

  it('the ELEMENTAIRE ORGANISATIONS CRL revokes the two revoked certificates, valid at the as-of date', () => {
    const c = pkiCrl('ACI-EL-ORG-TEST.crl');
    expect(c.revokedSerials.sort()).toEqual([items.get('serv-ssl-revoked')!.serial, items.get('app-client-revoked')!.serial].sort());
    expect(new Date(c.thisUpdate) <= asOf && asOf < new Date(c.nextUpdate)).toBe(true);
  });
});

describe('PKCS#12', () => {
  it('app-client.p12 opens with its passphrase and not with another', () => {
    const item = pkiItem('app-client');
    const pfx = readFileSync(item.p12Path!);
    const passphrase = readFileSync(item.p12PassphrasePath!, 'utf8');
    expect(() => createSecureContext({ pfx, passphrase })).not.toThrow();
    expect(() => createSecureContext({ pfx, passphrase: `${passphrase}x` })).toThrow(/mac verify failure/i);
  });
});

describe('generation', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'msscheck-pki-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const listFiles = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => relative(dir, join(dir, f)))
      .sort();

  it('is deterministic: regenerating gives byte-identical files', async () => {
    const out = join(tmp, 'same');
    await generatePki({ specPath: join(PKI_DIR, 'pki.yaml'), outDir: out, keysDir: join(PKI_DIR, 'keys'), createKeys: false });
    const generated = listFiles(out);
    expect(generated).toEqual(listFiles(PKI_DIR).filter((f) => f !== 'pki.yaml' && f !== 'README.md'));
    for (const f of generated) expect(readFileSync(join(out, f)).equals(readFileSync(join(PKI_DIR, f))), f).toBe(true);
  });

  it('another epoch moves every date', async () => {
    const out = join(tmp, 'epoch');
    const m = await generatePki({ specPath: join(PKI_DIR, 'pki.yaml'), outDir: out, keysDir: join(PKI_DIR, 'keys'), createKeys: false, epoch: '2030-06-15' });
    const sandbox = m.items.find((i) => i.name === 'serv-ssl-sandbox')!;
    expect([sandbox.notBefore, sandbox.notAfter]).toEqual(['2030-06-15T00:00:00.000Z', '2033-06-15T00:00:00.000Z']);
    expect(m.referenceAsOf).toBe('2030-07-15');
    expect(new Date(new X509Certificate(readFileSync(join(out, sandbox.certPem))).validTo).toISOString()).toBe(sandbox.notAfter);
  });

  it('a bad specification is an InputError naming the line and field', () => {
    const spec = join(tmp, 'bad.yaml');
    writeFileSync(spec, readFileSync(join(PKI_DIR, 'pki.yaml'), 'utf8').replace('issuer: aci-st-per-test', 'issuer: aci-nope'));
    let err: unknown;
    try {
      loadPkiSpec(spec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const p = (err as InputError).problems[0];
    expect(p.field).toMatch(/^\/certificates\/\d+\/issuer$/);
    expect(p.line).toBeGreaterThan(1);
    expect(p.message).toContain('unknown issuer "aci-nope"');
    expect(() => loadPkiSpec(join(PKI_DIR, 'pki.yaml'), '2025-02-30')).toThrow(InputError);
  });

  it('a missing key is an InputError when keys may not be created', () => {
    expect(() => loadOrCreateKey(tmp, 'absent', 2048, false)).toThrow(InputError);
    expect(createPublicKey(readFileSync(join(PKI_DIR, 'keys/serv-ssl-sandbox.key.pem'), 'utf8')).asymmetricKeyType).toBe('rsa');
  });
});
