import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFECTS, documentMessage, lyingZipBomb, patientMessage, renderMessage, zipBomb } from '../../src/message/fixtures/generate.js';
import { lintMessageFile } from '../../src/message/lint.js';
import { lintMessages } from '../../src/message/lint-command.js';
import { AS_OF, FIXTURES, lintBytes, statusOf } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'msscheck-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reasonOf(l: Awaited<ReturnType<typeof lintBytes>>, rule: string): string {
  const r = l.results.find((x) => x.rule.id === rule)!;
  return [r.outcome.reason ?? '', ...r.outcome.assertions.map((a) => JSON.stringify(a.found))].join(' ');
}

describe('malformed input never stops the other files', () => {
  it('not MIME, empty, missing and good files together: a finding for files that are not messages, an error for the unreadable one, verdicts for the others', async () => {
    const empty = join(dir, 'empty.eml');
    writeFileSync(empty, '');
    const binary = join(dir, 'binary.eml');
    writeFileSync(binary, Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13, 0x50, 0x4b, 3, 4]));
    const files = [join(FIXTURES, 'defect-not-mime.eml'), empty, binary, join(dir, 'missing.eml'), join(FIXTURES, 'ok-plain.eml')];
    const report = await lintMessages(files, { asOf: AS_OF });
    const parse = report.scenarios.filter((s) => s.scenarioId === 'MSG-PARSE');
    expect(parse.map((s) => s.variant)).toEqual(files.slice(0, 4));
    expect(parse.map((s) => s.status)).toEqual(['fail', 'fail', 'fail', 'error']);
    expect(parse.every((s) => s.reason)).toBe(true);
    expect(parse.slice(0, 3).every((s) => s.assertions[0]?.status === 'fail' && /NOT_MIME/.test(String(s.assertions[0]?.found)))).toBe(true);
    expect(parse.find((s) => s.variant?.endsWith('missing.eml'))!.steps[0].code).toBe('READ_ERROR');
    const good = report.scenarios.filter((s) => s.variant?.endsWith('ok-plain.eml'));
    expect(good.length).toBeGreaterThan(10);
    expect(good.every((s) => s.status === 'pass' || s.status === 'not-applicable')).toBe(true);
    expect(report.summary.exitCode).toBe(1); // a finding (non-conformant) outranks the unreadable file's error
  });

  it('a broken zip, invalid XML and a refused DTD are findings of MSG-XDM-PACKAGE; dependent rules say they cannot conclude', async () => {
    for (const name of ['xdm-broken-zip', 'xdm-invalid-xml', 'xdm-dtd-entity']) {
      const l = await lintBytes(name, DEFECTS.find((d) => d.name === name)!.build(), undefined, true);
      expect([name, statusOf(l, 'MSG-XDM-PACKAGE')]).toEqual([name, 'fail']);
      expect([name, statusOf(l, 'MSG-X-MSS-CODECDA')]).toEqual([name, 'error']);
    }
  });

  it('the external entity of a DTD is never expanded', async () => {
    const l = await lintBytes('dtd', DEFECTS.find((d) => d.name === 'xdm-dtd-entity')!.build(), undefined, true);
    expect(reasonOf(l, 'MSG-XDM-PACKAGE')).toMatch(/DTD internal subset refused/);
    expect(JSON.stringify(l.summary)).not.toMatch(/root:x:0/);
  });

  it('a zip bomb is refused from its central directory, before inflating', async () => {
    const s = documentMessage();
    s.archive = zipBomb(16 * 1024 * 1024);
    const l = await lintBytes('bomb', renderMessage(s), undefined, true);
    expect(statusOf(l, 'MSG-XDM-PACKAGE')).toBe('fail');
    expect(reasonOf(l, 'MSG-XDM-PACKAGE')).toMatch(/over-limit: entry .* expands \d+ times, more than the limit of 200/);
    const big = documentMessage();
    big.archive = zipBomb(64 * 1024 * 1024);
    const l2 = await lintBytes('big-bomb', renderMessage(big), undefined, true);
    expect(reasonOf(l2, 'MSG-XDM-PACKAGE')).toMatch(/declares 67108864 bytes, more than the limit/);
  });

  it('a zip bomb that lies about its sizes is stopped while inflating', async () => {
    const s = documentMessage();
    s.archive = lyingZipBomb(32 * 1024 * 1024);
    const eml = renderMessage(s);
    const before = process.memoryUsage().arrayBuffers;
    const l = await lintBytes('lying-bomb', eml, undefined, true);
    expect(statusOf(l, 'MSG-XDM-PACKAGE')).toBe('fail');
    expect(reasonOf(l, 'MSG-XDM-PACKAGE')).toMatch(/expands beyond the 1024 bytes it declared/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
  });

  it('too many entries in an archive is refused', async () => {
    const s = documentMessage();
    s.archiveFiles = (f) => {
      for (let i = 0; i < 250; i++) f.set(`IHE_XDM/SUBSET01/X${i}.TXT`, Buffer.from('x'));
    };
    const l = await lintBytes('many', renderMessage(s), undefined, true);
    expect(reasonOf(l, 'MSG-XDM-PACKAGE')).toMatch(/more than the limit of 200/);
  });

  it('a 100 MB IHE_XDM attachment to a patient is streamed: deep check skipped with a finding, size ceiling judged, memory bounded', async () => {
    const path = join(dir, 'huge.eml');
    const eml = renderMessage(patientMessage()).toString('latin1');
    const marker = 'Content-Disposition: attachment; filename="IHE_XDM.zip"\r\n\r\n';
    const cut = eml.indexOf(marker) + marker.length;
    const end = eml.indexOf('\r\n--', cut);
    const out = createWriteStream(path);
    out.write(eml.slice(0, cut), 'latin1');
    const line = `${Buffer.alloc(57, 0x41).toString('base64')}\r\n`;
    const block = line.repeat(20_000); // 1.14 MB of base64 = 1.14 MB decoded... per write
    for (let written = 0; written < 100 * 1024 * 1024; written += 20_000 * 57) {
      if (!out.write(block)) await once(out, 'drain');
    }
    out.end(eml.slice(end), 'latin1');
    await once(out, 'finish');
    let peak = 0;
    const base = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const l = await lintMessageFile(path, { asOf: AS_OF, strength: { strict: true } });
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(l.status).toBe('linted');
    expect(statusOf(l, 'MSG-XDM-PACKAGE')).toBe('warn');
    expect(reasonOf(l, 'MSG-XDM-PACKAGE')).toMatch(/deep check skipped/);
    expect(statusOf(l, 'MSG-X-MSS-CODECDA')).toBe('skip');
    expect(statusOf(l, 'MSG-PATIENT-SIZE')).toBe('fail');
    expect(statusOf(l, 'MSG-X-MSS-NIL')).toBe('pass');
    expect(peak - base).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('a 3 MB line without a line break is cut, reported, and does not stop the scan', async () => {
    const eml = renderMessage(patientMessage()).toString('latin1').replace('Bonjour,', `Bonjour,${'x'.repeat(3 * 1024 * 1024)}`);
    const l = await lintBytes('long-line', Buffer.from(eml, 'latin1'), undefined, true);
    expect(statusOf(l, 'MSG-MIME-STRUCTURE')).toBe('fail');
    expect(reasonOf(l, 'MSG-MIME-STRUCTURE')).toMatch(/longest/);
    expect(statusOf(l, 'MSG-X-MSS-CODECDA')).toBe('pass');
  });

  it('deeply nested multiparts stop at the depth limit', async () => {
    let body = 'Content-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n';
    for (let i = 30; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
    const eml = `From: a@b.fr\r\nTo: c@d.fr\r\nDate: Mon, 15 Jan 2024 12:00:00 +0100\r\nMIME-Version: 1.0\r\nMessage-ID: <x@y.fr>\r\nX-MSS-NIL: DEV935997\r\n${body}`;
    const l = await lintBytes('nested', Buffer.from(eml), undefined, true);
    expect(l.status).toBe('linted');
    expect(reasonOf(l, 'MSG-MIME-STRUCTURE')).toMatch(/nesting deeper than 20/);
  });
});
