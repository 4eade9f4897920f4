/**
 * Benchmark: msscheck's TLS battery (versions, every cipher suite, certificate chain) against the
 * sandbox MTA (STARTTLS), side by side with testssl.sh (`testssl --starttls smtp -p -e -S`) on the
 * same endpoint in the same run. Prints both wall times, their ratio, and the verdicts each gives on
 * protocols, cipher suites and the chain. Goal: the same verdicts, at least 20 times faster.
 *
 *   node bin/run-ts.js bench/tls-battery.ts
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { runInstances } from '../src/engine/run.js';
import { pkiManifest, pkiTrust } from '../src/pki/fixtures.js';
import { startSandbox } from '../src/sandbox/operator.js';
import { loadScenarios, selectInstances } from '../src/scenarios/loader.js';

const PROTOCOLS = [
  ['SSLv2', 'SSLv2'],
  ['SSLv3', 'SSLv3'],
  ['TLS1', 'TLSv1'],
  ['TLS1_1', 'TLSv1.1'],
  ['TLS1_2', 'TLSv1.2'],
  ['TLS1_3', 'TLSv1.3'],
] as const;

export interface Verdicts {
  protocols: Record<string, 'offered' | 'not offered' | 'not tested'>;
  /** IANA names of the accepted suites. */
  ciphers: string[];
  chainTrusted: boolean | null;
}

export interface TlsBenchResult {
  name: 'tls-battery';
  endpoint: string;
  /** Wall time of the battery (scenario run: client capability check included, catalogue loading not). */
  msscheck: { seconds: number; catalogueLoadSeconds: number; verdicts: Verdicts };
  testssl: { seconds: number; verdicts: Verdicts } | { error: string };
  ratio: number | null;
  sameVerdicts: boolean | null;
  goal: { ratio: number };
  met: boolean;
}

async function msscheckBattery(target: Parameters<typeof runInstances>[1]['target'], instances: ReturnType<typeof selectInstances>): Promise<Verdicts> {
  const results = await runInstances(instances, { target, asOf: new Date(`${pkiManifest().referenceAsOf}T12:00:00Z`), timeouts: { connectMs: 3_000, idleMs: 5_000, overallMs: 60_000 }, perEndpoint: 4 });
  const evidence = results.flatMap((r) => r.evidence);
  const table = evidence.find((e) => e.kind === 'tls-table')?.data as { rows: { protocol: string; cipher: string; accepted: boolean }[] } | undefined;
  const chain = evidence.find((e) => e.kind === 'certificate-chain')?.data as { trusted: boolean } | undefined;
  const rows = table?.rows ?? [];
  const protocols: Verdicts['protocols'] = {};
  for (const [name, node] of PROTOCOLS) {
    const tried = rows.some((r) => r.protocol === node);
    protocols[name] = !tried ? 'not tested' : rows.some((r) => r.protocol === node && r.accepted) ? 'offered' : 'not offered';
  }
  return { protocols, ciphers: [...new Set(rows.filter((r) => r.accepted).map((r) => r.cipher))].sort(), chainTrusted: chain ? chain.trusted : null };
}

