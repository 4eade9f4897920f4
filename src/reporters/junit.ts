/**
 * JUnit XML: one <testsuite> per scenario family, one <testcase> per scenario instance.
 * fail => <failure>, error => <error>, skip / not-applicable / review => <skipped>, warn => passes
 * with the warnings in <system-out>. Requirement ids, severity, tags and status are <properties>.
 */
import type { AssertionResult, Report, ScenarioResult, Status } from '../model/result.js';
import { translator, type Translator } from '../i18n/index.js';
import { displayReason, gateOf, verdictAndGate, expectation, operatorWord, byFamily, failingAssertions, problemSteps, showValue, targetLine, truncate, warningAssertions } from './common.js';
import { xmlAttr, xmlText } from './xml.js';

const SKIPPED: ReadonlySet<Status> = new Set(['skip', 'not-applicable', 'review']);

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function property(name: string, value: string): string {
  return `<property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`;
}

function assertionText(a: AssertionResult, tr: Translator): string {
  return [
    `${tr.t(a.status === 'fail' ? 'junit-failed' : 'junit-warning')}: ${a.description}`,
    `  ${tr.t('junit-fact')}: ${a.step}.${a.fact} ${operatorWord(a.operator, tr)}`,
    `  ${tr.t('junit-expected')}: ${expectation(a, 2000, tr)}`,
    `  ${tr.t('junit-found')}: ${showValue(a.found, 2000)}`,
    `  ${tr.t('junit-requirements')}: ${a.requirements.join(', ') || tr.t('junit-none')}`,
  ].join('\n');
}

function stepsText(s: ScenarioResult, tr: Translator): string {
  return problemSteps(s)
    .map((st) => `${tr.t('junit-step', { step: st.id, probe: st.probe, status: tr.t(`step-status-${st.status}`) })}${st.code ? ` ${st.code}` : ''}${st.message ? `: ${st.message}` : ''}`)
    .join('\n');
}

function outcomeElement(s: ScenarioResult, tr: Translator): string {
  const reason = displayReason(s, tr) ?? '';
  if (s.status === 'fail') {
    const failing = failingAssertions(s);
    const first = failing[0];
    const message = first ? tr.t('why-expected-found', { what: first.description, expected: expectation(first, 200, tr), found: showValue(first.found, 200) }) : reason || tr.t('status-fail');
    const body = [reason, ...failing.map((a) => assertionText(a, tr))].filter(Boolean).join('\n\n');
    return `      <failure message="${xmlAttr(truncate(message, 500))}" type="${xmlAttr(`${s.severity}:${first?.requirements.join(',') ?? s.requirements.join(',')}`)}">${xmlText(body)}</failure>\n`;
  }
  if (s.status === 'error') {
    const step = problemSteps(s).find((st) => st.status === 'error');
    const body = [reason, stepsText(s, tr)].filter(Boolean).join('\n');
    return `      <error message="${xmlAttr(truncate(reason || step?.message || 'error', 500))}" type="${xmlAttr(step?.code ?? 'ERROR')}">${xmlText(body)}</error>\n`;
  }
  if (SKIPPED.has(s.status)) {
    return `      <skipped message="${xmlAttr(truncate(`${s.status}${reason ? `: ${reason}` : ''}`, 500))}"/>\n`;
  }
  return '';
}

function systemOut(s: ScenarioResult, tr: Translator): string {
  const lines: string[] = [];
  if (s.status === 'warn' && s.reason) lines.push(s.reason);
  for (const a of warningAssertions(s)) lines.push(assertionText(a, tr));
  if (s.status !== 'fail' && s.status !== 'error' && s.status !== 'pass') {
    const st = stepsText(s, tr);
    if (st) lines.push(st);
  }
  if (s.status !== 'pass' && s.evidence.length > 0) lines.push(tr.t('junit-evidence', { list: s.evidence.map((e) => `${e.kind} "${e.title}"`).join(', ') }));
  return lines.length ? `      <system-out>${xmlText(lines.join('\n\n'))}</system-out>\n` : '';
}

function testcase(s: ScenarioResult, tr: Translator): string {
  const props = [
    property('id', s.id),
    property('status', s.status),
    property('severity', s.severity),
    ...(s.confidence ? [property('confidence', s.confidence)] : []),
    ...s.requirements.map((r) => property('requirement', r)),
    ...s.tags.map((t) => property('tag', t)),
  ];
  return (
    `    <testcase name="${xmlAttr(`${s.id}: ${s.title}`)}" classname="${xmlAttr(`msscheck.${s.family}`)}" time="${seconds(s.durationMs)}">\n` +
    `      <properties>\n${props.map((p) => `        ${p}\n`).join('')}      </properties>\n` +
    outcomeElement(s, tr) +
    systemOut(s, tr) +
    `    </testcase>\n`
  );
}

function counts(list: ScenarioResult[]): string {
  const n = (pred: (s: ScenarioResult) => boolean) => list.filter(pred).length;
  const time = list.reduce((t, s) => t + s.durationMs, 0);
  return `tests="${list.length}" failures="${n((s) => s.status === 'fail')}" errors="${n((s) => s.status === 'error')}" skipped="${n((s) => SKIPPED.has(s.status))}" time="${seconds(time)}"`;
}

export function renderJunit(report: Report, tr: Translator = translator('en')): string {
  const runProps = [
    property('msscheck.version', report.tool.version),
    property('catalogue', `${report.catalogue.id} ${report.catalogue.version}`),
    property('policy', `${report.policy.id} ${report.policy.version}`),
    property('asOf', report.asOf),
    property('target', targetLine(report, tr)),
    property('verdict', report.summary.verdict),
    property('exitCode', String(report.summary.exitCode)),
    property('failOn', report.summary.failOn),
    property('gate', gateOf(report.summary).passed ? 'passed' : 'failed'),
    property('verdictAndGate', verdictAndGate(report.summary, tr)),
  ];
  const suites = [...byFamily(report.scenarios)].map(
    ([family, list]) =>
      `  <testsuite name="${xmlAttr(family)}" ${counts(list)} timestamp="${xmlAttr(report.startedAt)}">\n` +
      `    <properties>\n${runProps.map((p) => `      ${p}\n`).join('')}    </properties>\n` +
      list.map((s) => testcase(s, tr)).join('') +
      `  </testsuite>\n`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="msscheck" ${counts(report.scenarios).replace(/time="[^"]*"/, `time="${seconds(report.durationMs)}"`)} timestamp="${xmlAttr(report.startedAt)}">\n` +
    suites.join('') +
    `</testsuites>\n`
  );
}
