/**
 * Benchmark: msscheck's TLS battery (versions, every cipher suite, certificate chain of one
 * endpoint) side by side with testssl.sh (`testssl --starttls smtp -p -e -S`) on a REAL Postfix
 * that the benchmark starts with the project's mail stack (src/mailstack, needs root, postfix and
 * dovecot), both timed as whole processes (msscheck: the compiled CLI, `msscheck run --target`).
 * Goal: the same verdicts, at least 50 times faster. Also says where msscheck's time goes (process
 * start and loading, handshakes) and how close it is to one handshake per version and accepted suite.
 *
 *   npm run bench -- tls
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Report } from '../src/model/result.js';
import { pkiTrust } from '../src/pki/fixtures.js';
import { ensureBuilt, figure, msscheckProcess, printFigures, type Figure } from './figures.js';
import { SHARED_MARK } from '../src/probes/tls/shared-handshake.js';
import { escapeRegExp } from '../src/util/regexp.js';

/** A transcript line that replays a handshake made once in the run (its id captured). */
const SHARED_LINE = new RegExp(`^${escapeRegExp(SHARED_MARK)}(\\w+)`);

const PROTOCOLS = [
  ['SSLv2', 'SSLv2'],
  ['SSLv3', 'SSLv3'],
  ['TLS1', 'TLSv1'],
  ['TLS1_1', 'TLSv1.1'],
  ['TLS1_2', 'TLSv1.2'],
  ['TLS1_3', 'TLSv1.3'],
] as const;
const ONLY = 'TLS-VERSIONS/mta,TLS-CIPHER-SUITES/mta,X509-CERT-TRUSTED/mta';
const GOAL_RATIO = 50;
/** msscheck runs per measurement (the median is the figure). */
const MSS_RUNS = 5;

export interface Verdicts {
  protocols: Record<string, 'offered' | 'not offered' | 'not tested'>;
  /** IANA names of the accepted suites. */
  ciphers: string[];
  chainTrusted: boolean | null;
}

interface Row {
  protocol: string;
  cipher: string;
  accepted: boolean;
}

/** msscheck's verdicts, read from its JSON report (tls-table and certificate-chain evidence). */
function verdictsOf(report: Report): { verdicts: Verdicts; handshakes: number; minimum: number; chain: number } {
  const evidence = report.scenarios.flatMap((s) => s.evidence);
  const suites = report.scenarios.find((s) => s.scenarioId === 'TLS-CIPHER-SUITES');
  const table = suites?.evidence.find((e) => e.kind === 'tls-table')?.data as { rows: Row[]; handshakesInSequence?: number } | undefined;
  const rows = table?.rows ?? [];
  const versions = evidence.filter((e) => e.kind === 'tls-table').flatMap((e) => (e.data as { rows: Row[] }).rows).filter((r) => r.cipher === '' || r.protocol !== 'any');
  const chain = evidence.find((e) => e.kind === 'certificate-chain')?.data as { trusted: boolean } | undefined;
  const protocols: Verdicts['protocols'] = {};
  for (const [name, node] of PROTOCOLS) {
    const tried = versions.some((r) => r.protocol === node);
    protocols[name] = !tried ? 'not tested' : versions.some((r) => r.protocol === node && r.accepted) ? 'offered' : 'not offered';
  }
  const accepted = rows.filter((r) => r.accepted);
  const triedVersions = new Set(rows.filter((r) => r.protocol !== 'any').map((r) => r.protocol));
  const handshakes = connectionsMade(report);
  return {
    verdicts: { protocols, ciphers: [...new Set(accepted.map((r) => r.cipher))].sort(), chainTrusted: chain ? chain.trusted : null },
    handshakes,
    // One handshake per version and accepted suite, plus one refusal per version: the least any enumeration can do.
    minimum: triedVersions.size + accepted.length,
    // Versions, and parts of a version's suites, are enumerated side by side: the probe says its longest chain.
    chain: table?.handshakesInSequence ?? Math.max(0, ...[...triedVersions].map((v) => accepted.filter((r) => r.protocol === v).length + 1)),
  };
}

/**
 * TLS connections the run made, from its transcripts: every `connect` line, except that a handshake
 * shared by several scenarios (src/probes/tls/shared-handshake.ts) is replayed into each of their
 * transcripts and counted once.
 */
