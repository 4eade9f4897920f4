import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMailboxItem } from '../../src/probes/smtp/dsn-report.js';
import { successReport } from '../../src/sandbox/smtp/dsn-report.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/messages/software/${name}`, import.meta.url));

describe('reading a delivery status notification (RFC 3464) in the sender\'s mailbox', () => {
  it('reads the success report the real Postfix 3.7 wrote (captured): ENVID, recipient, Action, Status', () => {
    const item = classifyMailboxItem(fixture('dsn-postfix-delivered-captured.eml'), 'dsnid-msscheck-1', '<dsn-test-1@sandbox.mssante.test>');
    expect(item).toEqual({
      kind: 'dsn',
      dsn: {
        from: 'Mail Delivery System <MAILER-DAEMON@sandbox.mssante.test>',
        subject: 'Successful Mail Delivery Report',
        reportType: 'delivery-status',
        originalEnvelopeId: 'dsnid-msscheck-1',
        reportingMta: 'dns; mx.sandbox.mssante.test',
        recipients: [{ finalRecipient: 'dr.approve@sandbox.mssante.test', originalRecipient: 'dr.approve@sandbox.mssante.test', action: 'delivered', status: '2.0.0' }],
      },
    });
  });

  it('a report about another message (other ENVID, other Message-ID) is not taken for ours', () => {
    expect(classifyMailboxItem(fixture('dsn-postfix-delivered-captured.eml'), 'msscheck-other', '<other@msscheck.invalid>').kind).toBe('other');
  });

  it('a report without ENVID is still recognised by the Message-ID it returns, with no Original-Envelope-Id', () => {
    const raw = Buffer.from(fixture('dsn-postfix-delivered-captured.eml').toString('utf8').replace(/^Original-Envelope-Id:.*\n/m, ''));
    const item = classifyMailboxItem(raw, 'dsnid-msscheck-1', '<dsn-test-1@sandbox.mssante.test>');
    expect(item.kind === 'dsn' && item.dsn.originalEnvelopeId).toBe(null);
  });

  it('the check\'s own message is recognised by its Message-ID', () => {
    const own = Buffer.from('From: <a@b.test>\r\nTo: <a@b.test>\r\nMessage-ID: <x-1@msscheck.invalid>\r\nSubject: t\r\n\r\nbody\r\n');
    expect(classifyMailboxItem(own, 'x-1', '<x-1@msscheck.invalid>')).toEqual({ kind: 'own-message' });
  });

  it('the sandbox writes its report in the layout Postfix uses, which reads back the same way', () => {
    const original = Buffer.from('From: <a@b.test>\r\nTo: <a@b.test>\r\nMessage-ID: <x-2@msscheck.invalid>\r\nSubject: t\r\n\r\nbody\r\n');
    const stored = { endpoint: 'smtpSubmission' as const, from: 'a@b.test', to: ['a@b.test'], receivedAt: '2025-01-31T12:00:00Z', raw: original, dsn: { ret: 'HDRS', envid: 'x-2', recipients: [{ address: 'a@b.test', notify: ['SUCCESS'], orcpt: 'rfc822;a@b.test' }] } };
    const report = successReport(stored, { reportingMta: 'smtp.sandbox.test', now: new Date('2025-01-31T12:00:01Z') })!;
    const item = classifyMailboxItem(report, 'x-2', '<x-2@msscheck.invalid>');
    expect(item.kind === 'dsn' && item.dsn).toMatchObject({ reportType: 'delivery-status', originalEnvelopeId: 'x-2', recipients: [{ finalRecipient: 'a@b.test', originalRecipient: 'a@b.test', action: 'delivered', status: '2.0.0' }] });
    // No report when no recipient asked NOTIFY=SUCCESS.
    expect(successReport({ ...stored, dsn: { ...stored.dsn, recipients: [{ address: 'a@b.test', notify: ['FAILURE'], orcpt: null }] } }, { reportingMta: 'x', now: new Date() })).toBeUndefined();
  });
});
