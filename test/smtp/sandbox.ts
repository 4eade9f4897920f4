import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PKI_DIR, pkiManifest } from '../../src/pki/fixtures.js';
import { smtpComponent } from '../../src/sandbox/smtp/index.js';
import type { SandboxServices } from '../../src/sandbox/types.js';
import type { ResolvedTarget, TargetProfile } from '../../src/target/profile.js';

/** The date the test PKI is built for (every valid item is valid on it). */
export const REFERENCE_AS_OF = new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`);

/** The sandbox SMTP component alone (no other component), with the given defects. */
export async function startSmtpSandbox(defects: string[] = [], services: SandboxServices = {}): Promise<{ target: ResolvedTarget; services: SandboxServices; stop(): Promise<void> }> {
  const workDir = mkdtempSync(join(tmpdir(), 'msscheck-smtp-test-'));
  const profile: TargetProfile = { operator: { name: 'sandbox' }, domains: ['sandbox.mssante.test'], endpoints: {}, trustAnchors: [] };
  const component = await smtpComponent.start({ defects: new Set(defects), host: '127.0.0.1', pkiDir: PKI_DIR, workDir, profile, services });
  component.contribute(profile);
  return {
    target: { profile, source: 'sandbox', baseDir: PKI_DIR, sandboxDefects: defects },
    services,
    stop: async () => {
      await component.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
