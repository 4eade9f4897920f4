/**
 * A hand-built report covering every status, every evidence kind, hostile text (markup, quotes,
 * control characters) and an identification timeline. Dates are fixed: nothing reads the clock.
 */
import { summarise, type Report, type ScenarioResult } from '../../src/model/result.js';

export const HOSTILE_TITLE = `TLS <script>alert("pwned")</script> & 'quotes' | pipes`;

function scenario(partial: Partial<ScenarioResult> & Pick<ScenarioResult, 'id' | 'family' | 'status'>): ScenarioResult {
  const [scenarioId, variant] = partial.id.split('/');
  return {
    scenarioId: scenarioId!,
    ...(variant ? { variant } : {}),
    title: `${partial.id} title`,
    requirements: ['ECO.1.0.1'],
    tags: [partial.family],
    severity: 'high',
    startedAt: '2025-06-15T10:00:00.000Z',
    durationMs: 42,
    steps: [{ id: 'connect', probe: `${partial.family}.session`, status: 'ok', durationMs: 40 }],
    assertions: [],
    evidence: [],
    ...partial,
  };
}

export function fixtureScenarios(): ScenarioResult[] {
  return [
    scenario({
      id: 'SMTP-STARTTLS-OFFERED/mta',
      family: 'smtp',
      status: 'pass',
      title: 'STARTTLS is advertised and works',
      tags: ['smtp', 'tls'],
      assertions: [
        { description: 'STARTTLS is advertised', step: 'connect', fact: 'extensions', operator: 'contains', expected: 'STARTTLS', found: ['PIPELINING', 'STARTTLS'], requirements: ['ECO.1.0.1'], status: 'pass' },
      ],
      evidence: [{ kind: 'transcript', title: 'SMTP session', step: 'connect', lines: ['S: 220 mx.example ESMTP', 'C: EHLO msscheck', 'S: 250-STARTTLS', '*: TLS handshake'] }],
    }),
    scenario({
      id: 'TLS-VERSIONS/mta',
      family: 'smtp',
      status: 'fail',
      title: HOSTILE_TITLE,
      requirements: ['ECO.1.1.1', 'SC.MSS/CONF.05'],
      tags: ['smtp', 'tls'],
      severity: 'critical',
      reason: 'TLS 1.0 accepted\u0007 (bell)',
      assertions: [
        { description: 'TLS 1.0 is refused <b>', step: 'connect', fact: 'accepted', operator: 'notContains', expected: 'TLSv1', found: ['TLSv1', 'TLSv1.2'], requirements: ['ECO.1.1.1'], status: 'fail' },
        { description: 'TLS 1.2 is negotiated', step: 'connect', fact: 'negotiated', operator: 'equals', expected: 'TLSv1.2', found: 'TLSv1.2', requirements: ['ECO.1.1.1'], status: 'pass' },
      ],
      evidence: [
        {
          kind: 'tls-table',
          title: 'Protocols and ciphers',
          data: {
            endpoint: '127.0.0.1:2525',
            rows: [
              { protocol: 'TLSv1', cipher: 'ECDHE-RSA-AES128-SHA', accepted: true, verdict: 'forbidden', note: 'TLS 1.0 is forbidden' },
              { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', accepted: true, verdict: 'ok' },
              { protocol: 'TLSv1.2', cipher: 'AES128-SHA', accepted: false, verdict: 'weak' },
              { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', accepted: true, verdict: 'n/a' },
            ],
          },
        },
      ],
    }),
    scenario({
      id: 'X509-SERVER-CHAIN/mta',
      family: 'x509',
      status: 'warn',
      severity: 'medium',
      confidence: '?',
      reason: 'The chain has a warning',
      assertions: [
        { description: 'The chain is complete', step: 'connect', fact: 'complete', operator: 'equals', expected: true, found: false, requirements: ['ECO.1.1.10'], status: 'warn' },
      ],
      evidence: [
        {
          kind: 'certificate-chain',
          title: 'Server certificate chain',
          data: {
            endpoint: '127.0.0.1:2525',
            certificates: [
              {
                subject: 'CN=mx.example.test',
                issuer: 'CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS',
                serial: '0a1b2c',
                notBefore: '2024-01-01T00:00:00Z',
                notAfter: '2025-01-01T00:00:00Z',
                keyAlgorithm: 'RSA',
                keyBits: 2048,
                signatureAlgorithm: 'sha256WithRSAEncryption',
                sha256: 'ab'.repeat(32),
                san: ['mx.example.test'],
                keyUsage: ['digitalSignature'],
                extKeyUsage: ['serverAuth'],
                policies: ['1.2.250.1.213.1.1.5.1'],
                problems: ['expired <on as-of date>'],
              },
            ],
            trusted: false,
            problems: ['intermediate missing'],
          },
        },
      ],
    }),
    scenario({
      id: 'IMAP-LOGIN-TLS',
      family: 'imap',
      status: 'error',
      reason: 'the server never answered',
      steps: [{ id: 'connect', probe: 'imap.session', status: 'error', durationMs: 5000, code: 'ETIMEDOUT_IDLE', message: 'no data for 5 s' }],
      evidence: [
        {
          kind: 'http-exchange',
          title: 'Discovery',
          data: {
            method: 'GET',
            url: 'https://psc.example.test/.well-known/openid-configuration',
            status: 200,
            requestHeaders: { accept: 'application/json', authorization: 'Bearer [REDACTED]' },
            responseHeaders: { 'content-type': 'application/json' },
            body: '{"issuer":"https://psc.example.test"}',
          },
        },
      ],
    }),
    scenario({
      id: 'OIDC-TOKEN-AUDIENCE',
      family: 'oidc',
      status: 'skip',
      severity: 'low',
      reason: 'no test mailbox with a PSC account',
      steps: [{ id: 'login', probe: 'oidc.login', status: 'skip', durationMs: 1, code: 'PRECONDITION', message: 'no mailbox' }],
      evidence: [{ kind: 'token-claims', title: 'Access token claims', data: { iss: 'https://psc.example.test', aud: 'mss', acr: 'eidas2', exp: 1750000000, iat: 1749990000 } }],
    }),
    scenario({ id: 'OTP-SMS-SEND', family: 'otp', status: 'not-applicable', severity: 'info', reason: 'the target declares no OTP web endpoint', steps: [] }),
    scenario({
      id: 'MSG-CDA-INS',
      family: 'message',
      status: 'review',
      severity: 'medium',
      reason: 'needs a person to attest the INS',
      evidence: [
        { kind: 'json', title: 'Facts', data: { ins: '1.2.250.1.213.1.4.10', nested: { list: [1, 2, 3] } } },
        { kind: 'message', title: 'Message headers', lines: ['From: a@example.test', 'Subject: =?utf-8?q?test?='] },
        { kind: 'text', title: 'Note', data: 'plain text </pre><img src=x onerror=alert(1)>' },
      ],
    }),
  ];
}

export function fixtureReport(): Report {
  const scenarios = fixtureScenarios();
  return {
    schema: 'https://msscheck.dev/schemas/report/1.json',
    reportVersion: '1.0.0',
    kind: 'run',
    tool: { name: 'msscheck', version: '0.1.0', node: 'v20.20.2' },
    catalogue: { id: 'msscheck-catalogue', version: '2025.06', source: 'built-in' },
    policy: { id: 'ans-identification', version: '2025-03', source: 'built-in' },
    asOf: '2025-06-15T00:00:00+02:00',
    target: {
      source: 'sandbox',
      operator: { name: 'Sandbox GRADeS <Test>', id: '12345678900011' },
      platform: { name: 'Plateforme mutualisée', operator: 'Opérateur hôte' },
      domains: ['sandbox.mssante.test'],
      endpoints: { smtpMta: { host: '127.0.0.1', port: 2525 } },
      sandboxDefects: ['tls10-accepted'],
    },
    selection: { tags: ['smtp'] },
    startedAt: '2025-06-15T10:00:00.000Z',
    finishedAt: '2025-06-15T10:00:01.500Z',
    durationMs: 1500,
    redaction: { applied: true, note: 'Secrets were redacted at capture.', secretsRedacted: 3 },
    summary: summarise(scenarios, 'high'),
    scenarios,
    identification: {
      policy: { id: 'ans-identification', version: '2025-03', source: 'built-in' },
      asOf: '2025-06-15',
      context: 'sensitive service, professional user',
      means: [
        {
          means: 'password',
          label: 'Login & password',
          declared: true,
          observed: [{ means: 'password', endpoint: 'imap', detail: 'LOGIN accepted' }],
          status: 'tolerated',
          reason: 'tolerated until 2026-01-01',
          source: 'ANS doctrine',
          confidence: 'S',
          compliantUntil: '2025-12-31',
          compliantFrom: null,
        },
        {
          means: 'psc',
          label: 'Pro Santé Connect',
          declared: true,
          observed: [],
          status: 'allowed',
          reason: 'always allowed',
          source: 'ANS doctrine',
          confidence: 'P',
          compliantUntil: null,
          compliantFrom: null,
        },
      ],
      verdict: 'compliant',
      firstNonCompliantDate: '2026-01-01',
      timeline: {
        from: '2024-01-01',
        to: '2028-01-01',
        rows: [
          {
            means: 'password',
            label: 'Login & password',
            segments: [
              { from: '2024-01-01', to: '2025-01-01', status: 'allowed', ruleId: 'pwd-allowed' },
              { from: '2025-01-01', to: '2026-01-01', status: 'tolerated', ruleId: 'pwd-tolerated' },
              { from: '2026-01-01', to: null, status: 'forbidden', ruleId: 'pwd-forbidden' },
            ],
          },
          { means: 'psc', label: 'Pro Santé Connect', segments: [{ from: '2024-01-01', to: null, status: 'allowed', ruleId: 'psc' }] },
        ],
      },
    },
    assumptions: ['TLS cipher policy: the default ANSSI-based list', 'OTP by SMS is treated as a "tolerated" means [?]'],
  };
}
