import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, lintBytes, statusOf } from './helpers.js';

const SOFTWARE = join(FIXTURES, 'software');
const thunderbird = readFileSync(join(SOFTWARE, 'mdn-thunderbird-displayed.eml'), 'latin1');
const lint = (name: string, text: string) => lintBytes(name, Buffer.from(text, 'latin1'));
const mdnRule = async (name: string, text: string) => (await lint(name, text)).results.find((r) => r.rule.id === 'MSG-MDN-STRUCTURE')!.outcome;

describe('MSG-MDN-STRUCTURE (RFC 8098 §3)', () => {
  it('passes MDNs as Thunderbird (3 parts, displayed) and an integration platform (2 parts, processed) write them', async () => {
    for (const f of ['mdn-thunderbird-displayed.eml', 'mdn-automatic-processed.eml']) {
      const out = await mdnRule(f, readFileSync(join(SOFTWARE, f), 'latin1'));
      expect({ f, status: out.status, reason: out.reason }).toEqual({ f, status: 'pass', reason: undefined });
      expect(out.assertions.length).toBeGreaterThanOrEqual(7);
    }
  });

  it('is not applicable to a DSN or an ordinary message', async () => {
    for (const f of ['software/dsn-postfix-relayed.eml', 'software/dsn-postfix-bounce.eml', 'ok-plain.eml']) {
      expect([f, statusOf(await lintBytes(f, readFileSync(join(FIXTURES, f))), 'MSG-MDN-STRUCTURE')]).toEqual([f, 'not-applicable']);
    }
  });

  it.each([
    ['no Disposition field', (t: string) => t.replace('Disposition: manual-action/MDN-sent-manually; displayed\r\n', ''), /Disposition appears exactly once/],
    ['an unknown disposition type', (t: string) => t.replace('; displayed', '; read'), /Disposition reads/],
    ['no Final-Recipient', (t: string) => t.replace(/Final-Recipient: [^\r]*\r\n/, ''), /Final-Recipient appears exactly once/],
    ['Final-Recipient without address type', (t: string) => t.replace('Final-Recipient: rfc822;', 'Final-Recipient: '), /Final-Recipient reads/],
    ['multipart/mixed instead of multipart/report', (t: string) => t.replace('multipart/report; report-type=disposition-notification;', 'multipart/mixed;'), /multipart\/report; report-type=disposition-notification/],
    ['the notification as the third part', (t: string) => t.replace('Content-Type: message/disposition-notification; name="MDNPart2.txt"', 'Content-Type: text/plain').replace('Content-Type: text/rfc822-headers; name="MDNPart3.txt"', 'Content-Type: message/disposition-notification'), /second part is message\/disposition-notification/],
  ])('fails an MDN with %s', async (_what, edit, reason) => {
    const text = edit(thunderbird);
    expect(text).not.toBe(thunderbird);
    const out = await mdnRule('defect.eml', text);
    expect(out.status).toBe('fail');
    expect(out.reason).toMatch(reason);
  });

  it('warns (does not fail) when Original-Message-ID is missing: required only when the original had a Message-ID', async () => {
    const out = await mdnRule('no-original.eml', thunderbird.replace(/Original-Message-ID: [^\r]*\r\n/, ''));
    expect(out.status).toBe('warn');
    expect(out.assertions.find((a) => a.status === 'warn')!.requirements).toEqual(['RFC8098§3', 'ECO.2.2.1']);
  });

  it('fails a report with a fourth part', async () => {
    const extra = thunderbird.replace(/--------------mEHx0KvI2Gc0uZ1V2HnFgdlb--\r\n$/, '--------------mEHx0KvI2Gc0uZ1V2HnFgdlb\r\nContent-Type: text/plain\r\n\r\nmore\r\n--------------mEHx0KvI2Gc0uZ1V2HnFgdlb--\r\n');
    expect(extra).not.toBe(thunderbird);
    const out = await mdnRule('four.eml', extra);
    expect(out.status).toBe('fail');
    expect(out.reason).toMatch(/2 to 3 parts/);
  });
});
