import { resolve } from 'node:path';
import { localiseSourceCitation } from '../../i18n/source-citation.js';
import { phrase } from '../../i18n/phrase.js';
import { explainRequirement, loadRequirementCatalogue, renderRequirementExplanation, scenarioRefs, findRequirement, type Requirement } from '../../policy/index.js';
import { listDefects } from '../../sandbox/operator.js';
import { loadScenarios } from '../../scenarios/loader.js';
import type { ScenarioSpec } from '../../scenarios/types.js';
import { InputError, saying } from '../../util/input-error.js';
import { closest } from '../../util/did-you-mean.js';
import type { Io } from '../main.js';
import { translator } from '../../i18n/index.js';
import { localise, type DataLocaliser } from '../../i18n/data.js';
import { assertionKeys } from '../../i18n/data-texts.js';

export interface ExplainFlags {
  scenarios?: string;
  json?: boolean;
}

/** `msscheck explain ID`: a scenario (or one of its variants) or a requirement, in full. */
export function explainCommand(id: string, flags: ExplainFlags, io: Io): number {
  const set = loadScenarios(flags.scenarios ? resolve(io.cwd, flags.scenarios) : undefined);
  const catalogue = loadRequirementCatalogue();
  // Ids are matched case-insensitively (`explain tls-versions`); an exact match wins.
  const lower = id.toLowerCase();
  const instance =
    set.instances.find((i) => i.id === id || i.scenarioId === id) ?? set.instances.find((i) => i.id.toLowerCase() === lower || i.scenarioId.toLowerCase() === lower);
  if (instance) {
    const spec = instance.spec;
    // JSON keeps the data as written (English); the text is in the user's language.
    const loc = localise(flags.json ? 'en' : (io.lang ?? 'en'));
    const instances = set.instances.filter((i) => i.scenarioId === spec.id).map((i) => i.id);
    const defects = listDefects().filter((d) => d.fails.some((f) => instances.includes(f))).map((d) => ({ name: d.name, fails: d.fails.filter((f) => instances.includes(f)) }));
    const requirements = spec.requirements.map((r) => {
      const req = findRequirement(catalogue, r);
      return { id: r, summary: req ? loc.requirementSummary(r, req.summary) : translator(loc.lang).t('explain-not-in-catalogue'), confidence: req?.confidence, source: req?.source };
    });
    if (flags.json) io.stdout.write(`${JSON.stringify({ scenario: spec, file: instance.file, instances, requirements, sandboxDefects: defects }, null, 2)}\n`);
    else io.stdout.write(renderScenario(spec, instance.file, instances, requirements, defects, loc));
    return 0;
  }
  const explanation = explainRequirement(catalogue, id, scenarioRefs(set.scenarios));
  if (explanation) {
    if (flags.json) io.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
    else {
      const loc = localise(io.lang ?? 'en');
      const req = (r: Requirement): Requirement => ({ ...r, summary: loc.requirementSummary(r.id, r.summary), source: localiseSourceCitation(r.source, translator(loc.lang)), ...(r.assumption ? { assumption: loc.requirementAssumption(r.id, r.assumption) } : {}) });
      const title = <T extends { id: string; title?: string }>(s: T): T => (s.title === undefined ? s : { ...s, title: loc.scenarioTitle(s.id, s.title) });
      io.stdout.write(
        renderRequirementExplanation({
          requirement: req(explanation.requirement),
          twins: explanation.twins.map(req),
          scenarios: explanation.scenarios.map(title),
          scenariosViaTwins: explanation.scenariosViaTwins.map(title),
        }, translator(loc.lang)),
      );
    }
    return 0;
  }
  const near = closest(id, [...new Set(set.instances.flatMap((i) => [i.scenarioId, i.id])), ...catalogue.requirements.map((r) => r.id)]);
  throw new InputError({
    field: 'ID',
    ...saying(near.length ? phrase('explain-unknown-near', { id, near: near.join(', ') }) : phrase('explain-unknown', { id }), phrase('explain-unknown-fix')),
  });
}

function renderScenario(
  spec: ScenarioSpec,
  file: string,
  instances: string[],
  requirements: { id: string; summary: string; confidence?: string }[],
  defects: { name: string; fails: string[] }[],
  loc: DataLocaliser,
): string {
  const tr = translator(loc.lang);
  const out: string[] = [];
  out.push(`${spec.id}  ${loc.scenarioTitle(spec.id, spec.title)}`);
  out.push(`  ${tr.t('explain-meta', { severity: tr.t(`severity-${spec.severity}`), tags: spec.tags.join(', ') || '-' })}${spec.confidence ? `; ${tr.t('explain-confidence', { confidence: spec.confidence })}` : ''}`);
  out.push(`  ${tr.t('explain-file', { file })}`);
  if (spec.description) out.push(`  ${loc.scenarioDescription(spec.id, spec.description)}`);
  if (spec.assumption) out.push(`  ${tr.t('explain-assumption', { text: loc.scenarioAssumption(spec.id, spec.assumption) })}`);
  out.push(`  ${tr.t('explain-requirements')}`);
  for (const r of requirements) out.push(`    ${r.id}${r.confidence ? ` [${r.confidence}]` : ''}  ${r.summary}`);
  if (instances.length > 1 || instances[0] !== spec.id) out.push(`  ${tr.t('explain-instances', { list: instances.join(', ') })}`);
  for (const c of spec.appliesTo ?? []) out.push(`  ${tr.t('explain-applies', { condition: `${c.path} ${c.op}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}` })}`);
  out.push(`  ${tr.t('explain-steps')}`);
  const keys = assertionKeys(spec);
  for (const s of spec.steps) {
    out.push(`    ${s.id}: ${s.probe}${s.title ? `  (${s.title})` : ''}`);
    for (const a of s.expect ?? []) {
      const key = keys.find((k) => k.assertion === a)!.key;
      const description = loc.text('scenarios', [spec.id, 'assertions', key], a.description);
      out.push(`      ${tr.t(a.level === 'warn' ? 'explain-warn' : 'explain-must')}: ${description}  [${a.fact} ${a.op}${a.value === undefined ? '' : ` ${JSON.stringify(a.value)}`}]`);
    }
  }
  out.push(`  ${tr.t(defects.length ? 'explain-defects' : 'explain-no-defects')}`);
  for (const d of defects) out.push(`    ${d.name} (${d.fails.join(', ')})`);
  return `${out.join('\n')}\n`;
}
