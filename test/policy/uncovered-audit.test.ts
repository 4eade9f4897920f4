import { describe, expect, it } from 'vitest';
import { loadRequirementCatalogue, requirementCoverage, scenarioRefs } from '../../src/policy/index.js';
import { loadScenarios } from '../../src/scenarios/loader.js';

/**
 * The truth audit of 2026-11-30 listed testable requirements without a scenario; issue 11 item 4
 * covers them. Each id below must now be cited by the scenario(s) named, so that
 * `msscheck requirements --coverage` no longer lists it under "Without a scenario".
 */
const COVERED_BY: Record<string, string[]> = {
  'ECO.1.1.9': ['DNS-SRV-AUTOCONFIG'],
  'SC.MSS/CONF.04': ['DNS-SRV-AUTOCONFIG'],
  RFC6186: ['DNS-SRV-AUTOCONFIG'],
  'ECO.2.3.1': ['SMTP-DSN'],
  'MSS/va1.15': ['SMTP-DSN'],
  RFC3461: ['SMTP-DSN'],
  'RFC3461§4.1': ['SMTP-DSN'],
  'RFC8098§3': ['MSG-MAILBOX-CONFORMANT'],
  'ANS-LB.DN-DOMAIN': ['TRUST-WHITELIST-MTA-DN'],
  'ANS-LB.FORMAT': ['TRUST-WHITELIST-CHECKSUM', 'TRUST-WHITELIST-MTA-DN'],
  'RFC5280§4.2.1.13': ['X509-CERT-CRL-DP'],
  'OIDC-CIBA§13': ['OIDC-ERROR-RESPONSES'],
  'RFC6749§5.2': ['OIDC-ERROR-RESPONSES'],
  'RFC7662§2.2': ['OIDC-ERROR-RESPONSES'],
  'OIDC-CORE§2': ['OIDC-ID-TOKEN'],
};

describe('requirement coverage of the audit\'s uncovered testable requirements', () => {
  const report = requirementCoverage(loadRequirementCatalogue(), scenarioRefs(loadScenarios().scenarios));

  it.each(Object.entries(COVERED_BY))('%s is cited by its scenario(s)', (id, scenarios) => {
    const row = report.covered.find((c) => c.id === id);
    expect(row, `${id} has no scenario`).toBeDefined();
    expect(row!.scenarios).toEqual(expect.arrayContaining(scenarios));
  });

  it('none of them is listed without a scenario, and no scenario cites an unknown id', () => {
    expect(report.uncovered.map((u) => u.id).filter((id) => id in COVERED_BY)).toEqual([]);
    expect(report.unknown).toEqual([]);
  });
});
