import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { fixtureReport } from './fixture.js';

describe('Markdown summary', { timeout: 10_000 }, () => {
  const md = renderMarkdown(fixtureReport());

  it('opens with the verdict and exit code', () => {
    expect(md.split('\n')[0]).toBe('## ❌ msscheck: non-conformant; gate failed at --fail-on high (exit code 1)');
  });

  it('has a counts table with every status', () => {
    for (const s of ['fail', 'error', 'warn', 'review', 'skip', 'n/a', 'pass']) expect(md).toMatch(new RegExp(`\\| \\S+ ${s} \\| 1 \\|`));
    expect(md).toContain('| **total** | **7** |');
  });

  it('lists failures and errors with requirement ids and the first failing assertion, escaped', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌ fail | `') || l.startsWith('| 💥 error | `'));
    expect(rows).toHaveLength(2);
    const fail = rows[0]!;
    expect(fail).toContain('`TLS-VERSIONS/mta`');
    expect(fail).toContain('ECO.1.1.1');
    expect(fail).toContain('TLS 1.0 is refused &lt;b&gt;');
    expect(fail).toContain('expected `notContains "TLSv1"`, found `["TLSv1","TLSv1.2"]`');
    expect(fail).toContain('&lt;script&gt;');
    expect(fail).not.toContain('<script>');
    expect(fail).toContain('\\| pipes'); // a pipe in a title does not break the table
    expect(fail.split(/(?<!\\)\|/).length - 2).toBe(5); // still five cells
    expect(rows[1]).toContain('the server never answered');
    // passes are not listed
    expect(md).not.toContain('SMTP-STARTTLS-OFFERED');
  });

  it('states the identification verdict and the first non-compliant date', () => {
    expect(md).toContain('### Identification means: ✅ compliant on 2025-06-15');
    expect(md).toContain('First non-compliant date with this policy: **2026-01-01**');
    expect(md).toContain('| Login & password (`password`) | yes | yes | tolerated | 2025-12-31 |'.replace('&', '&amp;'));
  });

  it('says all is well when nothing failed', () => {
    const r = fixtureReport();
    r.scenarios = r.scenarios.filter((s) => s.status === 'pass');
    r.summary = { ...r.summary, total: 1, verdict: 'conformant', exitCode: 0, gate: { failOn: 'high', passed: true } };
    const text = renderMarkdown(r);
    expect(text.split('\n')[0]).toBe('## ✅ msscheck: conformant; gate passed at --fail-on high (exit code 0)');
    expect(text).not.toContain('### Failures and errors');
  });
});
