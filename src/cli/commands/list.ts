import { resolve } from 'node:path';
import { PROBES } from '../../probes/registry.js';
import { loadScenarios, selectInstances } from '../../scenarios/loader.js';
import { localise } from '../../i18n/data.js';
import { instanceTitle } from '../../i18n/localise-report.js';
import type { Io } from '../main.js';
import { parseList } from '../options.js';

export interface ListFlags {
  scenarios?: string;
  tags?: string;
  probes?: boolean;
  json?: boolean;
}

/** `msscheck list`: the scenario instances (or probes), one per line. */
export function listCommand(flags: ListFlags, io: Io): number {
  if (flags.probes) {
    const rows = PROBES.map((p) => ({ name: p.name, summary: p.summary, input: p.inputSchema, facts: p.facts }));
    if (flags.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      const loc = localise(io.lang ?? 'en');
      for (const r of rows) io.stdout.write(`${r.name.padEnd(28)} ${loc.probeSummary(r.name, r.summary)}\n`);
    }
    return 0;
  }
  const set = loadScenarios(flags.scenarios ? resolve(io.cwd, flags.scenarios) : undefined);
  const instances = selectInstances(set.instances, undefined, parseList(flags.tags));
  const rows = instances.map((i) => ({ id: i.id, severity: i.spec.severity, requirements: i.spec.requirements, tags: i.spec.tags, title: i.title }));
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(10, ...rows.map((r) => r.id.length));
  const loc = localise(io.lang ?? 'en');
  for (const [n, r] of rows.entries()) io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${instanceTitle(instances[n]!, loc)}  [${r.requirements.join(', ')}]\n`);
  io.stdout.write(`${rows.length} scenario instance(s) from ${set.scenarios.length} scenario(s)\n`);
  return 0;
}
