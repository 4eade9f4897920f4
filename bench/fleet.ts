/**
 * Benchmark: a fleet sweep. A farm of STARTTLS MTAs on loopback (bench/fleet/farm.ts, 1,000 by
 * default, some with seeded defects) is judged by `msscheck run --targets` for the transport and
 * certificate families, as a whole process; then the same fleet in four shards, merged. Prints wall
 * time, peak RSS, endpoints and handshakes per second, the ratio of handshakes to the minimum the
 * battery needs, whether every seeded defect was found and whether the merged shards agree.
 *
 *   npm run bench -- fleet            (MSSCHECK_BENCH_FLEET_SIZE=200 for a smaller farm)
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { FleetReport } from '../src/model/fleet.js';
import type { Report } from '../src/model/result.js';
import type { FarmEndpoint } from './fleet/farm.js';
import { figure, printFigures } from './figures.js';

const ONLY = ['SMTP-STARTTLS-OFFERED/mta', 'TLS-VERSIONS/mta', 'TLS-CIPHER-SUITES/mta', 'X509-CERT-TRUSTED/mta', 'X509-CERT-VALID/mta', 'X509-CERT-HOSTNAME/mta'];
/** The scenario a seeded defect must make fail. */
const EXPECTED: Record<NonNullable<FarmEndpoint['defect']>, string> = { 'no-starttls': 'SMTP-STARTTLS-OFFERED/mta', expired: 'X509-CERT-VALID/mta', tls10: 'TLS-VERSIONS/mta' };
const GOAL = { wallSeconds: 60, peakRssMb: 300 };

interface Farm {
  endpoints: FarmEndpoint[];
  stats(): Promise<{ attempts: number; handshakes: number; refused: number; connections: number }>;
  reset(): void;
  close(): void;
}

async function startFarmProcess(count: number): Promise<Farm> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['bin/run-ts.js', 'bench/fleet/farm.ts', String(count)], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout });
  const waiters: ((line: string) => void)[] = [];
  lines.on('line', (l) => waiters.shift()?.(l));
  const next = (): Promise<string> => new Promise((r) => waiters.push(r));
  const ready = await next();
  if (!ready.startsWith('READY ')) throw new Error(`farm did not start: ${ready}`);
  return {
    endpoints: JSON.parse(ready.slice(6)) as FarmEndpoint[],
    stats: async () => {
      child.stdin.write('stats\n');
      return JSON.parse((await next()).slice(6));
    },
    reset: () => child.stdin.write('reset\n'),
    close: () => child.stdin.end(),
  };
}

