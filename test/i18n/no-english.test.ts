/**
 * A failing sandbox run in French shows no English phrase that code writes: the engine's reasons
 * ("expected … found"), downgrade reasons, conditions, evidence titles, report sections, and the
 * CLI's own words (commander's "error: unknown option", "Usage:"). Each fragment below is English
 * that msscheck wrote in French reports before it came from the message catalogue; a fragment that
 * comes back fails here, naming where. Server replies in transcripts, JSON data and fact paths are
 * what the server or the data said, not text of msscheck: they are left out of the check.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** English that msscheck itself writes, each a regular expression (word boundaries, case kept). */
const ENGLISH = [
  /\bexpected\b/, /\bfound\b/, /\bdowngraded\b/, /unconfirmed rule/, /secondary source only/, /a person must decide/, /--strict makes it fail/,
  /the rule itself is marked/, /strongest cited source/, /condition not met/, /precondition not met/, /does not offer this/,
  /session with\b/, /Certificate chain of/, /handshake with/, /token claims/, /cipher suite enumeration/, /\bAUTH \S+ on\b/,
  /\(catalogue\): /, /^message rules: /m, /To review/, /Rules behind/, /were redacted/, /on platform/, /\bno target\b/,
  /positive control/, /valid counterpart/, /\bnot-run\b/, /is accepted for the/, /judged above/, /proves nothing/, /FAQ on electronic identification of health actors/, /\bown reading where/, /no assertion was evaluated/, /cannot be judged/, /accepted after/, /with client certificate/, /HTTP login with password/,
  /Usage:/, /Options:/, /Commands:/, /\berror: /, /unknown option/, /missing required argument/, /display help for command/,
  /not written by the client/, /The file is a readable MIME message/, /appears exactly once/, /is not empty/, /deep check skipped/, /no IHE_XDM archive/, /judged as written/,
  /verified by a scenario/, /Without a scenario/, /Client obligations/, /Dated rules/, /NEXT CHANGE/, /\(no change\)/, /IN FORCE/,
  /no scenario (?:matches|has)/, /unknown (?:report format|sandbox defect)/, /is not a limit/, /run `msscheck list` for/,
  /has no fact/, /needs a number/, /is neither a variable/, /\bwrite a number/, /no such file or folder/, /cannot read it/, /give (?:the|a|target)/,
  /connection refused/, /no connection within/, /connection reset/, /host unreachable/, /declared without TLS/, /the target profile has no/,
  /\brule ECO\./, /section not identified/, /not in the requirement catalogue/, /, not 220/, /STARTTLS refused/, /could not be established/, /overall timeout/, /inconclusive (?:once|\d+ times)/,
  /the server closed the connection/, /the provider answered/, /no access token/, /\bTLS failed\b/,
  /no CRL distribution point/, /issuer certificate is unknown/, /CRL signature does not verify/, /CRL issued by/, /CRL (?:outdated|not yet valid)/, /clock skew allowed/,
  /the responder does not know/, /the connection ended during/, /before STARTTLS/, /response body larger than allowed/, /reply has too many lines/,
  /too many untagged responses/, /presented too (?:long|large) a/, /is longer than allowed/, /\bnegotiated TLS/, /no handshake within/, /peer operator session on/, /SMTP session \(/, /negative completion/, /client authentication failed/, /check oidcClient/, /temporary reason/, /not a ZIP archive/, /not well-formed XML/, /a second METADATA/, /evidence bundle is one/, /damaged ZIP archive/,
  /\bfix: /, /\bfield \//, /unknown field/, /missing required field/, /is not a (?:positive|date|severity)/, /neither a scenario/, /file not found/, /\bcheck the path/,
];

/** The text a person reads, without what the server or the data said verbatim (transcripts, JSON, code spans). */
function readable(html: string): string {
  return html
    .replace(/<(style|script|pre|code)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Markdown and console lines minus quoted server replies (`S: …`) and values in backticks. */
function prose(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*[SC*]: /.test(l))
    .join('\n')
    .replace(/`[^`\n]*`/g, ' ');
}

function englishIn(text: string): string[] {
  return ENGLISH.flatMap((re) => {
    const m = re.exec(text);
    return m ? [`${re}: …${text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 40).replace(/\n/g, ' ')}…`] : [];
  });
}

/** What a person reads of a run: the console, summary.md and report.html of `dir`. */
function readableOutputs(consoleText: string, dir: string): Record<string, string> {
  return {
    console: prose(consoleText),
    'summary.md': prose(readFileSync(join(dir, 'summary.md'), 'utf8')),
    'report.html': readable(readFileSync(join(dir, 'report.html'), 'utf8')),
  };
}

describe('a failing run in French has no English phrase of msscheck', () => {
  it('console (verbose), Markdown and HTML', async () => {
    const r = await runCli([
      '--lang', 'fr', 'run', '--verbose', '--as-of', '2026-01-10',
      '--sandbox-defects', 'mta-plaintext-mail,imap-accepts-tls10,submission-no-dsn,submission-external-refuses-valid,imap-password-login',
      '--only', 'SMTP-*,TLS-VERSIONS,AUTH-EXTERNAL-*,AUTH-PASSWORD-REFUSED,IDENT-MEANS-COMPLIANT,X509-CERT-VALID',
      '--format', 'json,html,md', '--out', 'out',
    ]);
    expect(r.code).toBe(1);
    const dir = join(r.cwd, 'out');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { scenarios: { status: string; reason?: string }[] };
    // The run really has each kind of outcome whose words are checked, and report.json keeps its English.
    const statuses = new Set(report.scenarios.map((s) => s.status));
    for (const s of ['fail', 'warn', 'review', 'error', 'pass']) expect(statuses, s).toContain(s);
    expect(report.scenarios.map((s) => s.reason ?? '').join('\n')).toMatch(/expected .*, found /);
    const texts = readableOutputs(r.stdout + r.stderr, dir);
    for (const [name, text] of Object.entries(texts)) expect(englishIn(text), name).toEqual([]);
  }, 120_000);

  it('a target that refuses connections: network errors and not-applicable reasons', async () => {
    const closed = await new Promise<number>((done) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as AddressInfo;
        srv.close(() => done(port));
      });
    });
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-no-english-'));
    writeFileSync(join(cwd, 'target.yaml'), `operator: { name: Op }\ndomains: [op.test]\nendpoints:\n  smtpMta: { host: 127.0.0.1, port: ${closed} }\n`);
    const r = await runCli(['--lang', 'fr', 'run', '--verbose', '--target', 'target.yaml', '--only', 'SMTP-STARTTLS-OFFERED', '--format', 'json,html,md', '--out', 'out'], { cwd });
    expect(r.code).toBe(3);
    const report = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')) as { scenarios: { status: string; reason?: string }[] };
    expect(report.scenarios.map((s) => s.status).sort()).toEqual(['error', 'not-applicable']);
    expect(report.scenarios.map((s) => s.reason).join('\n')).toContain('connection refused');
    const texts = readableOutputs(r.stdout + r.stderr, join(cwd, 'out'));
    for (const [name, text] of Object.entries(texts)) expect(englishIn(text), name).toEqual([]);
  }, 60_000);

  it('a server that greets with 554: a probe protocol error in the reasons and steps', async () => {
    const srv = createServer((sock) => sock.end('554 5.3.2 not accepting mail\r\n'));
    const port = await new Promise<number>((done) => srv.listen(0, '127.0.0.1', () => done((srv.address() as AddressInfo).port)));
    try {
      const cwd = mkdtempSync(join(tmpdir(), 'msscheck-no-english-'));
      writeFileSync(join(cwd, 'target.yaml'), `operator: { name: Op }\ndomains: [op.test]\nendpoints:\n  smtpMta: { host: 127.0.0.1, port: ${port} }\n`);
      const r = await runCli(['--lang', 'fr', 'run', '--verbose', '--target', 'target.yaml', '--only', 'SMTP-STARTTLS-OFFERED', '--format', 'json,html,md', '--out', 'out'], { cwd });
      const report = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')) as { scenarios: { status: string; reason?: string }[] };
      // report.json keeps the English; what a person reads says it in French.
      expect(report.scenarios.map((s) => s.reason).join('\n')).toContain('greeting 554, not 220');
      const texts = readableOutputs(r.stdout + r.stderr, join(cwd, 'out'));
      expect(texts['report.html']).toContain("message d'accueil 554, et non 220");
      for (const [name, text] of Object.entries(texts)) expect(englishIn(text), name).toEqual([]);
    } finally {
      srv.close();
    }
  }, 60_000);

  it('message lint (console, Markdown and HTML): check descriptions, reasons, authorship', async () => {
    const dir = join(process.cwd(), 'fixtures/messages');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => join(dir, f));
    const r = await runCli(['--lang', 'fr', 'lint-message', '--as-of', '2026-01-10', '--format', 'json,html,md', '--out', 'out', ...files]);
    expect(r.code).toBe(1);
    const out = join(r.cwd, 'out');
    const texts = readableOutputs(r.stdout + r.stderr, out);
    for (const [name, text] of Object.entries(texts)) expect(englishIn(text), name).toEqual([]);
    // The lint phrases themselves are English in report.json.
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toContain('not written by the client');
  }, 120_000);

  it("the CLI's own errors and help (commander), and input errors (flags, files, schemas)", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'msscheck-no-english-'));
    writeFileSync(join(cwd, 'target.yaml'), '$schema: ../schemas/target.schema.json\noperater: { name: x }\n');
    mkdirSync(join(cwd, 'scen'));
    writeFileSync(
      join(cwd, 'scen', 'BAD.yaml'),
      ['id: SMTP-BAD-ONE', 'title: a bad scenario', 'requirements: [ECO.1.0.1]', 'tags: [smtp]', 'severity: high', 'steps:', '  - id: a', '    probe: smtp.session', '    with: { endpoint: "${nope}" }', '    expect:', '      - { fact: nofact, op: equals, value: 1, description: no such fact }', '      - { fact: extensions, op: gt, value: "x", description: a string for gt }', ''].join('\n'),
    );
    const cases = [
      ['run', '--no-such-flag'], ['explain'], ['run', '--fail-on'], ['no-such-command'], ['run', '--help'], ['--help'],
      ['run', '--concurrency', 'zero'], ['run', '--as-of', 'yesterday'], ['explain', 'NO-SUCH-ID'], ['run', '--target', 'missing.yaml'],
      ['validate', '--no-preflight', 'target.yaml'], ['requirements', '--coverage'], ['policy', '--as-of', '2026-01-10'],
      ['run', '--only', 'NO-SUCH-SCENARIO'], ['run', '--tags', 'no-such-tag'], ['run', '--format', 'xml'], ['run', '--limit', 'nope=1'], ['run', '--sandbox-defects', 'nope'],
      ['run', '--scenarios', 'scen'], ['merge-reports', 'no-such-dir'], ['diff', 'old.json', 'new.json'], ['run', '--targets', 'no-such-dir'], ['verify', 'no-such-bundle.zip'],
    ];
    for (const args of cases) {
      const r = await runCli(['--lang', 'fr', ...args], { cwd });
      expect(r.stdout + r.stderr, args.join(' ')).not.toBe('');
      expect(englishIn(r.stdout + r.stderr), args.join(' ')).toEqual([]);
    }
  });
});
