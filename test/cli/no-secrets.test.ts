import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { pkiManifest } from '../../src/pki/fixtures.js';
import { startSandbox } from '../../src/sandbox/operator.js';
import { runCli } from '../helpers/cli.js';

/** Every secret the sandbox hands out by `file:` reference: passwords, TOTP seed, client secret, keys, passphrases. */
function fileSecrets(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && value.startsWith('file:')) {
    const text = readFileSync(value.slice(5), 'utf8').trim();
    // A PEM key is checked line by line (its body), a short secret whole.
    out.push(...(text.includes('-----BEGIN') ? text.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----')) : [text]));
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) fileSecrets(v, out);
  return out;
}

describe('a full run writes no secret anywhere', () => {
  it('reports, stdout and stderr hold none of the secrets the run used, nor any token, and say that redaction happened', async () => {
    const sandbox = await startSandbox();
    try {
      const cwd = mkdtempSync(join(tmpdir(), 'msscheck-secrets-'));
      writeFileSync(join(cwd, 'target.yaml'), stringify(sandbox.target.profile));
      const secrets = fileSecrets(sandbox.target.profile);
      expect(secrets.length).toBeGreaterThanOrEqual(6);
      const r = await runCli(['run', '--target', 'target.yaml', '--as-of', pkiManifest().referenceAsOf, '--out', 'out'], { cwd });
      expect(r.code).toBe(0);
      const outputs = [r.stdout, r.stderr, ...readdirSync(join(cwd, 'out')).map((f) => readFileSync(join(cwd, 'out', f), 'utf8'))].join('\n');
      for (const s of secrets) {
        expect(outputs.includes(s), `a secret (${s.length} chars) leaked`).toBe(false);
        expect(outputs.includes(Buffer.from(s).toString('base64'))).toBe(false);
      }
      expect(outputs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./); // no JWT (access or id token)
      expect(outputs).not.toMatch(/PRIVATE KEY-----\s*[A-Za-z0-9+/]{16}/);
      const report = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8'));
      expect(report.redaction.applied).toBe(true);
      expect(report.redaction.secretsRedacted).toBeGreaterThan(0);
      // Positive control: the runs did send SASL payloads, and they show redacted.
      expect(outputs).toMatch(/AUTHENTICATE XOAUTH2 \[REDACTED\]/);
    } finally {
      await sandbox.stop();
    }
  });
});
