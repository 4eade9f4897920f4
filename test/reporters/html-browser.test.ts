/**
 * The HTML report in a real browser (headless Debian Chromium): a failing sandbox run rendered in
 * English and French, at 1400 and 800 px. Screenshots go to $MSSCHECK_SHOTS_DIR (default a temp
 * folder, printed). The test checks what a reader sees: failures first (by severity), then errors,
 * warnings, the rest collapsed; no horizontal overflow at 800 px; short values never broken
 * mid-word; timeline labels inside the drawing; and a print to PDF of a sane number of A4 pages.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Lang } from '../../src/i18n/index.js';
import type { Report } from '../../src/model/result.js';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { renderHtml } from '../../src/reporters/html.js';
import { localise } from '../../src/i18n/data.js';
import { localiseReport } from '../../src/i18n/localise-report.js';
import { browserTestsRun, launchChromium } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';

// Browser globals inside page.evaluate callbacks (the project's TypeScript lib has no DOM).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

const DEFECTS = 'imap-accepts-tls10,xoauth2-accepts-expired,declares-password-access';
const SEVERITY_RANK = ['critical', 'high', 'medium', 'low', 'info'];

describe.skipIf(!browserTestsRun)('HTML report in headless Chromium', { timeout: 240_000 }, () => {
  let browser: Browser;
  let report: Report;
  const shots = process.env.MSSCHECK_SHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'msscheck-shots-'));

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const r = await runCli(['run', '--as-of', pkiManifest().referenceAsOf, '--quiet', '--sandbox-defects', DEFECTS, '--format', 'json', '--out', 'out']);
    report = JSON.parse(readFileSync(join(r.cwd, 'out', 'report.json'), 'utf8')) as Report;
    expect(report.summary.byStatus.fail).toBeGreaterThan(0);
    browser = await launchChromium();
    console.log(`HTML report screenshots: ${shots}`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(lang: Lang, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    // as writeReports renders it: data texts localised, words from the message catalogue
    const html = renderHtml(localiseReport(report, localise(lang)), translator(lang));
    writeFileSync(join(shots, `report-${lang}.html`), html);
    await page.setContent(html, { waitUntil: 'load' });
    return page;
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const width of [1400, 800]) {
      it(`${lang} at ${width} px: failures first by severity, then errors, warnings, the rest collapsed; nothing overflows or is cut`, async () => {
        const page = await open(lang, width);
        await page.screenshot({ path: join(shots, `report-${lang}-${width}.png`) });
        await page.screenshot({ path: join(shots, `report-${lang}-${width}-full.png`), fullPage: true });
        expect(await page.getAttribute('html', 'lang')).toBe(lang);

        const blocks = await page.$$eval('details.scenario', (els) =>
          els.map((el) => ({ status: el.getAttribute('data-status')!, severity: el.getAttribute('data-severity')!, inRest: el.closest('details.rest') !== null, top: el.getBoundingClientRect().top + window.scrollY })),
        );
        expect(blocks).toHaveLength(report.scenarios.length);
        const order = ['fail', 'error', 'warn|review', 'rest'];
        const group = (s: string) => (s === 'fail' ? 0 : s === 'error' ? 1 : s === 'warn' || s === 'review' ? 2 : 3);
        const groups = blocks.map((b) => group(b.status));
        expect(groups, `groups in order ${order.join(', ')}`).toEqual([...groups].sort((a, b) => a - b));
        const fails = blocks.filter((b) => b.status === 'fail');
        const ranks = fails.map((b) => SEVERITY_RANK.indexOf(b.severity));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(blocks.every((b) => b.inRest === (group(b.status) === 3))).toBe(true);
        // The first failure is on the first screen, its assertions open.
        expect(fails[0]!.top).toBeLessThan(1000);
        expect(await page.$eval('details.scenario.st-fail', (el) => (el as unknown as { open: boolean }).open)).toBe(true);
        expect(await page.$eval('details.rest', (el) => (el as unknown as { open: boolean }).open)).toBe(false);

        // Each failing assertion shows what its requirement says, where it comes from and how sure that is.
        const reqs = await page.$$eval('details.st-fail tr.as-fail .reqs li', (els) => els.map((e) => e.textContent ?? ''));
        if (report.scenarios.some((s) => s.assertions.some((a) => a.status === 'fail' && a.requirementDetails?.length))) {
          expect(reqs.length).toBeGreaterThan(0);
          expect(reqs.some((t) => /\((P|S|\?)\)/.test(t))).toBe(true);
        }

        // No horizontal scrolling of the page.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // Short values (a word such as "refused") are never broken across lines.
        const broken = await page.$$eval('details[open] td pre', (els) =>
          els
            .filter((el) => (el.textContent ?? '').length <= 24 && !/\s/.test((el.textContent ?? '').trim()))
            .filter((el) => {
              const range = document.createRange();
              range.selectNodeContents(el);
              const tops = new Set([...range.getClientRects()].map((r: { top: number }) => Math.round(r.top)));
              return tops.size > 1;
            })
            .map((el) => el.textContent),
        );
        expect(broken).toEqual([]);
        // Every label of the timeline (means, as-of marker, first non-compliant marker) lies inside the drawing.
        const clipped = await page.$$eval('svg.timeline text', (els) =>
          els
            .map((el) => {
              const svg = el.ownerSVGElement!;
              const vb = svg.viewBox.baseVal;
              const b = (el as unknown as { getBBox(): { x: number; width: number } }).getBBox();
              return { text: el.textContent, ok: b.x >= vb.x - 0.5 && b.x + b.width <= vb.x + vb.width + 0.5 };
            })
            .filter((t) => !t.ok)
            .map((t) => t.text),
        );
        expect(clipped).toEqual([]);
        expect(await page.locator('svg.timeline .asof-marker text').textContent()).toContain(report.asOf.slice(0, 10));
        await page.close();
      });
    }
  }

  it('prints to A4 PDF with a sane page count, filters hidden', async () => {
    const page = await open('fr', 1400);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.filters', (el) => window.getComputedStyle(el).display)).toBe('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(shots, 'report-fr.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    console.log(`report-fr.pdf: ${pages} pages`);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(40);
    await page.close();
  });
});
