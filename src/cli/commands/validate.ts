import { resolve } from 'node:path';
import { phrase } from '../../i18n/phrase.js';
import { loadScenarioFile } from '../../scenarios/loader.js';
import { loadTargetFile, type TargetProfile } from '../../target/profile.js';
import { preflightTarget, type HostResolver } from '../../target/preflight.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { InputError, saying } from '../../util/input-error.js';
import { YamlFile } from '../../util/yaml-file.js';
import type { Io } from '../main.js';
import { translator } from '../../i18n/index.js';

type Kind = 'scenario' | 'target' | 'policy';

/** Tells a scenario, a target profile and a policy file apart by `$schema`, else by their fields. */
export function detectKind(data: unknown): Kind | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const schema = typeof d.$schema === 'string' ? d.$schema : '';
  for (const k of ['scenario', 'target', 'policy'] as const) if (schema.includes(`${k}.schema.json`) || schema.includes(`/schemas/${k}/`)) return k;
  if ('steps' in d) return 'scenario';
  if ('endpoints' in d || 'operator' in d) return 'target';
  if ('means' in d || 'policyVersion' in d) return 'policy';
  return undefined;
}

const LOADERS: Record<Kind, (path: string, parsed: YamlFile) => unknown> = {
  scenario: loadScenarioFile,
  target: loadTargetFile,
  policy: loadPolicy,
};

export interface ValidateFlags {
  /** false with --no-preflight: schema checks only (no file, environment or DNS look-up). */
  preflight?: boolean;
}

/**
 * `msscheck validate FILES`: every file is checked against its schema; a target profile then gets a
 * preflight (files readable, `env:` references set, hosts resolvable) listing every problem at
 * once. Exit 2 when any file is invalid.
 */
export async function validateCommand(files: string[], io: Io, flags: ValidateFlags = {}, deps: { resolver?: HostResolver } = {}): Promise<number> {
  let bad = 0;
  const tr = translator(io.lang ?? 'en');
  for (const f of files) {
    const path = resolve(io.cwd, f);
    try {
      // Read and parsed once; the loaders validate the same parsed document.
      const yaml = YamlFile.read(path, 'input');
      const kind = detectKind(yaml.data);
      if (!kind) {
        throw new InputError({ file: f, line: 1, ...saying(phrase('validate-unknown-kind'), phrase('validate-unknown-kind-fix')) });
      }
      const loaded = LOADERS[kind](path, yaml);
      if (kind === 'target' && flags.preflight !== false) {
        const target = loaded as ReturnType<typeof loadTargetFile>;
        const problems = await preflightTarget(yaml as YamlFile<TargetProfile>, target.profile, target.baseDir, { env: io.env, resolver: deps.resolver, tr });
        if (problems.length > 0) throw new InputError(problems);
      }
      io.stdout.write(`${tr.t(kind === 'target' && flags.preflight !== false ? 'validate-ok-preflight' : 'validate-ok', { file: f, kind })}\n`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad++;
      io.stdout.write(`${tr.t('validate-invalid', { file: f })}\n${err.format(tr).replace(/^/gm, '  ')}\n`);
    }
  }
  io.stdout.write(`${tr.t('validate-totals', { valid: files.length - bad, invalid: bad })}\n`);
  return bad ? 2 : 0;
}
