import { mkdtempSync, rmSync } from 'node:fs';
import { phrase } from '../i18n/phrase.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, saying } from '../util/input-error.js';
import type { ResolvedTarget, TargetProfile } from '../target/profile.js';
import { COMPONENTS } from './components.js';
import type { DefectSpec, SandboxComponent, SandboxContext, SandboxLink, SandboxServices } from './types.js';

export const PKI_DIR = fileURLToPath(new URL('../../fixtures/pki/', import.meta.url));

/** Every defect the sandbox knows, from every component, sorted by name. */
export function listDefects(): DefectSpec[] {
  return COMPONENTS.flatMap((c) => c.defects).sort((a, b) => a.name.localeCompare(b.name));
}

export interface RunningSandbox {
  target: ResolvedTarget;
  defects: string[];
  services: SandboxServices;
  /** Scratch folder (secret files, stored messages), removed by `stop`. */
  workDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox operator in-process on 127.0.0.1 with ephemeral ports, with the named defects
 * switched on. An unknown defect name is an input error (exit 2).
 */
export async function startSandbox(options: { defects?: string[]; host?: string; storeDir?: string; onMessage?: SandboxContext['onMessage'] } = {}): Promise<RunningSandbox> {
  const defects = options.defects ?? [];
  const known = new Set(listDefects().map((d) => d.name));
  const unknown = defects.filter((d) => !known.has(d));
  if (unknown.length) {
    throw new InputError({
      field: '--sandbox-defects',
      ...saying(phrase('sandbox-unknown-defects', { count: unknown.length, names: unknown.join(', ') }), phrase('sandbox-unknown-defects-fix')),
    });
  }
  const workDir = mkdtempSync(join(tmpdir(), 'msscheck-sandbox-'));
  const profile: TargetProfile = {
    profileVersion: 1,
    operator: { name: 'msscheck sandbox operator', id: '00000000000000' },
    domains: ['sandbox.mssante.test'],
    sensitiveService: true,
    endpoints: {},
    auth: { declared: [] },
    mailboxes: [],
    trustAnchors: [],
  };
  const running: SandboxComponent[] = [];
  const services: SandboxServices = {};
  const stop = async (): Promise<void> => {
    for (const c of running.reverse()) await c.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    for (const factory of COMPONENTS) {
      const component = await factory.start({ defects: new Set(defects), host: options.host ?? '127.0.0.1', pkiDir: PKI_DIR, workDir, profile, services, storeDir: options.storeDir, onMessage: options.onMessage });
      running.push(component);
      component.contribute(profile);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  // A copy, as the worker's answer is: a probe never holds the live store.
  const link: SandboxLink = { messages: () => Promise.resolve([...(services.messageStore ?? [])]) };
  return { target: { profile, source: 'sandbox', baseDir: PKI_DIR, sandboxDefects: defects, sandboxServices: link }, defects, services, workDir, stop };
}
