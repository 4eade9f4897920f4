import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, type InputProblem } from '../util/input-error.js';
import { YamlFile } from '../util/yaml-file.js';
import type { Policy, PolicyFileData, ScheduleEntry } from './types.js';

/** The built-in policy: `policy/default.yaml` at the repository root. */
export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../policy/default.yaml', import.meta.url));
/** Folder of the policies shipped with msscheck. */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('../../policy/', import.meta.url));

/**
 * Loads a policy file (default: the built-in one), validates it against
 * `schemas/policy.schema.json`, then checks what a schema cannot say: every referenced means,
 * context and source exists, ids are unique, no range is inverted and no two ranges of the same
 * means and context overlap. Any problem is an InputError naming the file and the line.
 */
export function loadPolicy(path?: string, parsed?: YamlFile): Policy {
  const file = (parsed as YamlFile<PolicyFileData> | undefined) ?? YamlFile.read<PolicyFileData>(path ?? DEFAULT_POLICY_PATH, 'policy');
  return policyFromFile(file, path === undefined || resolve(path) === DEFAULT_POLICY_PATH ? 'built-in' : path);
}

/** Parses and validates policy text (for tests and `msscheck validate` on in-memory input). */
export function parsePolicy(path: string, text: string): Policy {
  return policyFromFile(YamlFile.parse<PolicyFileData>(path, text, 'policy'), path);
}

function policyFromFile(file: YamlFile<PolicyFileData>, source: string): Policy {
  const data = file.validate('policy');
  const problems = semanticProblems(file, data);
  if (problems.length) throw new InputError(problems);
  return {
    ...data,
    rules: data.rules ?? [],
    versioned: { id: data.id, version: data.version, source },
  };
}

function semanticProblems(file: YamlFile<PolicyFileData>, data: PolicyFileData): InputProblem[] {
  const problems: InputProblem[] = [];
  const rules = data.rules ?? [];

  const uniqueIds = (items: { id: string }[], pointer: string, what: string, seen = new Map<string, string>()): Map<string, string> => {
    items.forEach((item, i) => {
      const here = `${pointer}/${i}`;
      const other = seen.get(item.id);
      if (other !== undefined) {
        const line = file.problem(`${other}/id`, '').line;
        problems.push(file.problem(`${here}/id`, `duplicate ${what} id "${item.id}" (first used at line ${line ?? '?'})`, `give this ${what} its own id`));
      } else seen.set(item.id, here);
    });
    return seen;
  };
  const sourceIds = new Set(uniqueIds(data.sources, '/sources', 'source').keys());
  const contextIds = new Set(uniqueIds(data.contexts, '/contexts', 'context').keys());
  const meansIds = new Set(uniqueIds(data.means, '/means', 'means').keys());
  const ruleIds = uniqueIds(data.schedule, '/schedule', 'schedule entry');
  uniqueIds(rules, '/rules', 'rule', ruleIds);

  const known = (ids: Set<string>): string => [...ids].join(', ');
  data.schedule.forEach((entry, i) => {
    entry.means.forEach((m, j) => {
      if (!meansIds.has(m)) {
        problems.push(file.problem(`/schedule/${i}/means/${j}`, `unknown means "${m}"`, `use one of: ${known(meansIds)} (or declare it under means:)`));
      }
    });
    entry.contexts.forEach((c, j) => {
      if (!contextIds.has(c)) {
        problems.push(file.problem(`/schedule/${i}/contexts/${j}`, `unknown context "${c}"`, `use one of: ${known(contextIds)} (or declare it under contexts:)`));
      }
    });
  });
  const checkDatedItem = (item: { source: string; from?: string; to?: string }, pointer: string): void => {
    if (!sourceIds.has(item.source)) {
      problems.push(file.problem(`${pointer}/source`, `unknown source "${item.source}"`, `use one of: ${known(sourceIds)} (or declare it under sources:)`));
    }
    if (item.from !== undefined && item.to !== undefined && item.from > item.to) {
      problems.push(file.problem(`${pointer}/to`, `inverted date range: from ${item.from} is after to ${item.to}`, 'swap the dates, or correct the one that is wrong'));
    }
  };
  data.schedule.forEach((e, i) => checkDatedItem(e, `/schedule/${i}`));
  rules.forEach((r, i) => checkDatedItem(r, `/rules/${i}`));
  problems.push(...overlapProblems(file, data.schedule));
  return problems;
}

/** Two entries giving a status to the same means in the same context on the same day. */
function overlapProblems(file: YamlFile<PolicyFileData>, schedule: ScheduleEntry[]): InputProblem[] {
  const byKey = new Map<string, number[]>();
  schedule.forEach((e, i) => {
    if (e.from !== undefined && e.to !== undefined && e.from > e.to) return; // reported as inverted
    for (const m of e.means) for (const c of e.contexts) {
      const key = `${m}\u0000${c}`;
      byKey.set(key, [...(byKey.get(key) ?? []), i]);
    }
  });
  const reported = new Set<string>();
  const problems: InputProblem[] = [];
  for (const [key, indexes] of byKey) {
    const [means, context] = key.split('\u0000');
    const sorted = [...indexes].sort((a, b) => (schedule[a].from ?? '') < (schedule[b].from ?? '') ? -1 : (schedule[a].from ?? '') > (schedule[b].from ?? '') ? 1 : a - b);
    // Walk by start date, comparing each entry with the one that reaches furthest so far.
    let widest = sorted[0];
    for (let k = 1; k < sorted.length; k++) {
      const cur = sorted[k];
      const widestEnd = schedule[widest].to ?? '9999-12-31';
      const curStart = schedule[cur].from ?? '0000-01-01';
      if (curStart <= widestEnd) {
        const [earlier, later] = [widest, cur].sort((x, y) => x - y);
        const pair = `${earlier}:${later}`;
        if (!reported.has(pair)) {
          reported.add(pair);
          const otherLine = file.problem(`/schedule/${earlier}`, '').line;
          const pointer = schedule[later].from !== undefined ? `/schedule/${later}/from` : `/schedule/${later}`;
          problems.push(
            file.problem(
              pointer,
              `date range ${span(schedule[later])} of "${schedule[later].id}" overlaps ${span(schedule[earlier])} of "${schedule[earlier].id}" (line ${otherLine ?? '?'}) for means ${means} in context ${context}`,
              'make the ranges follow each other: end one the day before the other starts',
            ),
          );
        }
      }
      if ((schedule[cur].to ?? '9999-12-31') > widestEnd) widest = cur;
    }
  }
  return problems;
}

function span(e: { from?: string; to?: string }): string {
  return `${e.from ?? '(always)'}..${e.to ?? '(open)'}`;
}
