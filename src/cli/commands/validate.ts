import { resolve } from 'node:path';
import { loadScenarioFile } from '../../scenarios/loader.js';
import { loadTargetFile } from '../../target/profile.js';
import { loadPolicy } from '../../policy/load-policy.js';
import { InputError } from '../../util/input-error.js';
import { YamlFile } from '../../util/yaml-file.js';
import type { Io } from '../main.js';

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

const LOADERS: Record<Kind, (path: string) => unknown> = {
  scenario: loadScenarioFile,
  target: loadTargetFile,
  policy: loadPolicy,
};

/** `msscheck validate FILES`: every file is checked; exit 2 when any is invalid. */
export function validateCommand(files: string[], io: Io): number {
  let bad = 0;
  for (const f of files) {
    const path = resolve(io.cwd, f);
    try {
      const kind = detectKind(YamlFile.read(path, 'input').data);
      if (!kind) {
        throw new InputError({ file: f, line: 1, message: 'cannot tell whether this is a scenario, a target profile or a policy', fix: 'add a $schema line naming scenario.schema.json, target.schema.json or policy.schema.json' });
      }
      LOADERS[kind](path);
      io.stdout.write(`ok       ${f} (${kind})\n`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad++;
      io.stdout.write(`invalid  ${f}\n${err.message.replace(/^/gm, '  ')}\n`);
    }
  }
  io.stdout.write(`${files.length - bad} valid, ${bad} invalid\n`);
  return bad ? 2 : 0;
}
