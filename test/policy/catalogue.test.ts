import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  explainRequirement,
  loadRequirementCatalogue,
  lowestConfidence,
  renderCoverage,
  renderRequirementExplanation,
  requirementCoverage,
  type ScenarioRef,
} from '../../src/policy/index.js';
import { InputError } from '../../src/util/input-error.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const catalogue = loadRequirementCatalogue();

/** Every id MSSANTE.md §1–§5 names, and the RFC/OpenID sections scenarios cite. */
const EXPECTED_IDS = [
  ...['1.0.1', '1.0.2', '1.1.1', '1.1.3', '1.1.5', '1.1.6', '1.1.7', '1.1.9', '1.1.10', '1.2.1', '1.2.3', '1.2.5', '1.2.6', '1.2.7'].map((n) => `ECO.${n}`),
  ...['2.1.1', '2.1.2', '2.1.3', '2.2.1', '2.2.2', '2.2.3', '2.2.4', '2.2.6', '2.2.8', '2.3.1', '2.4.1', '2.4.2', '2.4.3'].map((n) => `ECO.${n}`),
  ...['01', '03', '04', '05', '06', '07', '08', '10', '11', '14', '15', '16', '21', '22', '27', '28'].map((n) => `SC.MSS/CONF.${n}`),
  'MSS/va1.01', 'MSS/va1.11', 'MSS/va1.12', 'MSS/va1.15', 'SC.PSC.01', 'EXI-03',
  'REF1.OP.STARTTLS-MTA', 'REF1.OP.MUTUAL-TLS', 'REF1.OP.WHITELIST',
  'RFC3207§4', 'RFC3207§4.2', 'RFC4954§4', 'RFC8314', 'RFC8996', 'RFC5280§4.2.1.3', 'RFC5280§4.2.1.12', 'RFC5280§6', 'RFC5280§5',
  'RFC6125§6', 'RFC6960', 'RFC3501§6.2.1', 'RFC3501§6.2.3', 'RFC9051§6.2.3', 'RFC7628§3.2.2', 'RFC6749§5.2', 'RFC7662§2.2',
  'OIDC-DISCOVERY§4', 'OIDC-CIBA§7', 'OIDC-CIBA§11', 'OIDC-CIBA§13', 'RFC6238§5.2', 'RFC5322§3.6.4', 'RFC2045§5', 'RFC2046§5.1',
  'RFC3461§4.1', 'RFC8098§3', 'RFC8446', 'RFC9325', 'ANSSI-TLS',
];

describe('the requirement catalogue', () => {
  it('loads, is versioned and holds every id the domain notes name', () => {
    expect(catalogue.versioned).toEqual({ id: 'msscheck-requirements', version: '1.0.0', source: 'built-in' });
    const missing = EXPECTED_IDS.filter((id) => !catalogue.byId.has(id));
    expect(missing).toEqual([]);
  });

  it('marks unconfirmed rules and makes twins symmetric', () => {
    for (const id of ['REF1.OP.STARTTLS-MTA', 'REF1.OP.MUTUAL-TLS', 'REF1.OP.WHITELIST']) expect(catalogue.byId.get(id)?.confidence).toBe('?');
    expect(catalogue.byId.get('ECO.1.1.1')?.twins).toEqual(['SC.MSS/CONF.01']);
    expect(catalogue.byId.get('SC.MSS/CONF.01')?.twins).toEqual(['ECO.1.1.1']);
    expect(catalogue.byId.get('ECO.1.1.3')?.assumption).toMatch(/ANSSI/);
    expect(lowestConfidence(catalogue, ['RFC3207§4.2', 'ECO.1.0.1'])).toBe('S');
    expect(lowestConfidence(catalogue, ['RFC3207§4.2', 'REF1.OP.MUTUAL-TLS'])).toBe('?');
    expect(lowestConfidence(catalogue, ['RFC3207§4.2'])).toBe('P');
    expect(lowestConfidence(catalogue, ['NOT-AN-ID'])).toBeUndefined();
    expect(catalogue.byId.get('RFC3207§4.2')).toMatchObject({ documentId: 'RFC', document: expect.stringMatching(/^RFC 3207/), confidence: 'P' });
  });

  it('refuses duplicate ids, unknown twins and ids outside the catalogue forms, with file and line', () => {
    let problems: InputError['problems'] = [];
    try {
      loadRequirementCatalogue(fixture('catalogue-bad'));
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      problems = (err as InputError).problems;
    }
    const dir = fixture('catalogue-bad/requirements');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: join(dir, 'b.yaml'), line: 3, message: expect.stringMatching(/duplicate requirement id "ECO.1.0.1" \(already in .*a\.yaml:3\)/) }),
        expect.objectContaining({ file: join(dir, 'a.yaml'), line: 7, message: 'twin "SC.MSS/CONF.99" is not in the catalogue' }),
        expect.objectContaining({ file: join(dir, 'c.yaml'), line: 3, field: '/requirements/0/id', message: expect.stringMatching(/does not match/) }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });
});

