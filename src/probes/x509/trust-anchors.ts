import { X509Certificate } from 'node:crypto';
import { targetPath, type ResolvedTarget } from '../../target/profile.js';
import { ProbeError, precondition } from '../types.js';
import { readCertificateBundle } from '../../x509/trust-store.js';
import { phrase } from '../../i18n/phrase.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text, in order. */
export function parsePemCertificates(text: string): X509Certificate[] {
  return (text.match(PEM_BLOCK) ?? []).map((pem) => new X509Certificate(pem));
}

/**
 * The IGC-Santé bundle msscheck knows as IGC-Santé, independently of the target's own
 * `trustAnchors` (ECO.1.1.10: IGC-Santé is the only accepted CA): the profile's `igcSanteBundle`
 * (the ANS `Chaine_de_certification-IGC-Sante.p7b` for production; the sandbox names the test
 * hierarchy). None named: `skip`, since ECO.1.1.10 cannot be verified without it.
 */
export function loadIgcSanteBundle(target: ResolvedTarget): X509Certificate[] {
  const file = target.profile.igcSanteBundle;
  if (!file) throw precondition(phrase('pe-no-igc-bundle'));
  let certs: X509Certificate[];
  try {
    certs = readCertificateBundle(targetPath(target, file));
  } catch (err) {
    throw new ProbeError('EINPUT', phrase('pe-igc-bundle-error', { message: (err as Error).message }));
  }
  if (!certs.length) throw new ProbeError('EINPUT', phrase('pe-igc-bundle-empty', { file }));
  return certs;
}

/**
 * The target's trust anchors (profile `trustAnchors`: PEM files, each with one or more
 * certificates). None declared: the scenario is `skip` (precondition). An unreadable or empty file
 * is an error naming the file.
 */
export function loadTrustAnchors(target: ResolvedTarget): X509Certificate[] {
  const files = target.profile.trustAnchors ?? [];
  if (!files.length) throw precondition(phrase('pe-no-trust-anchors'));
  const out: X509Certificate[] = [];
  for (const f of files) {
    const path = targetPath(target, f);
    let certs: X509Certificate[];
    try {
      certs = readCertificateBundle(path); // PEM certificates, or a PKCS#7 .p7b bundle (DER or PEM)
    } catch (err) {
      throw new ProbeError('EINPUT', phrase('pe-trust-anchor-file', { message: (err as Error).message }));
    }
    out.push(...certs);
  }
  return out;
}
