import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/model/result.js';
import { translator } from '../../src/i18n/index.js';
import { ConsoleReporter } from '../../src/reporters/console.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderJunit } from '../../src/reporters/junit.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { fixtureReport } from './fixture.js';

/** The fixture with its failing scenario made `high`: `--fail-on critical` lets the gate pass. */
function highFailure() {
  const r = fixtureReport();
  for (const s of r.scenarios) if (s.status === 'fail') s.severity = 'high';
  return r;
}

function gatedReport() {
  const r = highFailure();
  r.summary = summarise(r.scenarios, 'critical');
  return r;
}

describe('verdict and CI gate are different things', () => {
  it('summarise: the verdict is the truth, --fail-on decides the exit code only', () => {
    const scenarios = highFailure().scenarios;
    const high = summarise(scenarios, 'high');
    expect(high).toMatchObject({ verdict: 'non-conformant', exitCode: 1, gate: { failOn: 'high', passed: false } });
    const critical = summarise(scenarios, 'critical');
    // a failure below the gate: still non-conformant; exit 3 because an error is present too
    expect(critical).toMatchObject({ verdict: 'non-conformant', exitCode: 3, gate: { failOn: 'critical', passed: true } });
    const noError = summarise(scenarios.filter((s) => s.status !== 'error'), 'critical');
    expect(noError).toMatchObject({ verdict: 'non-conformant', exitCode: 0, gate: { passed: true } });
    expect(summarise(scenarios.filter((s) => s.status === 'pass'), 'info')).toMatchObject({ verdict: 'conformant', exitCode: 0, gate: { passed: true } });
  });

  it('console, HTML, Markdown and JUnit all say "non-conformant; gate passed at --fail-on critical"', () => {
    const report = gatedReport();
    const chunks: string[] = [];
    const out = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
    new ConsoleReporter({ stream: out, env: {} }).onEnd(report);
    expect(chunks.join('')).toContain('NON-CONFORMANT; gate passed at --fail-on critical (exit code 3)');
    expect(renderHtml(report)).toContain('non-conformant; gate passed at --fail-on critical');
    expect(renderHtml(report)).toContain('<span class="badge verdict">non-conformant</span>');
    expect(renderMarkdown(report).split('\n')[0]).toBe('## ❌ msscheck: non-conformant; gate passed at --fail-on critical (exit code 3)');
    expect(renderJunit(report)).toContain('<property name="verdictAndGate" value="non-conformant; gate passed at --fail-on critical"/>');
  });

  it('says it in French too', () => {
    const fr = translator('fr');
    expect(renderMarkdown(gatedReport(), fr).split('\n')[0]).toContain('non conforme ; contrôle CI réussi avec --fail-on critical');
    expect(renderHtml(gatedReport(), fr)).toContain('non conforme ; contrôle CI réussi avec --fail-on critical');
  });
});
