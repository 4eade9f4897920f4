import { resolve } from 'node:path';
import { translator } from '../../i18n/index.js';
import { localise } from '../../i18n/data.js';
import { loadRequirementCatalogue, renderCoverage, requirementCoverage, scenarioRefs } from '../../policy/index.js';
import { loadScenarios } from '../../scenarios/loader.js';
import type { Io } from '../main.js';

export interface RequirementsFlags {
  coverage?: boolean;
  scenarios?: string;
  json?: boolean;
}

/** `msscheck requirements [--coverage]`: the catalogue, or which requirements have scenarios. */
export function requirementsCommand(flags: RequirementsFlags, io: Io): number {
  const catalogue = loadRequirementCatalogue();
  if (flags.coverage) {
    const set = loadScenarios(flags.scenarios ? resolve(io.cwd, flags.scenarios) : undefined);
    const coverage = requirementCoverage(catalogue, scenarioRefs(set.scenarios));
    io.stdout.write(flags.json ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverage(coverage, translator(io.lang ?? 'en')));
    return 0;
  }
  const rows = catalogue.requirements.map((r) => ({ id: r.id, document: r.documentId, confidence: r.confidence, summary: r.summary }));
  if (flags.json) io.stdout.write(`${JSON.stringify({ catalogue: catalogue.versioned, requirements: rows }, null, 2)}\n`);
  else {
    io.stdout.write(`${catalogue.title} (${catalogue.versioned.id} ${catalogue.versioned.version})\n`);
    const width = Math.max(...rows.map((r) => r.id.length));
    const loc = localise(io.lang ?? 'en');
    for (const r of rows) io.stdout.write(`${r.id.padEnd(width)}  [${r.confidence}]  ${loc.requirementSummary(r.id, r.summary)}\n`);
  }
  return 0;
}
