import { readdirSync, statSync } from 'node:fs';
import { phrase } from '../i18n/phrase.js';
import { basename, extname, join, relative, resolve } from 'node:path';
import { listDefects } from '../sandbox/operator.js';
import { loadTargetFile, type ResolvedTarget } from '../target/profile.js';
import { InputError, saying } from '../util/input-error.js';
import type { Policy } from '../policy/types.js';

/**
 * One target of a fleet run: a target profile file, or the built-in sandbox with named defects
 * (`sandbox` or `sandbox:defect+defect`, for demonstrations and tests).
 */
export type FleetEntry =
  | { id: string; kind: 'profile'; path: string; target: ResolvedTarget }
  | { id: string; kind: 'sandbox'; defects: string[] };

const PROFILE_EXTENSIONS = new Set(['.yaml', '.yml']);

/** The profile files a `--targets` folder holds: `*.yaml`/`*.yml`, recursively, in a stable order. */
function profilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...profilesIn(path));
    else if (st.isFile() && PROFILE_EXTENSIONS.has(extname(name))) out.push(path);
  }
  return out;
}

/** A target's id in a fleet: its file name without extension (`chu-rennes.yaml` → `chu-rennes`). */
export function profileId(path: string): string {
  return basename(path, extname(path));
}

/**
 * Reads every `--targets` argument (files, folders, `sandbox[:defects]`) into fleet entries, each
 * profile validated as `run --target` would. Ids must be unique: two files with one name in two
 * folders are an input error naming both.
 */
export function loadFleetEntries(specs: string[], cwd: string, policy?: Policy): FleetEntry[] {
  const entries: FleetEntry[] = [];
  const where = new Map<string, string>();
  const add = (entry: FleetEntry, from: string): void => {
    const before = where.get(entry.id);
    if (before !== undefined) {
      throw new InputError({ field: '--targets', ...saying(phrase('fleet-duplicate-id', { id: entry.id, first: before, second: from }), phrase('fleet-duplicate-id-fix')) });
    }
    where.set(entry.id, from);
    entries.push(entry);
  };
  for (const spec of specs) {
    if (spec === 'sandbox' || spec.startsWith('sandbox:')) {
      const defects = spec === 'sandbox' ? [] : spec.slice('sandbox:'.length).split('+').filter(Boolean);
      const known = new Set(listDefects().map((d) => d.name));
      const unknown = defects.filter((d) => !known.has(d));
      if (unknown.length) throw new InputError({ field: '--targets', ...saying(phrase('fleet-unknown-defect', { spec, names: unknown.join(', ') }), phrase('sandbox-unknown-defects-fix')) });
      add({ id: ['sandbox', ...defects].join('+'), kind: 'sandbox', defects }, spec);
      continue;
    }
    const path = resolve(cwd, spec);
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new InputError({ field: '--targets', ...saying(phrase('fleet-no-such-path', { spec }), phrase('fleet-no-such-path-fix')) });
    }
    const files = st.isDirectory() ? profilesIn(path) : [path];
    if (st.isDirectory() && files.length === 0) {
      throw new InputError({ field: '--targets', ...saying(phrase('fleet-empty-folder', { spec }), phrase('fleet-empty-folder-fix')) });
    }
    for (const file of files) add({ id: profileId(file), kind: 'profile', path: file, target: loadTargetFile(file, undefined, policy) }, relative(cwd, file) || file);
  }
  if (entries.length === 0) throw new InputError({ field: '--targets', ...saying(phrase('fleet-no-target'), phrase('fleet-no-target-fix')) });
  return entries.sort((a, b) => a.id.localeCompare(b.id));
}
