import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** The recipes run the published package, cut by `--shard I/N`, and merge with `merge-reports`. */
describe('fleet recipes for engines people already run', () => {
  it('GitHub Actions: a matrix of N shards of the pinned package, then one merge', () => {
    const text = readFileSync('docs/recipes/github-actions-fleet.yml', 'utf8');
    const wf = parse(text) as {
      on: unknown;
      env: Record<string, string>;
      jobs: Record<string, { needs?: string; strategy?: { 'fail-fast': boolean; matrix: { shard: number[] } }; steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
    };
    expect(wf.on).toBeTruthy();
    expect(wf.env.MSSCHECK_VERSION).toBe(pkg.version);
    const shards = wf.jobs.shard!.strategy!.matrix.shard;
    expect(shards).toEqual(Array.from({ length: Number(wf.env.SHARDS) }, (_, i) => i + 1));
    expect(wf.jobs.shard!.strategy!['fail-fast']).toBe(false);
    const run = wf.jobs.shard!.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('npx --yes "msscheck@${MSSCHECK_VERSION}" run --targets');
    expect(run).toContain('--shard "${{ matrix.shard }}/${SHARDS}"');
    expect(wf.jobs.merge!.needs).toBe('shard');
    const merge = wf.jobs.merge!.steps.map((s) => s.run ?? '').join('\n');
    expect(merge).toContain('merge-reports msscheck-shard-*');
    expect(merge).toContain('GITHUB_STEP_SUMMARY');
    for (const job of Object.values(wf.jobs)) for (const s of job.steps) expect(s.run ?? s.uses, JSON.stringify(s)).toBeTruthy();
  });

  it('Kubernetes: an Indexed Job whose pod i runs shard i+1 of N, and a merge Job', () => {
    const docs = parseAllDocuments(readFileSync('docs/recipes/kubernetes-indexed-job.yaml', 'utf8')).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> & { template: { spec: { restartPolicy: string; containers: { env?: { name: string; value: string }[]; args: string[] }[]; initContainers?: { command: string[] }[] } } } };
    });
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['batch/v1 Job', 'batch/v1 Job']);
    const [shards, merge] = docs as [(typeof docs)[0], (typeof docs)[0]];
    expect(shards.spec.completionMode).toBe('Indexed');
    const n = shards.spec.completions as number;
    expect(shards.spec.parallelism).toBe(n);
    const c = shards.spec.template.spec.containers[0]!;
    expect(shards.spec.template.spec.restartPolicy).toBe('Never');
    expect(c.env!.find((e) => e.name === 'SHARDS')!.value).toBe(String(n));
    expect(c.env!.find((e) => e.name === 'MSSCHECK_VERSION')!.value).toBe(pkg.version);
    const args = c.args.join(' ');
    expect(args).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/${SHARDS}"');
    expect(args).toContain('npx --yes "msscheck@${MSSCHECK_VERSION}" run --targets /targets');
    const m = merge.spec.template.spec;
    expect(m.containers[0]!.args.join(' ')).toContain('merge-reports /reports/shard-*');
    expect(m.initContainers![0]!.command.join(' ')).toContain(`-ge ${n} ]`);
  });
});