function testsslBattery(host: string, port: number, timeoutMs: number): Promise<Verdicts> {
  const dir = mkdtempSync(join(tmpdir(), 'msscheck-testssl-'));
  const json = join(dir, 'out.json');
  const args = ['--starttls', 'smtp', '-p', '-e', '-S', '--add-ca', pkiTrust().igcRoots, '--jsonfile', json, '--warnings', 'batch', '--quiet', '--color', '0', `${host}:${port}`];
  return new Promise<Verdicts>((resolveP, reject) => {
    execFile('testssl', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err) => {
      try {
        const items = JSON.parse(readFileSync(json, 'utf8')) as { id: string; finding: string }[];
        const protocols: Verdicts['protocols'] = {};
        for (const [name] of PROTOCOLS) {
          const f = items.find((i) => i.id === name)?.finding ?? '';
          protocols[name] = /not offered/.test(f) ? 'not offered' : /offered/.test(f) ? 'offered' : 'not tested';
        }
        const ciphers = items.filter((i) => /^cipher_x/.test(i.id)).map((i) => i.finding.trim().split(/\s+/).pop()!).filter(Boolean);
        const trust = items.find((i) => i.id === 'cert_chain_of_trust')?.finding;
        resolveP({ protocols, ciphers: [...new Set(ciphers)].sort(), chainTrusted: trust === undefined ? null : /^passed/i.test(trust) });
      } catch (e) {
        reject(err ?? e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

function sameVerdicts(a: Verdicts, b: Verdicts): boolean {
  // SSLv2/SSLv3: msscheck's client cannot offer them ("not tested"), which never counts as a different verdict.
  const protocolsAgree = PROTOCOLS.every(([p]) => a.protocols[p] === 'not tested' || b.protocols[p] === 'not tested' || a.protocols[p] === b.protocols[p]);
  return protocolsAgree && JSON.stringify(a.ciphers) === JSON.stringify(b.ciphers) && a.chainTrusted === b.chainTrusted;
}

function printTable(r: TlsBenchResult): void {
  const out: string[] = [];
  const t = 'verdicts' in r.testssl ? r.testssl.verdicts : undefined;
  const m = r.msscheck.verdicts;
  out.push(`endpoint: sandbox MTA ${r.endpoint} (STARTTLS)`);
  out.push(`msscheck: ${r.msscheck.seconds.toFixed(2)} s (+ ${r.msscheck.catalogueLoadSeconds.toFixed(2)} s loading the scenario catalogue, not counted)   testssl.sh: ${'seconds' in r.testssl ? `${r.testssl.seconds.toFixed(2)} s` : `not run (${r.testssl.error})`}   ratio: ${r.ratio ? `${r.ratio.toFixed(1)}x` : 'n/a'} (goal >= ${r.goal.ratio}x)`);
  out.push('');
  out.push(`${'check'.padEnd(52)}${'msscheck'.padEnd(14)}testssl.sh`);
  for (const [p] of PROTOCOLS) out.push(`${`protocol ${p}`.padEnd(52)}${m.protocols[p]!.padEnd(14)}${t?.protocols[p] ?? '-'}`);
  const suites = [...new Set([...m.ciphers, ...(t?.ciphers ?? [])])].sort();
  for (const s of suites) out.push(`${`cipher ${s}`.padEnd(52)}${(m.ciphers.includes(s) ? 'accepted' : 'refused').padEnd(14)}${t ? (t.ciphers.includes(s) ? 'accepted' : 'refused') : '-'}`);
  out.push(`${'chain trusted (IGC-Santé TEST anchors)'.padEnd(52)}${String(m.chainTrusted).padEnd(14)}${t ? String(t.chainTrusted) : '-'}`);
  out.push('');
  out.push(`same verdicts: ${r.sameVerdicts ?? 'n/a'}; goal met: ${r.met}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Runs both batteries against one sandbox MTA and prints the comparison (unless `print: false`). */
export async function runTlsBench(options: { print?: boolean; testsslTimeoutMs?: number } = {}): Promise<TlsBenchResult> {
  const sb = await startSandbox({});
  try {
    const ep = sb.target.profile.endpoints.smtpMta!;
    let t0 = performance.now();
    const instances = selectInstances(loadScenarios().instances, ['TLS-CIPHER-SUITES/mta', 'X509-CERT-TRUSTED/mta']);
    const catalogueLoadSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const mine = await msscheckBattery(sb.target, instances);
    const mineSeconds = (performance.now() - t0) / 1000;
    let testssl: TlsBenchResult['testssl'];
    t0 = performance.now();
    try {
      const verdicts = await testsslBattery(ep.host, ep.port, options.testsslTimeoutMs ?? 300_000);
      testssl = { seconds: (performance.now() - t0) / 1000, verdicts };
    } catch (err) {
      testssl = { error: `${(err as Error).message.split('\n')[0]} (install: apt-get install testssl.sh)` };
    }
    const ratio = 'seconds' in testssl ? testssl.seconds / mineSeconds : null;
    const same = 'verdicts' in testssl ? sameVerdicts(mine, testssl.verdicts) : null;
    const result: TlsBenchResult = {
      name: 'tls-battery',
      endpoint: `${ep.host}:${ep.port}`,
      msscheck: { seconds: mineSeconds, catalogueLoadSeconds, verdicts: mine },
      testssl,
      ratio,
      sameVerdicts: same,
      goal: { ratio: 20 },
      met: same === true && ratio !== null && ratio >= 20,
    };
    if (options.print !== false) printTable(result);
    return result;
  } finally {
    await sb.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = await runTlsBench();
  if (!r.met) process.exitCode = 1;
}