export function connectionsMade(report: Report): number {
  let connects = 0;
  let replays = 0;
  const shared = new Set<string>();
  for (const e of report.scenarios.flatMap((s) => s.evidence)) {
    if (e.kind !== 'transcript') continue;
    for (const l of e.lines ?? []) {
      if (/^\*: connect /.test(l)) connects++;
      const m = SHARED_LINE.exec(l);
      if (m) {
        replays++;
        shared.add(m[1]!);
      }
    }
  }
  return connects - replays + shared.size;
}

function testsslBattery(host: string, port: number, timeoutMs: number): Promise<{ seconds: number; verdicts: Verdicts }> {
  const dir = mkdtempSync(join(tmpdir(), 'msscheck-testssl-'));
  const json = join(dir, 'out.json');
  const args = ['--starttls', 'smtp', '-p', '-e', '-S', '--add-ca', pkiTrust().igcRoots, '--jsonfile', json, '--warnings', 'batch', '--quiet', '--color', '0', `${host}:${port}`];
  const t0 = performance.now();
  return new Promise((resolveP, reject) => {
    execFile('testssl', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err) => {
      const seconds = (performance.now() - t0) / 1000;
      try {
        const items = JSON.parse(readFileSync(json, 'utf8')) as { id: string; finding: string }[];
        const protocols: Verdicts['protocols'] = {};
        for (const [name] of PROTOCOLS) {
          const f = items.find((i) => i.id === name)?.finding ?? '';
          protocols[name] = /not offered/.test(f) ? 'not offered' : /offered/.test(f) ? 'offered' : 'not tested';
        }
        const ciphers = items.filter((i) => /^cipher_x/.test(i.id)).map((i) => i.finding.trim().split(/\s+/).pop()!).filter(Boolean);
        const trust = items.find((i) => i.id === 'cert_chain_of_trust')?.finding;
        resolveP({ seconds, verdicts: { protocols, ciphers: [...new Set(ciphers)].sort(), chainTrusted: trust === undefined ? null : /^passed/i.test(trust) } });
      } catch (e) {
        reject(err ?? e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

function differences(a: Verdicts, b: Verdicts): string[] {
  const out: string[] = [];
  // SSLv2/SSLv3: msscheck's client cannot offer them ("not tested"), which never counts as a different verdict.
  for (const [p] of PROTOCOLS) if (a.protocols[p] !== 'not tested' && b.protocols[p] !== 'not tested' && a.protocols[p] !== b.protocols[p]) out.push(`${p}: msscheck ${a.protocols[p]}, testssl.sh ${b.protocols[p]}`);
  for (const c of a.ciphers) if (!b.ciphers.includes(c)) out.push(`${c}: accepted for msscheck only`);
  for (const c of b.ciphers) if (!a.ciphers.includes(c)) out.push(`${c}: accepted for testssl.sh only`);
  if (a.chainTrusted !== b.chainTrusted) out.push(`chain trusted: msscheck ${a.chainTrusted}, testssl.sh ${b.chainTrusted}`);
  return out;
}

export async function runTlsBench(): Promise<Figure[]> {
  ensureBuilt();
  const { startMailStack } = await import('../src/mailstack/stack.js');
  let stack;
  try {
    stack = await startMailStack({ variant: 'clean' });
  } catch (err) {
    const f = [figure({ bench: 'tls', figure: 'TLS battery vs testssl.sh on Postfix', value: 0, unit: 'x', goal: { op: '>=', value: GOAL_RATIO }, note: `not run: the real mail stack did not start (${(err as Error).message.split('\n')[0]})` })];
    printFigures(f);
    return f;
  }
  const dir = mkdtempSync(join(tmpdir(), 'msscheck-bench-tls-'));
  try {
    const ep = stack.target.profile.endpoints.smtpMta!;
    // msscheck is run MSS_RUNS times (the first against the freshly started Postfix), each a whole
    // process, and the median run is the figure: one sample on a shared machine is mostly noise.
    const runs: { seconds: number; report: Report }[] = [];
    for (let k = 0; k < MSS_RUNS; k++) {
      const out = join(dir, `out${k}`);
      const run = await msscheckProcess(['run', '--target', stack.targetFile, '--only', ONLY, '--quiet', '--format', 'json', '--out', out, '--per-endpoint', '4'], { cwd: dir });
      if (run.code !== 0 && run.code !== 1) throw new Error(`msscheck run exited ${run.code}: ${run.stdout.slice(-300)}${run.stderr.slice(0, 300)}`);
      runs.push({ seconds: run.seconds, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report });
    }
    const byTime = [...runs].sort((a, b) => a.seconds - b.seconds);
    const mine = byTime[Math.floor(byTime.length / 2)]!;
    const report = mine.report;
    const m = verdictsOf(report);
    // The connections: the most any run made (the 1.5x bound holds for every run, whatever the timing).
    m.handshakes = Math.max(...runs.map((r) => connectionsMade(r.report)));
    const spread = `median of ${runs.length} runs, ${byTime[0]!.seconds.toFixed(2)}-${byTime[byTime.length - 1]!.seconds.toFixed(2)} s, the first ${runs[0]!.seconds.toFixed(2)} s`;
    const runS = report.durationMs / 1000;
    const suites = report.scenarios.find((s) => s.scenarioId === 'TLS-CIPHER-SUITES');
    let peer: { seconds: number; verdicts: Verdicts } | undefined;
    let peerError: string | undefined;
    try {
      peer = await testsslBattery(ep.host, ep.port, 600_000);
    } catch (err) {
      peerError = `${(err as Error).message.split('\n')[0]} (install: apt-get install testssl.sh)`;
    }
    const diff = peer ? differences(m.verdicts, peer.verdicts) : [];
    const ratio = peer ? peer.seconds / mine.seconds : 0;
    const enumS = (suites?.durationMs ?? 0) / 1000;
    const where = `msscheck ${mine.seconds.toFixed(2)} s as a process (${spread}): start, loading and report ${(mine.seconds - runS).toFixed(2)} s, scenarios ${runS.toFixed(2)} s (cipher enumeration ${enumS.toFixed(2)} s, whose critical path is ${m.chain} handshakes one after the other, ${((enumS * 1000) / Math.max(m.chain, 1)).toFixed(0)} ms each on average (a finite-field DHE one costs the server several times an ECDHE one): TCP connect, banner, EHLO, STARTTLS and the TLS handshake, about 6 round trips); ${m.handshakes} TLS connections for a minimum of ${m.minimum} (one per version and accepted suite, plus one refusal per version), ${m.verdicts.ciphers.length} suites accepted`;
    const figures = [
      figure({
        bench: 'tls',
        figure: `TLS battery vs testssl.sh, Postfix ${stack.versions.postfix} MTA (speed-up)`,
        value: peer && diff.length === 0 ? ratio : 0,
        unit: 'x',
        goal: { op: '>=', value: GOAL_RATIO },
        peer: peer ? { name: 'testssl.sh', value: peer.seconds, unit: 's' } : undefined,
        note: `${peer ? `testssl.sh ${peer.seconds.toFixed(2)} s, msscheck ${mine.seconds.toFixed(2)} s: ${ratio.toFixed(1)}x; ` : `testssl.sh not run (${peerError}); `}same verdicts: ${peer ? (diff.length === 0 ? 'yes' : `NO (${diff.join('; ')})`) : 'n/a'}`,
      }),
      figure({ bench: 'tls', figure: 'TLS battery, msscheck whole process', value: mine.seconds, unit: 's', goal: { op: '<=', value: peer ? Math.round((peer.seconds / GOAL_RATIO) * 1000) / 1000 : 0 }, peer: peer ? { name: 'testssl.sh', value: peer.seconds, unit: 's' } : undefined, note: where }),
      figure({ bench: 'tls', figure: 'TLS connections per minimum enumeration', value: m.minimum ? m.handshakes / m.minimum : 0, unit: 'x', goal: { op: '<=', value: 1.5 }, note: `${m.handshakes} connections at most over ${runs.length} runs (versions, suite elimination and chain, sharing the handshakes they have in common) for a minimum of ${m.minimum} (one per version and accepted suite, plus one refusal per version)` }),
    ];
    printFigures(figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  }
}
