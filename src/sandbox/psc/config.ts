import { fileURLToPath } from 'node:url';
import { YamlFile } from '../../util/yaml-file.js';
import type { PscTestRole } from '../../target/profile.js';

/** One test identity of the sandbox Pro Santé Connect (psc-sandbox.yaml). */
export interface PscIdentity {
  nationalId: string;
  address: string;
  /** The role its mailbox plays in the CIBA scenarios (the target profile's pscTestRole). */
  pscTestRole: PscTestRole;
  name: { given: string; family: string };
  profession: string;
  /** What the simulated authentication device does with a CIBA request. */
  behaviour: 'approve' | 'deny' | 'ignore';
  delayMs: number;
  acr: string;
  requestTtlSeconds: number;
  accessTokenTtlSeconds?: number;
}

/** The sandbox provider's settings (psc-sandbox.yaml, schemas/psc-sandbox.schema.json). */
export interface PscSandboxConfig {
  realmPath: string;
  scopes: string[];
  acrValuesSupported: string[];
  acceptedAcr: string[];
  mailAudience: string;
  otherAudiences: string[];
  accessTokenTtlSeconds: number;
  cibaIntervalSeconds: number;
  slowDownIncrementSeconds: number;
  pollToleranceMs: number;
  client: { clientId: string; secretFile: string };
  identities: PscIdentity[];
}

export const PSC_CONFIG_FILE = fileURLToPath(new URL('./psc-sandbox.yaml', import.meta.url));

/** Reads and validates the sandbox provider's data file; a bad file is an InputError. */
export function loadPscConfig(path: string = PSC_CONFIG_FILE): PscSandboxConfig {
  return YamlFile.read<PscSandboxConfig>(path, 'sandbox PSC settings').validate('psc-sandbox');
}