describe('coverage and explain', () => {
  const small = loadRequirementCatalogue(fixture('catalogue-ok'));
  const scenarios: ScenarioRef[] = [
    { id: 'SMTP-STARTTLS-OFFERED', title: 'STARTTLS is advertised', requirements: ['ECO.1.0.1', 'RFC3207§4.2'] },
    { id: 'TLS-VERSIONS', title: 'TLS 1.2 or later', requirements: ['SC.MSS/CONF.01'] },
    { id: 'MSG-NIL', requirements: ['ECO.2.4.3', 'ECO.2.4.99', 'sc.mss/conf.01'] },
  ];

  it('says which requirements have scenarios, which only through a twin, which none, and which citations are unknown', () => {
    const report = requirementCoverage(small, scenarios);
    expect(report.covered.map((c) => c.id).sort()).toEqual(['ECO.1.0.1', 'ECO.2.4.3', 'RFC3207§4.2', 'SC.MSS/CONF.01']);
    expect(report.coveredByTwin).toEqual([{ id: 'ECO.1.1.1', twins: ['SC.MSS/CONF.01'], scenarios: ['TLS-VERSIONS'] }]);
    expect(report.uncovered).toEqual([]);
    expect(report.unknown).toEqual([{ scenario: 'MSG-NIL', ids: ['ECO.2.4.99', 'sc.mss/conf.01'], suggestions: { 'sc.mss/conf.01': 'SC.MSS/CONF.01' } }]);
    expect(report.totals).toMatchObject({ requirements: 5, covered: 4, coveredByTwin: 1, uncovered: 0, unknownCitations: 2 });
    const text = renderCoverage(report);
    expect(text).toMatch(/MSG-NIL: ECO\.2\.4\.99, sc\.mss\/conf\.01 \(did you mean SC\.MSS\/CONF\.01\?\)/);
    expect(requirementCoverage(small, []).uncovered.map((u) => u.id)).toHaveLength(5);
  });

  it('explains a requirement with its twins and the scenarios that verify it', () => {
    const e = explainRequirement(small, 'eco.1.1.1', scenarios)!;
    expect(e.requirement.id).toBe('ECO.1.1.1');
    expect(e.scenarios).toEqual([]);
    expect(e.scenariosViaTwins).toEqual([{ id: 'TLS-VERSIONS', title: 'TLS 1.2 or later', twin: 'SC.MSS/CONF.01' }]);
    expect(renderRequirementExplanation(e)).toMatch(/Twins:\s+SC\.MSS\/CONF\.01 \(REM\)/);
    expect(explainRequirement(small, 'NOPE', scenarios)).toBeUndefined();
  });

  it('every requirement id cited by the scenario catalogue exists in the requirement catalogue', () => {
    // Reads the scenario files as plain YAML so that this check does not depend on the probe registry.
    const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(n)) files.push(p);
      }
    };
    if (existsSync(dir)) walk(dir);
    const refs: ScenarioRef[] = files.map((f) => {
      const s = parse(readFileSync(f, 'utf8')) as { id?: string; requirements?: string[]; steps?: { expect?: { requirements?: string[] }[] }[] };
      const ids = [...(s.requirements ?? []), ...(s.steps ?? []).flatMap((st) => (st.expect ?? []).flatMap((a) => a.requirements ?? []))];
      return { id: s.id ?? f, requirements: ids };
    });
    expect(requirementCoverage(catalogue, refs).unknown).toEqual([]);
  });
});
