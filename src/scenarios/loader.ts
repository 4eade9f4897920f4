import { readdirSync, statSync } from 'node:fs';
import { phrase } from '../i18n/phrase.js';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, saying, type InputProblem } from '../util/input-error.js';
import { YamlFile } from '../util/yaml-file.js';
import { checkInputFolder } from '../util/input-file.js';
import { findProbe } from '../probes/registry.js';
import { checkScenarioReferences } from './check-references.js';
import type { ControlSpec, ScenarioInstance, ScenarioSpec } from './types.js';

/** The built-in catalogue: `scenarios/<family>/<id>.yaml` at the repository root. */
export const BUILTIN_SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Every `.yaml`/`.yml` file under `dir`, sorted, so that runs are reproducible. */
export function listScenarioFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Reads (or takes the already parsed `parsed`) and validates one scenario file (schema, then probe names and their inputs, then facts, operators and templates). */
export function loadScenarioFile(path: string, parsed?: YamlFile): { spec: ScenarioSpec; file: YamlFile<ScenarioSpec> } {
  const file = (parsed as YamlFile<ScenarioSpec> | undefined) ?? YamlFile.read<ScenarioSpec>(path, 'scenario');
  const spec = file.validate('scenario');
  // Checked when the package was built, byte for byte the same file (util/data-cache.ts).
  if (file.passedAtBuild(SCENARIO_CHECKS)) return { spec, file };
  const problems: InputProblem[] = [];
  const stepIds = new Set<string>();
  spec.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) problems.push(file.problem(`/steps/${i}/id`, saying(phrase('load-duplicate-step', { id: step.id }), phrase('load-duplicate-step-fix'))));
    stepIds.add(step.id);
    const probe = findProbe(step.probe);
    if (!probe) {
      problems.push(file.problem(`/steps/${i}/probe`, saying(phrase('load-unknown-probe', { probe: step.probe }), phrase('load-unknown-probe-fix'))));
      return;
    }
    const schema = probe.inputSchema as { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: boolean };
    const given = step.with ?? {};
    if (schema.additionalProperties === false && schema.properties) {
      for (const key of Object.keys(given)) {
        if (!(key in schema.properties)) {
          problems.push({
            ...file.problem(`/steps/${i}/with`, saying(phrase('load-no-input', { probe: probe.name, key }), phrase('flag-use-one-of', { values: Object.keys(schema.properties).join(', ') })), undefined, key),
            field: `/steps/${i}/with/${key}`,
          });
        }
      }
    }
    for (const key of schema.required ?? []) {
      if (!(key in given)) problems.push(file.problem(`/steps/${i}/with`, saying(phrase('load-needs-input', { probe: probe.name, key }), phrase('load-needs-input-fix', { key }))));
    }
  });
  const variantIds = new Set<string>();
  spec.variants?.forEach((v, i) => {
    if (variantIds.has(v.id)) problems.push(file.problem(`/variants/${i}/id`, saying(phrase('load-duplicate-variant', { id: v.id }), phrase('load-duplicate-variant-fix'))));
    variantIds.add(v.id);
  });
  for (const inst of instancesOf(spec, path, '')) {
    const c = inst.control;
    const where = spec.variants && spec.variants.find((v) => v.id === inst.variant)?.control ? `/variants/${spec.variants.findIndex((v) => v.id === inst.variant)}/control` : '/control';
    if (c && (c.step === undefined) === (c.scenario === undefined)) problems.push(file.problem(where, saying(phrase('load-control-either'), phrase('load-control-either-fix'))));
    if (c?.step !== undefined && !stepIds.has(c.step)) problems.push(file.problem(`${where}/step`, saying(inst.variant ? phrase('load-control-step-variant', { step: c.step, variant: inst.variant }) : phrase('load-control-step', { step: c.step }), phrase('load-name-one-of', { values: [...stepIds].join(', ') }))));
    if (c?.scenario?.includes('${') || c?.step?.includes('${')) problems.push(file.problem(where, saying(inst.variant ? phrase('load-control-var-variant', { variant: inst.variant }) : phrase('load-control-var'), phrase('ref-define-under-vars'))));
    if (c?.ifUnverified === 'skip' && !c.reason) problems.push(file.problem(where, saying(phrase('load-control-reason'), phrase('load-control-reason-fix'))));
    if (c?.meanwhile && c.scenario === undefined) problems.push(file.problem(`${where}/meanwhile`, saying(phrase('load-control-meanwhile-scenario'), phrase('load-control-meanwhile-scenario-fix'))));
    for (const [k, m] of (c?.meanwhile ?? []).entries()) {
      if (!stepIds.has(m)) problems.push(file.problem(`${where}/meanwhile/${k}`, saying(phrase('load-control-meanwhile-step', { step: m }), phrase('load-name-one-of', { values: [...stepIds].join(', ') }))));
    }
  }
  const seen = new Set<string>();
  for (const p of checkScenarioReferences(spec, findProbe)) {
    const key = `${p.field}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(file.problem(p.field, p));
  }
  if (problems.length) throw new InputError(problems);
  file.notePassed(SCENARIO_CHECKS);
  return { spec, file };
}

/** The loader's own checks (probes, inputs, variants, controls, facts and templates), as a data-cache mark. */
const SCENARIO_CHECKS = 'scenario-checks';

/** Expands a scenario into its runnable instances (one per variant, or itself). */
export function instancesOf(spec: ScenarioSpec, file: string, family: string): ScenarioInstance[] {
  const shared = spec.vars ?? {};
  if (!spec.variants) return [{ id: spec.id, scenarioId: spec.id, title: spec.title, family, file, spec, vars: { ...shared }, control: resolveControl(spec.control, shared) }];
  return spec.variants.map((v) => {
    const vars = { ...shared, ...v.vars };
    return {
      id: `${spec.id}/${v.id}`,
      scenarioId: spec.id,
      variant: v.id,
      title: v.title ? `${spec.title} (${v.title})` : `${spec.title} (${v.id})`,
      family,
      file,
      spec,
      vars,
      control: resolveControl(v.control ?? spec.control, vars),
    };
  });
}

/** A control with its `${var}` templates replaced (unknown variables are left as written, and reported by the loader). */
function resolveControl(control: ControlSpec | undefined, vars: Record<string, unknown>): ControlSpec | undefined {
  if (!control) return undefined;
  const sub = (s: string | undefined): string | undefined =>
    s?.replace(/\$\{([^}]+)\}/g, (whole, name: string) => (typeof vars[name.trim()] === 'string' ? String(vars[name.trim()]) : whole));
  return { ...control, scenario: sub(control.scenario), step: sub(control.step) };
}

export interface ScenarioSet {
  dir: string;
  scenarios: ScenarioSpec[];
  instances: ScenarioInstance[];
}

/**
 * Loads every scenario under `dir`. All files are checked before anything is reported, so the user
 * sees every problem at once; duplicate ids across files are refused.
 */
export function loadScenarios(dir: string = BUILTIN_SCENARIO_DIR): ScenarioSet {
  const root = resolve(dir);
  checkInputFolder(root, 'scenario', dir);
  const problems: InputProblem[] = [];
  const scenarios: ScenarioSpec[] = [];
  const instances: ScenarioInstance[] = [];
  const seen = new Map<string, string>();
  for (const path of listScenarioFiles(root)) {
    try {
      const { spec, file } = loadScenarioFile(path);
      const other = seen.get(spec.id);
      if (other) {
        problems.push(file.problem('/id', saying(phrase('load-duplicate-scenario', { id: spec.id, other }), phrase('load-duplicate-scenario-fix'))));
        continue;
      }
      seen.set(spec.id, path);
      const rel = relative(root, path);
      const family = dirname(rel) === '.' ? basename(path).split('-')[0].toLowerCase() : dirname(rel).split(/[\\/]/)[0];
      scenarios.push(spec);
      instances.push(...instancesOf(spec, path, family));
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  const byId = new Map(instances.map((i) => [i.id, i]));
  for (const i of instances) {
    const id = i.control?.scenario;
    if (id === undefined || id.includes('${')) continue;
    const target = byId.get(id);
    const at = { problem: (f: string, said: ReturnType<typeof saying>) => YamlFile.read<ScenarioSpec>(i.file, 'scenario').problem(f, said) };
    i.controlInstance = target;
    if (!target) problems.push(at.problem('/control', saying(phrase('load-control-missing', { id, of: i.id }), phrase('load-control-missing-fix'))));
    else if (target.control) problems.push(at.problem('/control', saying(phrase('load-control-negative', { id, of: i.id }), phrase('load-control-negative-fix'))));
  }
  if (problems.length) throw new InputError(problems);
  return { dir: root, scenarios, instances };
}

/**
 * Selects instances by `--only` (scenario ids, instance ids, or `ID*` prefixes) and `--tags`
 * (any of). An `--only` id that matches nothing, or a selection that leaves nothing to run, is an
 * input error listing what exists: a typo must not run nothing and say "conformant".
 */
export function selectInstances(all: ScenarioInstance[], only?: string[], tags?: string[]): ScenarioInstance[] {
  let selected = all;
  if (only && only.length) {
    const unknown = only.filter((o) => !all.some((i) => matchesId(i, o)));
    if (unknown.length) {
      throw new InputError({
        field: '--only',
        ...saying(phrase('select-no-match', { ids: unknown.map((u) => `"${u}"`).join(', ') }), phrase('select-no-match-fix')),
      });
    }
    selected = selected.filter((i) => only.some((o) => matchesId(i, o)));
  }
  if (tags && tags.length) {
    const known = new Set(all.flatMap((i) => [...i.spec.tags, i.family]));
    const unknown = tags.filter((t) => !known.has(t));
    selected = selected.filter((i) => i.spec.tags.some((t) => tags.includes(t)) || tags.includes(i.family));
    if (selected.length === 0) {
      throw new InputError({
        field: '--tags',
        ...saying(
          unknown.length
            ? phrase('select-unknown-tags', { count: unknown.length, tags: unknown.map((u) => `"${u}"`).join(', ') })
            : phrase(only?.length ? 'select-no-tag-in-only' : 'select-no-tag', { tags: tags.map((t) => `"${t}"`).join(', ') }),
          phrase('select-tags-fix', { tags: [...known].sort().join(', ') }),
        ),
      });
    }
  }
  // A run that selects nothing would say "conformant" about nothing.
  if (selected.length === 0 && all.length > 0 && (only?.length || tags?.length)) {
    throw new InputError({ field: only?.length ? '--only' : '--tags', ...saying(phrase('select-empty'), phrase('select-empty-fix')) });
  }
  // A negative scenario counts only with its positive control: selected controls run too.
  const ids = new Set(selected.map((i) => i.id));
  const controls = new Set(selected.map((i) => i.control?.scenario).filter((c): c is string => c !== undefined && !ids.has(c)));
  return controls.size ? all.filter((i) => ids.has(i.id) || controls.has(i.id)) : selected;
}

function matchesId(i: ScenarioInstance, pattern: string): boolean {
  if (pattern.endsWith('*')) return i.id.startsWith(pattern.slice(0, -1));
  return i.id === pattern || i.scenarioId === pattern;
}
