/** What a `run` files in its evidence bundle: the inputs it actually used, by path. */
import type { BundleSources } from '../evidence/bundle.js';
import type { Report } from '../model/result.js';
import { BUILTIN_CATALOGUE_DIR, DEFAULT_POLICY_PATH } from '../policy/index.js';
import { DEFAULT_CIPHER_POLICY } from '../probes/tls/cipher-policy.js';
import { resolve } from 'node:path';
import { BUILTIN_SCENARIO_DIR } from '../scenarios/loader.js';
import type { ScenarioInstance } from '../scenarios/types.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import { targetPath, type ResolvedTarget } from '../target/profile.js';
import type { Redactor } from '../util/redact.js';
import type { Translator } from '../i18n/index.js';
import { existsSync, statSync } from 'node:fs';

export interface RunBundleInput {
  report: Report;
  target: ResolvedTarget;
  scenarios: ScenarioSet;
  instances: readonly ScenarioInstance[];
  /** `--policy`, resolved; the default policy otherwise. */
  policyFile?: string;
  redactor: Redactor;
  tr?: Translator;
}

/** The public files a profile names (trust anchors, liste blanche) that exist; never keys or secrets. */
function publicTargetFiles(target: ResolvedTarget): string[] {
  if (target.source === 'sandbox') return [];
  const p = target.profile;
  const named = [...(p.trustAnchors ?? []), ...(p.endpoints.oidc?.trustAnchors ?? []), ...(p.whitelist ? [p.whitelist] : [])];
  return named.map((f) => targetPath(target, f)).filter((f) => existsSync(f) && statSync(f).isFile());
}

export function runBundleSources(r: RunBundleInput): BundleSources {
  const cat = r.report.catalogue.source;
  return {
    report: r.report,
    target: { profile: r.target.profile, source: r.target.source },
    catalogueDir: cat === 'built-in' ? BUILTIN_CATALOGUE_DIR : cat,
    policyFile: r.policyFile ?? DEFAULT_POLICY_PATH,
    cipherPolicyFile: r.target.profile.cipherPolicy ? targetPath(r.target, r.target.profile.cipherPolicy) : DEFAULT_CIPHER_POLICY,
    scenarios: { dir: r.scenarios.dir, builtIn: resolve(r.scenarios.dir) === resolve(BUILTIN_SCENARIO_DIR), files: r.instances.map((i) => i.file) },
    targetFiles: publicTargetFiles(r.target),
    redact: (s) => r.redactor.redact(s),
    tr: r.tr,
  };
}
