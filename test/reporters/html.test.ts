import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { translator } from '../../src/i18n/index.js';
import { fixtureReport } from './fixture.js';

describe('HTML report', { timeout: 10_000 }, () => {
  const report = fixtureReport();
  const html = renderHtml(report);

  it('loads no external asset', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<img\b/i);
    // a CSP that forbids fetching anything, and lets only our own script run
    expect(html).toContain(`default-src 'none'`);
  });

  it('pins its one inline script by hash in the CSP', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
  });

  it('escapes markup injected in a title, evidence and the operator name', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('TLS &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('plain text &lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Sandbox GRADeS &lt;Test&gt;');
    expect(html).not.toContain('\u0007');
  });

  it('has the header an auditor needs', () => {
    for (const needle of ['msscheck <b>0.1.0</b>', 'msscheck-catalogue <b>2025.06</b>', 'ans-identification <b>2025-03</b>', '<b>2025-06-15</b>', '<b>non-conformant; gate failed at --fail-on high</b>, exit code 1', 'Secrets were redacted at capture.', 'Plateforme mutualisée', 'TLS cipher policy: the default ANSSI-based list']) {
      expect(html).toContain(needle);
    }
  });

  it('has one collapsible block per scenario with status and tags for the filters', () => {
    const blocks = [...html.matchAll(/<details class="scenario st-([a-z-]+)"[^>]*data-status="([a-z-]+)" data-severity="[a-z]+" data-tags="([^"]*)"/g)];
    expect(blocks).toHaveLength(report.scenarios.length);
    expect(new Set(blocks.map((b) => b[2]))).toEqual(new Set(['pass', 'fail', 'warn', 'error', 'skip', 'not-applicable', 'review']));
    expect(html).toContain('<option value="tls">tls</option>');
    expect(html).toContain('data-filter-status value="not-applicable"');
  });

  it('shows assertions with expected / found / requirements', () => {
    expect(html).toContain('TLS 1.0 is refused &lt;b&gt;');
    expect(html).toMatch(/<td data-label="Expected"><pre>&quot;TLSv1&quot;<\/pre><\/td><td data-label="Found"><pre>\[\n {2}&quot;TLSv1&quot;,/);
    expect(html).toContain('SC.MSS/CONF.05');
  });

  it('renders each evidence kind readably', () => {
    expect(html).toContain('<span class="tc">C: EHLO msscheck</span>'); // transcript
    expect(html).toContain('<table class="certs">'); // certificate chain
    expect(html).toContain(`AB:AB:AB`); // SHA-256 fingerprint
    expect(html).toContain('expired on the as-of date');
    expect(html).toContain('expired &lt;on as-of date&gt;');
    expect(html).toContain('intermediate missing');
    expect(html).toMatch(/<td class="tls tls-forbidden acc" title="TLS 1.0 is forbidden">accepted/); // tls table
    expect(html).toMatch(/<td class="tls tls-weak">refused/);
    expect(html).toContain('<th>acr</th><td>eidas2</td>'); // token claims
    expect(html).toContain('1750000000 <span class="small">(2025-06-15T15:06:40.000Z)');
    expect(html).toContain('<span class="ts">HTTP 200</span>'); // http exchange
    expect(html).toContain('authorization: Bearer [REDACTED]');
    expect(html).toContain('&quot;ins&quot;: &quot;1.2.250.1.213.1.4.10&quot;'); // json
  });

  it('draws the identification timeline as an inline SVG with the as-of and first non-compliant markers', () => {
    const svg = /<svg class="timeline"[\s\S]*?<\/svg>/.exec(html)?.[0];
    expect(svg).toBeDefined();
    expect(svg).toContain('class="asof-marker"');
    expect(svg).toContain('as of 2025-06-15');
    expect(svg).toContain('first non-compliant 2026-01-01');
    expect(svg!.match(/<rect class="seg seg-/g)).toHaveLength(4);
    expect(svg).toContain('seg-forbidden');
    expect(svg).toContain('>2025</text>');
    // as-of (2025-06-15) lies between the 2025 and 2026 year ticks
    const x = (re: RegExp) => Number(re.exec(svg!)![1]);
    const asOf = x(/class="asof-marker"><line x1="([\d.]+)"/);
    expect(asOf).toBeGreaterThan(x(/<line x1="([\d.]+)"[^>]*\/><text[^>]*>2025</));
    expect(asOf).toBeLessThan(x(/<line x1="([\d.]+)"[^>]*\/><text[^>]*>2026</));
  });

  it('works without a target or an identification judgement', () => {
    const r = fixtureReport();
    r.kind = 'lint-message';
    delete r.target;
    delete r.identification;
    const page = renderHtml(r);
    expect(page).toContain('msscheck message lint');
    expect(page).not.toContain('<svg');
  });
});

describe('HTML report: what needs attention first', () => {
  it('lists failures by severity, then errors, then warnings and reviews, the rest in one collapsed group', () => {
    const r = fixtureReport();
    const extra = structuredClone(r.scenarios.find((s) => s.status === 'fail')!);
    extra.id = 'AAA-LOW-FAIL';
    extra.severity = 'low';
    r.scenarios.unshift(extra);
    const page = renderHtml(r);
    const order = [...page.matchAll(/<details class="scenario st-([a-z-]+)" id="s-([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    const statuses = order.map((o) => o.split(':')[0]);
    expect(statuses.slice(0, 3)).toEqual(['fail', 'fail', 'error']);
    expect(new Set(statuses.slice(3, 5))).toEqual(new Set(['warn', 'review']));
    expect(order[1]).toBe('fail:AAA-LOW-FAIL'); // critical before low, whatever the id
    const rest = page.slice(page.indexOf('<details class="group rest"'));
    expect(rest).toMatch(/^<details class="group rest" id="g-rest"><summary>/); // closed
    for (const st of ['pass', 'skip', 'not-applicable']) expect(rest).toContain(`data-status="${st}"`);
    expect(page.indexOf('id="g-fail"')).toBeLessThan(page.indexOf('id="identification"'));
  });

  it("shows each failing assertion's requirement: summary, source, confidence, and a downgrade", () => {
    const r = fixtureReport();
    const failing = r.scenarios.find((s) => s.status === 'fail')!.assertions.find((a) => a.status === 'fail')!;
    failing.confidence = 'S';
    failing.requirementDetails = [{ id: 'ECO.1.1.1', summary: 'TLS 1.2 at least <on every link>', source: 'REF2 §3.8.1', version: '2024', confidence: 'P' }];
    const warned = r.scenarios.find((s) => s.status === 'warn')!.assertions[0]!;
    warned.downgrade = { from: 'fail', to: 'warn', reason: 'the rule rests on implementers notes only' };
    const en = renderHtml(r);
    expect(en).toContain('<b>ECO.1.1.1</b> TLS 1.2 at least &lt;on every link&gt; <span class="src">— REF2 §3.8.1 (2024)</span> <span class="conf conf-P">official source (P)</span>');
    expect(en).toContain('confidence: implementers&#39; notes (S)');
    expect(en).toContain('A failure lowered to warn: the rule rests on implementers notes only');
    const fr = renderHtml(r, translator('fr'));
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<span class="conf conf-P">source officielle (P)</span>');
    expect(fr).toContain('Ce que dit l&#39;exigence');
    expect(fr).toContain('Échecs (1)');
  });
});

describe('HTML report: the reason in the user language', () => {
  it('rewrites the engine reason built from the first failing assertion, keeps any other reason', () => {
    const r = fixtureReport();
    const s = r.scenarios.find((x) => x.status === 'fail')!;
    const a = s.assertions.find((x) => x.status === 'fail')!;
    s.reason = `${a.description}: expected notContains "TLSv1", found ["TLSv1","TLSv1.2"]`;
    const fr = renderHtml(r, translator('fr'));
    expect(fr).toContain('<p class="reason">TLS 1.0 is refused &lt;b&gt; : attendu ne contient pas &quot;TLSv1&quot;, constaté [&quot;TLSv1&quot;,&quot;TLSv1.2&quot;]</p>');
    expect(fr).toContain('<p class="reason">the server never answered</p>');
  });
});
