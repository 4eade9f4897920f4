/**
 * The CI examples in docs/ci parse as YAML and have what GitHub Actions and GitLab CI require, and
 * the msscheck commands in them are ones the CLI accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPORT_FORMATS } from '../../src/reporters/renderers.js';
import { runCli } from '../helpers/cli.js';

type Obj = Record<string, unknown>;
const load = (file: string) => parse(readFileSync(`docs/ci/${file}`, 'utf8'), { strict: true, uniqueKeys: true }) as Obj;

/** Every `msscheck …` command line in the example, for checking its flags against the CLI. */
function msscheckCommands(text: string): string[] {
  return [...text.matchAll(/msscheck (run|validate|lint-message)[^\n#]*/g)].map((m) => m[0].trim());
}

async function acceptedByCli(command: string): Promise<void> {
  const args = command.split(/\s+/).slice(1);
  const r = await runCli([...args.slice(0, 1), '--help']);
  expect(r.code, command).toBe(0);
  for (const flag of args.filter((a) => a.startsWith('--'))) expect(r.stdout, `${command}: ${flag}`).toContain(flag);
  const formats = /--format (\S+)/.exec(command)?.[1];
  for (const f of formats?.split(',') ?? []) expect(REPORT_FORMATS as readonly string[], f).toContain(f);
}

describe('CI examples in docs/ci', () => {
  it('GitHub Actions: a workflow with a trigger, a job on a runner, the run, SARIF upload and artifacts', async () => {
    const wf = load('github-actions.yml');
    expect(wf.on).toBeTruthy();
    expect((wf.permissions as Obj)['security-events']).toBe('write');
    const jobs = wf.jobs as Record<string, Obj>;
    expect(Object.keys(jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(jobs)) {
      expect(typeof job['runs-on']).toBe('string');
      const steps = job.steps as Obj[];
      for (const step of steps) expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
      expect(steps.some((s) => String(s.uses).startsWith('actions/checkout@'))).toBe(true);
      const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'))!;
      expect((upload.with as Obj).sarif_file).toMatch(/report\.sarif$/);
      expect(steps.some((s) => String(s.run ?? '').includes('msscheck run') && String(s.run).includes('sarif'))).toBe(true);
    }
    for (const c of msscheckCommands(readFileSync('docs/ci/github-actions.yml', 'utf8'))) await acceptedByCli(c);
  });

  it('GitLab CI: a job with a stage, an image, a script running msscheck and a JUnit report', async () => {
    const ci = load('gitlab-ci.yml');
    const stages = ci.stages as string[];
    const jobs = Object.entries(ci).filter(([k, v]) => !['stages', 'variables', 'default', 'include', 'workflow'].includes(k) && typeof v === 'object' && v !== null && 'script' in v);
    expect(jobs.length).toBeGreaterThan(0);
    for (const [, job] of jobs as [string, Obj][]) {
      expect(stages).toContain(job.stage);
      expect(typeof job.image).toBe('string');
      expect((job.script as string[]).some((l) => l.startsWith('msscheck run'))).toBe(true);
      const artifacts = job.artifacts as Obj;
      expect(artifacts.when).toBe('always');
      expect(((artifacts.reports as Obj).junit as string).endsWith('junit.xml')).toBe(true);
    }
    for (const c of msscheckCommands(readFileSync('docs/ci/gitlab-ci.yml', 'utf8'))) await acceptedByCli(c);
  });
});
