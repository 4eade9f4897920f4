/**
 * SARIF 2.1.0 (OASIS), for code-scanning views in CI (GitHub, GitLab, Azure DevOps): one result per
 * failing (and warning / to-review) assertion, its first requirement as the rule id and the endpoint
 * it was observed on as the location. Scenarios without a verdict (`error`) become tool execution
 * notifications: they are not findings. The verdict and the gate are the run's properties.
 * Validated against the official schema in test/reporters/sarif.test.ts.
 */
import { createHash } from 'node:crypto';
import type { AssertionResult, Report, RequirementDetail, ScenarioResult } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { gateOf, problemSteps, showValue, verdictAndGate } from './common.js';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Partial<Record<AssertionResult['status'], Level>> = { fail: 'error', warn: 'warning', review: 'note' };

/** Endpoint key of the target profile a scenario instance talks to, by variant, else by family. */
const VARIANT_ENDPOINT: [RegExp, string][] = [
  [/^imap/, 'imap'],
  [/^mta/, 'smtpMta'],
  [/^submission/, 'smtpSubmission'],
];
const FAMILY_ENDPOINT: Record<string, string> = { oidc: 'oidc', psc: 'oidc', otp: 'otpWeb', imap: 'imap', smtp: 'smtpMta' };
const SCHEME: Record<string, string> = { imap: 'imap', smtpMta: 'smtp', smtpSubmission: 'smtp' };

function endpointUri(report: Report, s: ScenarioResult): string {
  if (report.kind === 'lint-message') return encodeURI(s.variant ?? s.id).replace(/#/g, '%23');
  const endpoints = report.target?.endpoints ?? {};
  const key = VARIANT_ENDPOINT.find(([re]) => re.test(s.variant ?? ''))?.[1] ?? FAMILY_ENDPOINT[s.family];
  const e = key ? (endpoints[key] as Record<string, unknown> | undefined) : undefined;
  if (e && typeof e.host === 'string') return `${SCHEME[key!] ?? key}://${e.host.includes(':') ? `[${e.host}]` : e.host}${typeof e.port === 'number' ? `:${e.port}` : ''}`;
  for (const field of ['issuer', 'url']) if (e && typeof e[field] === 'string') return e[field] as string;
  const domain = report.target?.domains[0];
  return domain ? `mailto:postmaster@${domain}` : 'msscheck:target';
}

function ruleOf(a: AssertionResult, s: ScenarioResult): string {
  return a.requirements[0] ?? s.scenarioId;
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function resultMessage(a: AssertionResult, s: ScenarioResult, tr: Translator): string {
  return tr.t('why-expected-found', { what: `${s.id}: ${a.description}`, expected: a.expected === a.operator ? a.operator : `${a.operator} ${showValue(a.expected, 200)}`, found: showValue(a.found, 200) });
}

export function renderSarif(report: Report, tr: Translator = translator('en')): string {
  const rules = new Map<string, { id: string; detail?: RequirementDetail; scenarios: Set<string> }>();
  const results: unknown[] = [];
  for (const s of report.scenarios) {
    for (const a of s.assertions) {
      const level = LEVEL[a.status];
      if (!level) continue;
      const ruleId = ruleOf(a, s);
      const rule = rules.get(ruleId) ?? { id: ruleId, scenarios: new Set<string>() };
      rule.detail ??= a.requirementDetails?.find((d) => d.id === ruleId);
      rule.scenarios.add(s.scenarioId);
      rules.set(ruleId, rule);
      results.push({
        ruleId,
        level,
        message: { text: resultMessage(a, s, tr) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: endpointUri(report, s) } },
            logicalLocations: [{ name: s.scenarioId, fullyQualifiedName: s.id, kind: 'test' }],
          },
        ],
        partialFingerprints: { 'msscheck/v1': fingerprint(s.id, a.step, a.fact, a.operator, ruleId) },
        properties: {
          scenario: s.id,
          title: s.title,
          severity: s.severity,
          status: a.status,
          requirements: a.requirements,
          fact: `${a.step}.${a.fact}`,
          ...(a.confidence ? { confidence: a.confidence } : {}),
          ...(a.downgrade ? { downgrade: a.downgrade } : {}),
        },
      });
    }
  }
  const ruleList = [...rules.values()].sort((x, y) => x.id.localeCompare(y.id));
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  for (const r of results as { ruleId: string; ruleIndex?: number }[]) r.ruleIndex = index.get(r.ruleId);
  const notifications = report.scenarios
    .filter((s) => s.status === 'error')
    .map((s) => {
      const st = problemSteps(s).find((x) => x.status === 'error');
      return {
        level: 'error',
        message: { text: `${s.id}: ${s.reason ?? st?.message ?? tr.t('status-error')}` },
        descriptor: { id: s.scenarioId },
        properties: { scenario: s.id, ...(st?.code ? { code: st.code } : {}) },
      };
    });
  const gate = gateOf(report.summary);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'msscheck',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://msscheck.dev',
            rules: ruleList.map((r) => ({
              id: r.id,
              shortDescription: { text: r.detail?.summary ?? r.id },
              fullDescription: { text: r.detail ? `${r.detail.summary} (${r.detail.source}${r.detail.version ? ` ${r.detail.version}` : ''})` : r.id },
              properties: {
                ...(r.detail ? { source: r.detail.source, confidence: r.detail.confidence } : {}),
                scenarios: [...r.scenarios].sort(),
              },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            exitCode: report.summary.exitCode,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        language: tr.lang,
        results,
        properties: {
          verdict: report.summary.verdict,
          gate: { failOn: gate.failOn, passed: gate.passed },
          verdictAndGate: verdictAndGate(report.summary, tr),
          asOf: report.asOf,
          catalogue: report.catalogue,
          policy: report.policy,
          ...(report.target ? { target: { source: report.target.source, operator: report.target.operator, domains: report.target.domains } } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
