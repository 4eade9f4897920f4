/**
 * Correct messages written the ways other software writes them, linted: none may fail.
 *  - nodemailer's MailComposer (another MIME writer: its header case, folding at 76, quoted-printable
 *    and base64 choices), with the IHE_XDM.zip built by fflate's streaming Zip (data descriptors:
 *    sizes after the data, general purpose bit 3);
 *  - Python's `email` package (SMTP policy folding, its own Message-ID form) with zipfile's archive;
 *  - several CDA documents in one archive (three codes in X-MSS-CODECDA);
 *  - MDNs and DSNs as Thunderbird, an integration platform and Postfix write them
 *    (fixtures/messages/software/, sources in its README).
 * The document content (CDA, METADATA.XML, PDF) is the generator's; the MIME and zip writing is not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCda, buildMetadata, DOC_CR, DOC_SYNTH, type CdaSpec, minimalPdf, NIL, PATIENT } from '../../src/message/fixtures/generate.js';
import type { FileLint } from '../../src/message/lint.js';
import { FIXTURES, lintBytes, policyWithDerogationEnded } from './helpers.js';

const DOC_SORTIE: CdaSpec = { code: '11490-0', displayName: 'Lettre de sortie', title: 'Lettre de liaison à la sortie' };
const DOCS = [DOC_CR, DOC_SYNTH, DOC_SORTIE];
const SUBJECT = `XDM/1.0/DDM+Compte rendu ${PATIENT.family} ${PATIENT.given} 12/05/1969`;

function archiveFiles(docs: CdaSpec[]): [string, string][] {
  return [
    ['IHE_XDM/SUBSET01/METADATA.XML', buildMetadata(docs, PATIENT)],
    ...docs.map((d, i): [string, string] => [`IHE_XDM/SUBSET01/DOC000${i + 1}.XML`, buildCda(d, PATIENT, i)]),
    ['INDEX.HTM', '<html><body>IHE_XDM</body></html>\n'],
    ['README.TXT', 'IHE_XDM archive\n'],
  ];
}

/** fflate's streaming zipper: entries written as they come, sizes in data descriptors. */
function streamingZip(files: [string, string][]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, data, final) => {
      if (err) return reject(err);
      chunks.push(data);
      if (final) resolve(Buffer.concat(chunks));
    });
    files.forEach(([name, text], i) => {
      const entry = i % 2 === 0 ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      zip.add(entry);
      const bytes = Buffer.from(text, 'utf8');
      entry.push(bytes.subarray(0, bytes.length >> 1));
      entry.push(bytes.subarray(bytes.length >> 1), true);
    });
    zip.end();
  });
}

