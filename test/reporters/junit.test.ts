import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/reporters/junit.js';
import { HOSTILE_TITLE, fixtureReport } from './fixture.js';
import { findAll, parseXml } from './xml-check.js';

describe('JUnit XML', { timeout: 10_000 }, () => {
  const report = fixtureReport();
  const xml = renderJunit(report);
  const root = parseXml(xml);

  it('parses back as XML: one testsuite per family, one testcase per scenario instance', () => {
    expect(root.name).toBe('testsuites');
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['smtp', 'x509', 'imap', 'oidc', 'otp', 'message']);
    expect(findAll(root, 'testcase')).toHaveLength(report.scenarios.length);
    expect(root.attrs.tests).toBe(String(report.scenarios.length));
    expect(root.attrs.failures).toBe('1');
    expect(root.attrs.errors).toBe('1');
    expect(root.attrs.skipped).toBe('3'); // skip, not-applicable, review
    expect(suites[0]!.attrs.tests).toBe('2');
  });

  it('maps statuses to failure / error / skipped elements', () => {
    const cases = Object.fromEntries(findAll(root, 'testcase').map((c) => [c.name === 'testcase' ? c.attrs.name!.split(':')[0] : '', c]));
    const all = (id: string) => cases[id]!.children.map((c) => c.name).filter((n) => n !== 'properties');
    const kids = (id: string) => all(id).filter((n) => n !== 'system-out');
    expect(all('SMTP-STARTTLS-OFFERED/mta')).toEqual([]);
    expect(kids('TLS-VERSIONS/mta')).toEqual(['failure']);
    expect(kids('IMAP-LOGIN-TLS')).toEqual(['error']);
    expect(kids('OIDC-TOKEN-AUDIENCE')).toEqual(['skipped']);
    expect(kids('OTP-SMS-SEND')).toEqual(['skipped']);
    expect(kids('MSG-CDA-INS')[0]).toBe('skipped');
    expect(all('X509-SERVER-CHAIN/mta')).toEqual(['system-out']);
    const out = cases['X509-SERVER-CHAIN/mta']!.children.find((c) => c.name === 'system-out')!;
    expect(out.text).toContain('WARNING: The chain is complete');
    const error = cases['IMAP-LOGIN-TLS']!.children.find((c) => c.name === 'error')!;
    expect(error.attrs.type).toBe('ETIMEDOUT_IDLE');
  });

  it('puts the failing assertion expected/found and requirement ids in the failure', () => {
    const c = findAll(root, 'testcase').find((t) => t.attrs.name!.startsWith('TLS-VERSIONS/mta'))!;
    const failure = c.children.find((x) => x.name === 'failure')!;
    expect(failure.attrs.message).toContain('TLS 1.0 is refused <b>');
    expect(failure.text).toContain('expected: notContains "TLSv1"'); // the operator is kept: TLS 1.0 is not what is expected
    expect(failure.attrs.message).toContain('expected notContains "TLSv1"');
    expect(failure.text).toContain('found: ["TLSv1","TLSv1.2"]');
    expect(failure.text).toContain('requirements: ECO.1.1.1');
    const props = findAll(c, 'property').map((p) => `${p.attrs.name}=${p.attrs.value}`);
    expect(props).toEqual(expect.arrayContaining(['requirement=ECO.1.1.1', 'requirement=SC.MSS/CONF.05', 'severity=critical', 'tag=tls', 'status=fail']));
  });

  it('escapes <&"\' in names and messages and removes control characters', () => {
    const c = findAll(root, 'testcase').find((t) => t.attrs.name!.startsWith('TLS-VERSIONS/mta'))!;
    expect(c.attrs.name).toBe(`TLS-VERSIONS/mta: ${HOSTILE_TITLE}`);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0007');
    expect(xml).toContain('\\u0007');
    const failure = c.children.find((x) => x.name === 'failure')!;
    expect(failure.text).toContain('TLS 1.0 accepted\\u0007 (bell)');
  });

  it('keeps astral characters and shows lone surrogates', () => {
    const r = fixtureReport();
    r.scenarios[0]!.title = 'ok 🔒 bad \uD800 end';
    const tc = findAll(parseXml(renderJunit(r)), 'testcase')[0]!;
    expect(tc.attrs.name).toBe('SMTP-STARTTLS-OFFERED/mta: ok 🔒 bad \\ud800 end');
  });
});
