import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipFiles } from '../../src/evidence/archive.js';
import { parseStatement, sha256 } from '../../src/evidence/manifest.js';
import { runCli } from '../helpers/cli.js';

const FIXTURE = new URL('../../fixtures/messages/defect-codecda-missing.eml', import.meta.url).pathname;

describe('lint-message --bundle', { timeout: 30_000 }, () => {
  it('files the reports, the rules and policy used, and the linted message by SHA-256 only; it verifies', async () => {
    const r0 = await runCli(['--version']);
    copyFileSync(FIXTURE, join(r0.cwd, 'm.eml'));
    const r = await runCli(['lint-message', 'm.eml', '--as-of', '2025-06-01', '--format', 'json', '--bundle', 'lint.zip'], { cwd: r0.cwd });
    expect(r.code).toBe(1);
    JSON.parse(r.stdout); // stdout still carries only the JSON report
    expect(r.stderr).toMatch(/^bundle: lint\.zip \(\d+ files, sha256 [0-9a-f]{64}, unsigned\)\n$/);
    const { files } = unzipFiles(readFileSync(join(r0.cwd, 'lint.zip')));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['reports/report.json', 'inputs/message-rules/rules.yaml', 'inputs/policy/default.yaml']));
    expect([...files.keys()].some((n) => n.endsWith('.eml'))).toBe(false);
    const message = parseStatement(files.get('manifest.json')!).predicate.inputs.find((i) => i.role === 'message');
    expect(message?.sha256).toBe(sha256(readFileSync(FIXTURE)));
    expect(message?.source).toBe('m.eml');
    const v = await runCli(['verify', 'lint.zip'], { cwd: r0.cwd });
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('signature: unsigned');
    // a key given for an unsigned bundle is a failure, not a silent pass
    const signedOnly = await runCli(['lint-message', 'm.eml', '--format', 'json', '--sign-key', 'k.pem'], { cwd: r0.cwd });
    expect(signedOnly.code).toBe(2);
    expect(signedOnly.stderr).toContain('only a bundle is signed');
  });
});
