import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asciiDomain, findDomain, listsDomainWithDn, normaliseDn, parseWhitelist, readWhitelist, WhitelistError } from '../../src/probes/trust/whitelist.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/whitelist/liste-blanche-sandbox.xml', import.meta.url));

describe('the ANS whitelist (liste blanche)', () => {
  const list = readWhitelist(SAMPLE);
  it('reads domains, merges a domain listed once per operator certificate', () => {
    expect(list.generatedOn).toBe('2025-01-15T08:00:00+01:00');
    expect(list.domains.map((d) => d.name)).toEqual(['sandbox.mssante.test', 'peer.mssante.test', 'hôpital-exemple.mssante.test']);
    expect(findDomain(list, 'peer.mssante.test')!.certificateDns).toHaveLength(2);
    expect(findDomain(list, 'unlisted.mssante.test')).toBeUndefined();
  });
  it('treats a Unicode name and its punycode as the same domain, case-insensitively', () => {
    expect(asciiDomain('Hôpital-Exemple.mssante.test')).toBe('xn--hpital-exemple-0ob.mssante.test');
    expect(findDomain(list, 'xn--hpital-exemple-0ob.mssante.test')?.name).toBe('hôpital-exemple.mssante.test');
    expect(findDomain(list, 'HÔPITAL-EXEMPLE.MSSANTE.TEST.')).toBeDefined();
  });
  it('matches a certificate DN in any order and spacing against the listed DN', () => {
    const nodeOrder = 'C=FR\nST=Paris (75)\nO=MSSCHECK PEER\nOU=00000000000001\nCN=mx.peer.mssante.test';
    expect(normaliseDn(nodeOrder)).toBe(normaliseDn('CN=mx.peer.mssante.test, OU=00000000000001,O=MSSCHECK PEER,ST=Paris (75),C=FR'));
    expect(listsDomainWithDn(list, 'peer.mssante.test', nodeOrder)).toBe(true);
    expect(listsDomainWithDn(list, 'sandbox.mssante.test', nodeOrder)).toBe(false);
  });
  it('refuses a DTD (no entity expansion) and a foreign namespace, naming the file', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><ListeDomaines><Domaine><Nom>&a;</Nom></Domaine></ListeDomaines></ListeBlancheMSSante>`;
    expect(() => parseWhitelist(Buffer.from(bomb), 'bomb.xml')).toThrow(WhitelistError);
    expect(() => parseWhitelist(Buffer.from('<ListeBlancheMSSante xmlns="urn:other"><ListeDomaines/></ListeBlancheMSSante>'), 'x.xml')).toThrow(/x\.xml.*namespace/);
  });
});
