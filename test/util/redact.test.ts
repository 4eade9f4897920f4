import { describe, expect, it } from 'vitest';
import { Redactor, wireForms } from '../../src/util/redact.js';

describe('Redactor', () => {
  it('replaces a registered secret and its base64 and URL-encoded forms, and counts', () => {
    const r = new Redactor();
    r.register('p@ss word!', 'password');
    const text = `LOGIN p@ss word! ${Buffer.from('p@ss word!').toString('base64')} ${encodeURIComponent('p@ss word!')}`;
    const out = r.redact(text);
    expect(out).not.toContain('p@ss word!');
    expect(out).not.toContain(Buffer.from('p@ss word!').toString('base64'));
    expect(out).not.toContain(encodeURIComponent('p@ss word!'));
    expect(out).toContain('[REDACTED]:password');
    expect(r.redactions).toBeGreaterThanOrEqual(3);
  });

  it('catches unregistered JWTs, PEM private keys, bearer headers and SASL initial responses', () => {
    const r = new Redactor();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz';
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const out = r.redact(`token ${jwt}\n${pem}\nAuthorization: Bearer abc.def.ghi\nC: AUTH XOAUTH2 dXNlcj1hAWF1dGg9QmVhcmVyIHgBAQ==\nC: A1 AUTHENTICATE PLAIN AGEAYg==`);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(out).not.toContain('abc.def.ghi');
    expect(out).not.toContain('dXNlcj1hAWF1dGg9QmVhcmVyIHgBAQ==');
    expect(out).not.toContain('AGEAYg==');
  });

  it('redacts the password of an IMAP LOGIN command but leaves ordinary sentences alone', () => {
    const r = new Redactor();
    expect(r.redact('C: A3 LOGIN dr@op.test hunter22')).toBe('C: A3 LOGIN dr@op.test [REDACTED]');
    const sentence = 'step login (imap.authenticate): imap 127.0.0.1:143: STARTTLS refused';
    expect(r.redact(sentence)).toBe(sentence);
    const prose = 'AUTH before STARTTLS is neither advertised nor accepted';
    expect(r.redact(prose)).toBe(prose);
    const ehlo = '250-AUTH XOAUTH2 OAUTHBEARER';
    expect(r.redact(ehlo)).toBe(ehlo);
    const reason = 'the PSC token: expected refused, found accepted';
    expect(r.redact(reason)).toBe(reason);
  });

  it('redacts credential fields in JSON and form bodies', () => {
    const r = new Redactor();
    const out = r.redact('{"access_token":"opaque-token-value","expires_in":60} client_secret=s3cr3tvalue&grant_type=x');
    expect(out).not.toContain('opaque-token-value');
    expect(out).not.toContain('s3cr3tvalue');
    expect(out).toContain('"expires_in":60');
  });

  it('deep-redacts structured values', () => {
    const r = new Redactor();
    r.register('topsecret-seed', 'totp seed');
    const v = r.redactValue({ a: ['x topsecret-seed y'], b: { c: 'topsecret-seed' }, n: 3 });
    expect(JSON.stringify(v)).not.toContain('topsecret-seed');
    expect(v.n).toBe(3);
  });

  it('catches a secret with spaces, quotes, backslashes and non-ASCII in every wire form a probe or an echoing server uses', () => {
    const secret = 'Qz8" \\ÿKw7é Xj\'#';
    const r = new Redactor();
    r.register(secret, 'password');
    const user = 'dr.hostile@hostile.test';
    const forms = [
      secret,
      Buffer.from(secret).toString('base64'),
      // SASL PLAIN and LOGIN payloads: the secret inside a larger base64 blob, at each alignment
      ...['', 'a', 'ab'].map((pad) => Buffer.from(`\0${pad}${user}\0${secret}`).toString('base64')),
      encodeURIComponent(secret),
      new URLSearchParams({ client_secret: secret }).toString(),
      JSON.stringify({ password: secret }),
      JSON.stringify(secret).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      `"${secret.replace(/[\\"]/g, (c) => `\\${c}`)}"`,
      secret.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    ];
    for (const form of forms) {
      const out = r.redact(`S: NO echo ${form} end`);
      for (let i = 0; i + 4 <= secret.length; i++) expect(out, `${form} -> ${out}`).not.toContain(secret.slice(i, i + 4));
    }
    expect(r.redact('C: A1 LOGIN "dr.hostile" "Qz8\\" \\\\ÿ unregistered pass"')).toBe('C: A1 LOGIN "dr.hostile" [REDACTED]');
  });

  it('catches an echo that escapes each character its own way (HTML decimal next to hexadecimal, percent next to +)', () => {
    const r = new Redactor();
    r.register('Qz8" \\ÿKw7é Xj\'#', 'password');
    for (const echo of ['Qz8&#34; \\ÿKw7é Xj&#39;#', 'Qz8&#x22;&#32;\\&#xFF;Kw7&eacute Xj&apos;#'.replace('&eacute', 'é'), 'Qz8%22+%5c%C3%BFKw7%c3%a9%20Xj%27%23', 'Qz8\\" \\\\\\u00ffKw7\\u00E9 Xj\'#']) {
      expect(r.redact(`<p>${echo}</p>`), echo).toBe('<p>[REDACTED]:password</p>');
    }
    expect(r.redact('an ordinary sentence & a quote "x"')).toBe('an ordinary sentence & a quote "x"');
  });

  it('finds a secret wherever it sits in short and long texts, with many secrets registered, and leaves a text holding none as is', () => {
    const r = new Redactor();
    for (let i = 0; i < 60; i++) r.register(`tok-${i}-${'x'.repeat(i % 7)}-secret`, 'token');
    r.register('Zq9!', 'pin');
    const secret = 'tok-41-xxxxxx-secret';
    for (const text of [secret, `a ${secret}`, `${secret} z`, `${'.'.repeat(2100)}${secret}`, `${secret}${'.'.repeat(2100)}`, `pin Zq9!`, `${'y'.repeat(1500)}Zq9!`]) {
      const out = r.redact(text);
      expect(out).not.toContain(secret);
      expect(out).not.toContain('Zq9!');
      expect(out).toContain('[REDACTED]');
    }
    const clean = `nothing to hide here, tok-41 alone ${'.'.repeat(3000)}`;
    expect(r.redact(clean)).toBe(clean);
  });

  it('catches every wire form of a secret at the start, in the middle and at the end of a text, and a secret registered after earlier redactions', () => {
    const r = new Redactor();
    r.register('first-secret-1', 'password');
    expect(r.redact('nothing yet')).toBe('nothing yet');
    // registered after texts were redacted: the quick look at what a text holds must know it too
    const late = 'L8 "late" <secret>\u00e9';
    r.register(late, 'token');
    for (const form of wireForms(late)) {
      for (const text of [form, `x${form}`, `${form}y`, `a ${form} b`, `${'.'.repeat(300)}${form}${'.'.repeat(300)}`]) {
        const out = r.redact(text);
        expect(out, `${form} in ${text.length} chars`).toContain('[REDACTED]:token');
        expect(out).not.toContain('late');
      }
    }
    expect(r.redact('first-secret-1')).toBe('[REDACTED]:password');
  });

  it('catches JSON control-character escapes and the UTF-16 escapes of a character outside the BMP', () => {
    const secret = 'tab\there\nline 😀 end';
    const r = new Redactor();
    r.register(secret, 'password');
    const ascii = JSON.stringify(secret).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const form of [JSON.stringify({ p: secret }), ascii, ascii.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`)]) {
      const out = r.redact(`{"echo":"${form}"}`);
      expect(out, form).toContain('[REDACTED]:password');
      expect(out).not.toMatch(/here|line/);
    }
  });

  it('replaces the longer of two overlapping secrets whole, and names a value registered twice by its last label', () => {
    const r = new Redactor();
    r.register('abcd-1234', 'short');
    r.register('xyz-abcd-1234-tail', 'long');
    expect(r.redact('S: xyz-abcd-1234-tail and abcd-1234')).toBe('S: [REDACTED]:long and [REDACTED]:short');
    expect(r.redact(`S: ${Buffer.from('xyz-abcd-1234-tail').toString('base64')}`)).toBe('S: [REDACTED]:long');
    r.register('abcd-1234', 'renamed');
    expect(r.redact('abcd-1234')).toBe('[REDACTED]:renamed');
    expect(r.redactions).toBe(4);
  });

  it('catches the uniformly escaped forms of a value too long for the every-mix pattern', () => {
    const long = `k"${'Zy9&'.repeat(80)}'end`;
    const r = new Redactor();
    r.register(long, 'key');
    for (const form of wireForms(long)) expect(r.redact(`<${form}>`), form.slice(0, 20)).toBe('<[REDACTED]:key>');
  });
});