async function nodemailer(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const written: Record<string, Buffer> = {};
const tmp = mkdtempSync(join(tmpdir(), 'msscheck-software-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const python = spawnSync('python3', ['-c', 'import email, zipfile'], { encoding: 'utf8' }).status === 0;

function expectNoFailure(name: string, l: FileLint): void {
  expect(l.status, `${name}: ${l.error?.message ?? ''}`).toBe('linted');
  const bad = l.results.filter((r) => r.outcome.status === 'fail' || r.outcome.status === 'error').map((r) => `${r.rule.id}: ${r.outcome.status}: ${r.outcome.reason ?? ''}`);
  expect([name, bad]).toEqual([name, []]);
}

describe('messages written by nodemailer, with a streaming zip', () => {
  it('a plain answer: nodemailer header case and folding, quoted-printable UTF-8', async () => {
    written['nodemailer-plain'] = await nodemailer({
      from: 'Dr Jean Dupont <jean.dupont@hopital-test.mssante.fr>',
      to: 'cabinet.durand@medecin-test.mssante.fr',
      subject: 'Re: Rendez-vous de contrôle du patient, confirmation et précisions sur les examens à prévoir',
      date: new Date('2024-01-15T11:05:00Z'),
      messageId: '<20240115120500.0003@lps-node.example.fr>',
      inReplyTo: '<20240114090000.77@medecin-test.mssante.fr>',
      references: ['<20240110080000.12@hopital-test.mssante.fr>', '<20240114090000.77@medecin-test.mssante.fr>'],
      headers: { 'X-MSS-NIL': NIL, 'Disposition-Notification-To': 'jean.dupont@hopital-test.mssante.fr' },
      text: 'Bonjour,\nle rendez-vous de contrôle est confirmé ; merci de prévoir le bilan sanguin.\n',
      textEncoding: 'quoted-printable',
    });
    const text = written['nodemailer-plain']!.toString('utf8');
    expect(text).toMatch(/^Subject: =\?UTF-8\?Q\?/m); // nodemailer's own encoded-word choice
    expectNoFailure('nodemailer-plain', await lintBytes('nodemailer-plain', written['nodemailer-plain']!));
  });

  it('three CDA documents in an IHE_XDM.zip from fflate streaming Zip, base64 by nodemailer', async () => {
    const zip = await streamingZip(archiveFiles(DOCS));
    expect(zip.readUInt16LE(6) & 0x8).toBe(0x8); // general purpose bit 3: sizes follow in a data descriptor
    written['nodemailer-three-documents'] = await nodemailer({
      from: 'Dr Jean Dupont <jean.dupont@hopital-test.mssante.fr>',
      to: 'cabinet.durand@medecin-test.mssante.fr',
      subject: SUBJECT,
      date: new Date('2024-01-15T11:00:00Z'),
      messageId: '<20240115120000.0004@lps-node.example.fr>',
      headers: { 'X-MSS-NIL': NIL, 'X-MSS-CODECDA': DOCS.map((d) => d.code).join(','), 'X-MSS-INS': 'O' },
      text: 'Bonjour,\nveuillez trouver ci-joint trois documents de Mme Émilie MARTIN.\n',
      attachments: [
        { filename: 'IHE_XDM.zip', content: zip, contentType: 'application/zip' },
        { filename: 'compte-rendu.pdf', content: minimalPdf(), contentType: 'application/pdf' },
      ],
    });
    const l = await lintBytes('nodemailer-three-documents', written['nodemailer-three-documents']!);
    expectNoFailure('nodemailer-three-documents', l);
    expect(l.summary?.archives[0]?.documents?.map((d) => d.code)).toEqual(DOCS.map((d) => d.code));
    // the document rules really ran
    for (const id of ['MSG-X-MSS-CODECDA', 'MSG-XDM-PACKAGE', 'MSG-XDM-PATIENT-ID', 'MSG-CDA-PATIENT']) expect(l.results.find((r) => r.rule.id === id)?.outcome.status, id).toBe('pass');
  });
});

// Under CI=true a missing python3 fails the run instead of skipping it (.ci/run's machine has it).
describe.skipIf(!python && process.env.CI !== 'true')("messages written by Python's email package and zipfile", () => {
  it('a plain message and a two-document message: no rule fails', async () => {
    const spec = [
      { name: 'python-plain', from: 'Dr Jean Dupont <jean.dupont@hopital-test.mssante.fr>', to: 'cabinet.durand@medecin-test.mssante.fr', subject: 'Résultats du bilan biologique de contrôle, à intégrer au dossier avant la consultation', date: 'Mon, 15 Jan 2024 12:10:00 +0100', headers: [['X-MSS-NIL', NIL]], text: 'Bonjour,\nles résultats sont normaux.\n' },
      {
        name: 'python-documents',
        from: 'Dr Jean Dupont <jean.dupont@hopital-test.mssante.fr>',
        to: 'cabinet.durand@medecin-test.mssante.fr',
        subject: SUBJECT,
        date: 'Mon, 15 Jan 2024 12:15:00 +0100',
        headers: [['X-MSS-NIL', NIL], ['X-MSS-CODECDA', `${DOC_CR.code},${DOC_SYNTH.code}`], ['X-MSS-INS', 'O']],
        text: 'Bonjour,\nci-joint deux documents.\n',
        archive: archiveFiles([DOC_CR, DOC_SYNTH]),
        pdf: minimalPdf().toString('latin1'),
      },
    ];
    const specFile = join(tmp, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    execFileSync('python3', [fileURLToPath(new URL('./software/write-python.py', import.meta.url)), specFile, tmp], { stdio: 'pipe', timeout: 20_000 });
    for (const s of spec) {
      written[s.name] = readFileSync(join(tmp, `${s.name}.eml`));
      expectNoFailure(s.name, await lintBytes(s.name, written[s.name]!));
    }
    // Python folds a long Message-ID onto its own continuation line: the folding our parser must read.
    expect(written['python-documents']!.toString('latin1')).toMatch(/^Message-ID:\r\n <\d+\.\d+\.\d+\.msscheck@lps-python\.example\.fr>/m);
  });
});

describe('receipts written by other software (fixtures/messages/software)', () => {
  const dir = join(FIXTURES, 'software');
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));

  it('MDNs pass the MDN structure rule; no client rule fails on what a client did not write', async () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const l = await lintBytes(f, readFileSync(join(dir, f)));
      expect(l.status).toBe('linted');
      const mdn = l.results.find((r) => r.rule.id === 'MSG-MDN-STRUCTURE')!.outcome.status;
      expect([f, mdn]).toEqual([f, f.startsWith('mdn-') ? 'pass' : 'not-applicable']);
      const structural = l.results.filter((r) => ['MSG-MIME-STRUCTURE', 'MSG-CONTENT-TYPE', 'MSG-MESSAGE-ID', 'MSG-UTF8'].includes(r.rule.id) && r.outcome.status === 'fail');
      expect([f, structural.map((r) => r.rule.id)]).toEqual([f, []]);
    }
  });
});

describe('after the INS derogation', () => {
  it('the generated messages with a qualified INS still raise no failure', async () => {
    const policy = policyWithDerogationEnded();
    for (const [name, data] of Object.entries(written)) {
      const l = await lintBytes(name, data, policy);
      expectNoFailure(`${name} (derogation ended)`, l);
    }
  });
});
