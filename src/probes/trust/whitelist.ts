import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { child, childrenNamed, decodeXmlBytes, parseXml, XmlError } from '../../message/xml.js';

/** Namespace of the ANS whitelist (liste blanche) of the MSSanté trust space. */
export const WHITELIST_NS = 'https://listeblanche.mssante.fr/schema';

export interface WhitelistDomain {
  /** Domain as written (Unicode allowed). */
  name: string;
  /** ASCII (punycode) lower-case form, for comparisons. */
  ascii: string;
  /** Subject DNs of the operator certificates serving the domain. */
  certificateDns: string[];
  description?: string;
  updatedOn?: string;
}

export interface Whitelist {
  generatedOn?: string;
  domains: WhitelistDomain[];
}

export class WhitelistError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'WhitelistError';
  }
}

/** The ASCII (IDNA, punycode) lower-case form of a domain; `ascii('hôpital.fr') === ascii('xn--hpital-fya.fr')`. */
export function asciiDomain(name: string): string {
  const trimmed = name.trim().replace(/\.$/, '');
  return (domainToASCII(trimmed) || trimmed).toLowerCase();
}

/**
 * A DN in a comparable form: attributes split on unescaped commas, type upper-cased, value with
 * spaces collapsed, compared case-insensitively and in any order (the ANS list writes
 * `CN=…,OU=…,O=…,ST=…,C=FR`; certificates store the reverse order).
 */
export function normaliseDn(dn: string): string {
  const parts = dn.split(/(?<!\\)[,\n+]/).map((p) => p.trim()).filter(Boolean);
  return parts
    .map((p) => {
      const eq = p.indexOf('=');
      const type = p.slice(0, eq).trim().toUpperCase();
      const value = p.slice(eq + 1).trim().replace(/\s+/g, ' ').toUpperCase();
      return `${type === 'S' ? 'ST' : type}=${value}`;
    })
    .sort()
    .join(',');
}

/**
 * Reads an ANS `ListeBlancheMSSante` XML file with the safe XML reader (no DTD, no entity
 * expansion): `ListeDomaines/Domaine` with `Nom`, `DNCertificatOperateur` (one or more),
 * `Description`, `DateMAJ`. A domain listed several times (one per operator certificate) is merged.
 */
export function readWhitelist(path: string): Whitelist {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new WhitelistError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseWhitelist(bytes, path);
}

export function parseWhitelist(bytes: Uint8Array, file = 'whitelist'): Whitelist {
  let root;
  try {
    root = parseXml(decodeXmlBytes(bytes));
  } catch (err) {
    if (err instanceof XmlError) throw new WhitelistError(file, `not well-formed or unsafe XML: ${err.message}`, err.line);
    throw err;
  }
  if (root.local !== 'ListeBlancheMSSante' || root.ns !== WHITELIST_NS) {
    throw new WhitelistError(file, `root element is {${root.ns}}${root.local}, expected ListeBlancheMSSante in namespace ${WHITELIST_NS}`, root.line);
  }
  const byAscii = new Map<string, WhitelistDomain>();
  const list = child(root, 'ListeDomaines');
  if (!list) throw new WhitelistError(file, 'no ListeDomaines element', root.line);
  for (const d of childrenNamed(list, 'Domaine')) {
    if (d.ns !== WHITELIST_NS) continue;
    const name = child(d, 'Nom')?.text.trim();
    if (!name) throw new WhitelistError(file, 'a Domaine has no Nom', d.line);
    const ascii = asciiDomain(name);
    const entry = byAscii.get(ascii) ?? { name, ascii, certificateDns: [] };
    for (const dn of childrenNamed(d, 'DNCertificatOperateur')) {
      const v = dn.text.trim();
      if (v && !entry.certificateDns.includes(v)) entry.certificateDns.push(v);
    }
    const description = child(d, 'Description')?.text.trim();
    const updated = child(d, 'DateMAJ')?.text.trim();
    if (description && !entry.description) entry.description = description;
    if (updated) entry.updatedOn = updated;
    byAscii.set(ascii, entry);
  }
  return { generatedOn: child(root, 'DateDeGeneration')?.text.trim(), domains: [...byAscii.values()] };
}

/** The whitelist entry of a domain (Unicode or punycode), if listed. */
export function findDomain(list: Whitelist, domain: string): WhitelistDomain | undefined {
  const a = asciiDomain(domain);
  return list.domains.find((d) => d.ascii === a);
}

/** Whether `domain` is listed with a certificate whose subject DN is `dn`. */
export function listsDomainWithDn(list: Whitelist, domain: string, dn: string): boolean {
  const entry = findDomain(list, domain);
  const n = normaliseDn(dn);
  return !!entry && entry.certificateDns.some((d) => normaliseDn(d) === n);
}
