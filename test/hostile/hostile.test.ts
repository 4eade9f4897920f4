/**
 * The hostile harness: every misbehaving server of test/hostile/harness/cases.ts, run through
 * `msscheck run` as a child process with small timeouts and a deadline. Per case: exit 1 or 3 (0
 * only when every scenario run passed because the server really behaved, or was skipped), no crash, wall time within
 * the deadline, peak RSS under 300 MB, no `pass` the case does not allow, no fragment of a secret in
 * any output (stdout, stderr, every report format). `npm run bench -- hostile` prints the same runs.
 */
import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from './harness/cases.js';
import { DEADLINE_MS, leakedFragments, MAX_RSS_KB, REPORT_WRITING_MS, runCase, START_UP_ALLOWANCE_MS, type CaseRun } from './harness/run-child.js';
import { Semaphore } from '../../src/engine/semaphore.js';

// Three children at once: each is a full msscheck start-up, and the machine may have two cores.
const slots = new Semaphore(3);
const runs = new Map<string, Promise<CaseRun>>();
/** Cases start together (three at a time) the first time any test asks for one. */
function run(name: string): Promise<CaseRun> {
  if (!runs.size) for (const c of HOSTILE_CASES) runs.set(c.name, slots.run(() => runCase(c)));
  return runs.get(name)!;
}

describe('msscheck holds against hostile servers', () => {
  for (const c of HOSTILE_CASES) {
    it(`${c.klass}: ${c.name} (${c.behaviour})`, { timeout: 600_000 }, async () => {
      const r = await run(c.name);
      const outputs = [r.stdout, r.stderr, ...Object.values(r.files)].join('\n');
      expect(r.signal, 'killed (hung past the deadline)').toBeNull();
      expect(outputs).not.toMatch(/internal error|heap out of memory|\n\s+at \S+ \(/);
      expect(Object.keys(r.files).sort(), 'every report written').toEqual(expect.arrayContaining(['report.json', 'report.html', 'summary.md', 'junit.xml']));
      // The selection, plus whatever positive controls the engine adds to it (they face the same server).
      expect(Object.keys(r.statuses)).toEqual(expect.arrayContaining(c.only));
      const passed = Object.entries(r.statuses).filter(([, s]) => s === 'pass').map(([id]) => id);
      expect(passed.filter((id) => !(c.allowedPass ?? []).includes(id)), 'a pass on something the server never did').toEqual([]);
      // Exit 0 only when the server really behaved on everything run (passes it earned, skips).
      const clean = Object.values(r.statuses).every((s) => s === 'pass' || s === 'skip' || s === 'not-applicable');
      expect(clean ? [0] : [1, 3]).toContain(r.exitCode);
      expect(r.runMs!, 'the run ends within its deadline').toBeLessThan(DEADLINE_MS + REPORT_WRITING_MS);
      expect(r.wallMs, 'the process ends soon after').toBeLessThan(DEADLINE_MS + REPORT_WRITING_MS + START_UP_ALLOWANCE_MS);
      expect(r.maxRssKb, 'peak RSS reported by the child').not.toBeNull();
      expect(r.maxRssKb!).toBeLessThan(MAX_RSS_KB);
      expect(leakedFragments(outputs), 'secret fragments in the outputs').toEqual([]);
      // Positive control of the leak check: an echoing server did send the credentials back.
      if (r.echoes !== undefined) expect(r.echoes, 'the echoing server never received a credential').toBeGreaterThan(0);
    });
  }
});