/** Runs the CLI as a whole process; samples its peak resident memory (VmHWM) until it exits. */
async function msscheck(args: string[], cwd: string): Promise<{ code: number; seconds: number; peakRssMb: number; cpuSeconds: number; stderr: string }> {
  const t0 = performance.now();
  // The compiled CLI, as users run it (built at the start of the benchmark).
  const child = spawn(process.execPath, [resolve('bin/msscheck.js'), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  let cpu = 0;
  const sample = (): void => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      // utime + stime (fields 14 and 15, in clock ticks of 1/100 s): CPU the process used, whatever the load.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu = Math.max(cpu, (Number(stat[11]) + Number(stat[12])) / 100);
    } catch {
      /* exited */
    }
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise<number>((r) => child.on('exit', (c) => (sample(), r(c ?? -1))));
  clearInterval(timer);
  return { code, seconds: (performance.now() - t0) / 1000, peakRssMb: Math.round(peak), cpuSeconds: cpu, stderr };
}

export async function runFleetBench(): Promise<void> {
  const size = Number(process.env.MSSCHECK_BENCH_FLEET_SIZE ?? 1000);
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  const farm = await startFarmProcess(size);
  const dir = mkdtempSync(join(tmpdir(), 'msscheck-bench-fleet-'));
  try {
    const targets = join(dir, 'targets');
    mkdirSync(targets);
    const anchors = resolve('fixtures/pki/trust/igc-sante-test-roots.pem');
    for (const e of farm.endpoints) {
      writeFileSync(
        join(targets, `${e.id}.yaml`),
        `operator: { name: "Farm ${e.id}" }\ndomains: [${e.id}.farm.test]\nendpoints:\n  smtpMta: { host: ${e.host}, port: ${e.port}, security: starttls, serverName: mx.sandbox.mssante.test }\ntrustAnchors: [${JSON.stringify(anchors)}]\n`,
      );
    }
    const common = ['--only', ONLY.join(','), '--as-of', '2026-01-15', '--format', 'json', '-q', '--concurrency', '24', '--parallel-targets', '24', '--per-host', '64', '--connect-timeout', '5s', '--timeout', '60s'];
    const single = await msscheck(['run', '--targets', targets, '--out', join(dir, 'single'), ...common], dir);
    const stats = await farm.stats();
    const fleet = JSON.parse(readFileSync(join(dir, 'single', 'fleet.json'), 'utf8')) as FleetReport;

    // Seeded defects found (and nothing else failing).
    const missed: string[] = [];
    const spurious: string[] = [];
    let minimum = 0;
    for (const e of farm.endpoints) {
      const row = fleet.targets.find((x) => x.id === e.id);
      const t = row && { ...row, report: row.reportFile ? (JSON.parse(readFileSync(join(dir, 'single', row.reportFile), 'utf8')) as Report) : undefined };
      const failing = t?.report?.scenarios.filter((s) => s.status === 'fail').map((s) => s.id) ?? [];
      if (e.defect && !failing.includes(EXPECTED[e.defect])) missed.push(`${e.id} (${e.defect})`);
      if (!e.defect && (t?.verdict !== 'conformant')) spurious.push(`${e.id}: ${t?.verdict} ${failing.join(',')} ${t?.report?.scenarios.filter((s) => s.status === 'error').map((s) => `${s.id}: ${s.reason}`).join('; ') ?? t?.error}`);
      // The least a battery can do: one handshake per version and accepted suite, plus one refusal per version.
      const table = t?.report?.scenarios.find((s) => s.id === 'TLS-CIPHER-SUITES/mta')?.evidence.find((ev) => ev.kind === 'tls-table')?.data as { rows?: { protocol: string; accepted: boolean }[] } | undefined;
      const rows = table?.rows ?? [];
      const versions = new Set(t?.report?.scenarios.find((s) => s.id === 'TLS-VERSIONS/mta')?.evidence.flatMap((ev) => ((ev.data as { rows?: { protocol: string }[] })?.rows ?? []).map((r) => r.protocol)) ?? []);
      // Plus SMTP-STARTTLS-OFFERED's own handshake (STARTTLS, then TLS at default versions, then EHLO again).
      minimum += e.defect === 'no-starttls' ? 0 : Math.max(versions.size, 1) + rows.filter((r) => r.accepted).length + 1;
    }

    // Four shards, merged, against the single run.
    for (let i = 1; i <= 4; i++) await msscheck(['run', '--targets', targets, '--shard', `${i}/4`, '--out', join(dir, `shard-${i}`), ...common], dir);
    const merged = await msscheck(['merge-reports', ...[1, 2, 3, 4].map((i) => join(dir, `shard-${i}`)), '--out', join(dir, 'merged'), '--format', 'json'], dir);
    const mergedFleet = JSON.parse(readFileSync(join(dir, 'merged', 'fleet.json'), 'utf8')) as FleetReport;
    const verdicts = (f: FleetReport): string => JSON.stringify(f.targets.map((t) => [t.id, t.verdict, t.scenarios?.map((s) => s.status)]));
    const shardsAgree = merged.code === single.code && verdicts(mergedFleet) === verdicts(fleet);

    const attempts = stats.attempts;
    const eps = size / single.seconds;
    printFigures([
      figure({ bench: 'fleet', figure: `${size} STARTTLS endpoints swept (whole process)`, value: single.seconds, unit: 's', goal: { op: '<=', value: GOAL.wallSeconds }, note: `${eps.toFixed(1)} endpoints/s, ${(attempts / single.seconds).toFixed(0)} TLS handshakes/s (${attempts} begun)` }),
      figure({ bench: 'fleet', figure: 'CPU time of the sweep (user + system)', value: single.cpuSeconds, unit: 's', goal: { op: '<=', value: GOAL.wallSeconds }, note: 'the load-independent part of the wall time: with the farm on the other core, the sweep cannot be faster than this' }),
      figure({ bench: 'fleet', figure: 'peak RSS', value: single.peakRssMb, unit: 'MB', goal: { op: '<=', value: GOAL.peakRssMb } }),
      figure({ bench: 'fleet', figure: 'endpoints per second', value: eps, unit: '1/s', goal: { op: '>=', value: size / GOAL.wallSeconds } }),
      figure({ bench: 'fleet', figure: 'TLS handshakes per minimum', value: attempts / Math.max(minimum, 1), unit: 'x', goal: { op: '<=', value: 1.5 }, note: `${attempts} handshakes for a minimum of ${minimum} (per endpoint: one per version and accepted suite, one refusal per version, and SMTP-STARTTLS-OFFERED's own; the certificate scenarios share the TLS 1.3 handshake)` }),
      figure({ bench: 'fleet', figure: 'seeded defects missed', value: missed.length, unit: '', goal: { op: '<=', value: 0 }, note: `${farm.endpoints.filter((e) => e.defect).length} seeded` }),
      figure({ bench: 'fleet', figure: 'clean endpoints not conformant', value: spurious.length, unit: '', goal: { op: '<=', value: 0 } }),
      figure({ bench: 'fleet', figure: '4 shards merged differ from one run', value: shardsAgree ? 0 : 1, unit: '', goal: { op: '<=', value: 0 } }),
    ]);
    if (missed.length) process.stdout.write(`missed: ${missed.slice(0, 10).join(', ')}\n`);
    if (spurious.length) process.stdout.write(`not conformant although clean: ${spurious.slice(0, 5).join(' | ')}\n`);
    if (single.code !== 1) process.stdout.write(`unexpected exit code ${single.code}: ${single.stderr.slice(0, 500)}\n`);
  } finally {
    farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
