/**
 * The critical path of a run, read from its report.json: each scenario's and step's start and end
 * in milliseconds from the first scenario's start, and the chains a negative scenario waits on (its
 * positive control, see src/engine/run.ts). Steps run one after the other within a scenario, so a
 * step starts where the previous one ended (the report keeps each step's duration, not its start),
 * except a negative's first step outside its `control.meanwhile`, which starts once its control ended.
 *
 *   node bin/run-ts.js bench/timeline.ts REPORT.json [--top N]
 *
 * The catalogue benchmark (bench/catalogue.ts) prints the same chains for its median run.
 */
import { readFileSync } from 'node:fs';
import type { Report, ScenarioResult } from '../src/model/result.js';

export interface TimedStep {
  id: string;
  start: number;
  end: number;
  status: string;
}

export interface TimedScenario {
  id: string;
  start: number;
  end: number;
  steps: TimedStep[];
  /** The scenario this one waited for before starting (its positive control), when another instance. */
  waitedFor?: string;
}

/**
 * Each scenario's and step's start and end, in ms from the first scenario's start; latest end first.
 * `meanwhile`: per scenario instance, the steps that run while its positive control runs (the
 * catalogue's `control.meanwhile`); its first other step starts no earlier than the control's end.
 */
export function timeline(report: Pick<Report, 'scenarios'>, meanwhile: (id: string) => readonly string[] = () => []): TimedScenario[] {
  const t0 = Math.min(...report.scenarios.map((s) => Date.parse(s.startedAt)));
  const endOf = new Map(report.scenarios.map((s) => [s.id, Date.parse(s.startedAt) - t0 + s.durationMs]));
  return report.scenarios
    .map((s: ScenarioResult): TimedScenario => {
      const start = Date.parse(s.startedAt) - t0;
      const control = s.control?.id;
      const waitsFor = control && !control.startsWith('step:') ? control : undefined;
      const prepared = new Set(meanwhile(s.id));
      let at = start;
      let gated = waitsFor === undefined || prepared.size === 0;
      const steps = s.steps.map((st) => {
        if (!gated && st.status !== 'not-run' && !prepared.has(st.id)) {
          gated = true;
          at = Math.max(at, endOf.get(waitsFor!) ?? at);
        }
        const step = { id: st.id, start: at, end: at + st.durationMs, status: st.status };
        at = step.end;
        return step;
      });
      return { id: s.id, start, end: start + s.durationMs, steps, ...(waitsFor ? { waitedFor: waitsFor } : {}) };
    })
    .sort((a, b) => b.end - a.end);
}

/** The chain ending at a scenario: the controls it waited for, first one first. */
export function chainOf(id: string, byId: Map<string, TimedScenario>): TimedScenario[] {
  const chain: TimedScenario[] = [];
  for (let s = byId.get(id); s && !chain.includes(s); s = s.waitedFor ? byId.get(s.waitedFor) : undefined) chain.unshift(s);
  return chain;
}

/** The built-in catalogue's `control.meanwhile` steps, per scenario instance id. */
export async function catalogueMeanwhile(): Promise<(id: string) => readonly string[]> {
  const { loadScenarios } = await import('../src/scenarios/loader.js');
  const byId = new Map(loadScenarios().instances.map((i) => [i.id, i.control?.meanwhile ?? []]));
  return (id) => byId.get(id) ?? [];
}

/** One line per chain: `control 0→510 [token 0→505] → negative 890→1150 [...]`. */
export function describeChains(report: Pick<Report, 'scenarios'>, top = 12, meanwhile?: (id: string) => readonly string[]): string[] {
  const all = timeline(report, meanwhile);
  const byId = new Map(all.map((s) => [s.id, s]));
  const steps = (s: TimedScenario): string => (s.steps.length ? ` [${s.steps.filter((st) => st.status !== 'not-run').map((st) => `${st.id} ${st.start}→${st.end}`).join(', ')}]` : '');
  return all.slice(0, top).map((s) => chainOf(s.id, byId).map((c) => `${c.id} ${c.start}→${c.end}${steps(c)}`).join('  ⇒  '));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: node bin/run-ts.js bench/timeline.ts REPORT.json [--top N]\n');
    process.exit(2);
  }
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  for (const line of describeChains(report, top, await catalogueMeanwhile())) process.stdout.write(`${line}\n`);
}
