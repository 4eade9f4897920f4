import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pscComponent } from '../../src/sandbox/psc/index.js';
import type { SandboxComponent, SandboxServices } from '../../src/sandbox/types.js';
import type { ResolvedTarget, TargetProfile } from '../../src/target/profile.js';

export interface RunningPsc {
  target: ResolvedTarget;
  profile: TargetProfile;
  services: SandboxServices;
  /** Live: tests switch defects on and off (the verifier reads it at each call). */
  defects: Set<string>;
  stop(): Promise<void>;
}

/** Starts the PSC component alone, as the sandbox operator would, on 127.0.0.1 port 0. */
export async function startPscAlone(defects: string[] = []): Promise<RunningPsc> {
  const workDir = mkdtempSync(join(tmpdir(), 'msscheck-psc-test-'));
  const profile: TargetProfile = { operator: { name: 'psc test' }, domains: ['sandbox.mssante.test'], endpoints: {}, auth: { declared: [] }, mailboxes: [] };
  const services: SandboxServices = {};
  const live = new Set(defects);
  const component: SandboxComponent = await pscComponent.start({ defects: live, host: '127.0.0.1', pkiDir: workDir, workDir, profile, services });
  component.contribute(profile);
  return {
    target: { profile, source: 'sandbox', baseDir: workDir, sandboxDefects: defects },
    profile,
    services,
    defects: live,
    async stop() {
      await component.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Starts the PSC component before the file's tests and stops it after them; the getter returns it. */
export function pscForTests(defects: string[] = []): () => RunningPsc {
  let psc: RunningPsc | undefined;
  beforeAll(async () => {
    psc = await startPscAlone(defects);
  });
  afterAll(async () => {
    await psc?.stop();
  });
  return () => psc!;
}
