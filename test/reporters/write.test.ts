import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/util/input-error.js';
import { assertReportDirFree, parseFormats, runDirName, writeReports } from '../../src/reporters/write.js';
import { renderers } from '../../src/reporters/renderers.js';
import { fixtureReport } from './fixture.js';

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'msscheck-reporters-'));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const ALL = ['json', 'junit', 'html', 'md'] as const;

describe('writeReports', { timeout: 10_000 }, () => {
  it('writes every chosen format and a checksum that matches report.json', async () => {
    const outDir = join(base, 'reports', 'run1');
    const res = await writeReports(fixtureReport(), { outDir, formats: ALL });
    expect(readdirSync(outDir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.json.sha256', 'summary.md']);
    expect(readdirSync(join(base, 'reports'))).toEqual(['run1']); // no temp dir left behind
    const json = readFileSync(join(outDir, 'report.json'));
    const digest = createHash('sha256').update(json).digest('hex');
    expect(readFileSync(join(outDir, 'report.json.sha256'), 'utf8')).toBe(`${digest}  report.json\n`);
    expect(res.sha256).toBe(digest);
    expect(readFileSync(join(outDir, 'junit.xml'), 'utf8')).toBe(renderers.junit(fixtureReport()));
    expect(res.files.at(-1)).toBe(join(outDir, 'report.json.sha256'));
  });

  it('produces a checksum file sha256sum accepts, and one it rejects once report.json is altered', async () => {
    const outDir = join(base, 'run');
    await writeReports(fixtureReport(), { outDir, formats: ['json'] });
    let hasSha256sum = true;
    try {
      execFileSync('sha256sum', ['--version'], { stdio: 'ignore' });
    } catch {
      hasSha256sum = false;
    }
    if (!hasSha256sum) return;
    expect(() => execFileSync('sha256sum', ['-c', '--status', 'report.json.sha256'], { cwd: outDir })).not.toThrow();
    writeFileSync(join(outDir, 'report.json'), readFileSync(join(outDir, 'report.json'), 'utf8').replace('"fail"', '"pass"'));
    expect(() => execFileSync('sha256sum', ['-c', '--status', 'report.json.sha256'], { cwd: outDir })).toThrow();
  });

  it('writes only the chosen formats, and no checksum without report.json', async () => {
    const outDir = join(base, 'run');
    await writeReports(fixtureReport(), { outDir, formats: ['md', 'junit'] });
    expect(readdirSync(outDir).sort()).toEqual(['junit.xml', 'summary.md']);
  });

  it('leaves nothing when a renderer throws', async () => {
    const outDir = join(base, 'reports', 'run1');
    const boom = () => {
      throw new Error('renderer exploded');
    };
    await expect(writeReports(fixtureReport(), { outDir, formats: ALL, renderers: { html: boom } })).rejects.toThrow('renderer exploded');
    expect(existsSync(outDir)).toBe(false);
    expect(existsSync(join(base, 'reports')) ? readdirSync(join(base, 'reports')) : []).toEqual([]);
  });

  it('leaves nothing when writing fails after some files were written', async () => {
    const outDir = join(base, 'reports', 'run1');
    let seen: string[] = [];
    await expect(
      writeReports(fixtureReport(), {
        outDir,
        formats: ALL,
        beforeCommit: (tmp) => {
          seen = readdirSync(tmp);
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(seen.length).toBe(5); // the files had been written to the temp dir...
    expect(existsSync(outDir)).toBe(false); // ...and none of it is visible
    expect(readdirSync(join(base, 'reports'))).toEqual([]);
  });

  it('refuses a folder that already holds a report, naming it and the fix, and writes nothing', async () => {
    const outDir = join(base, 'ci');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'summary.md'), 'old');
    const err = await writeReports(fixtureReport(), { outDir, formats: ['json'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain('already holds a report (summary.md)');
    expect((err as InputError).message).toContain('--force');
    expect(readdirSync(outDir)).toEqual(['summary.md']);
    await expect(assertReportDirFree(outDir, false)).rejects.toBeInstanceOf(InputError);
    await expect(assertReportDirFree(outDir, true)).resolves.toBeUndefined();
  });

  it('writes into a folder holding other files (no report) without --force', async () => {
    const outDir = join(base, 'ci');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'keep.txt'), 'mine');
    await writeReports(fixtureReport(), { outDir, formats: ['json'] });
    expect(readdirSync(outDir).sort()).toEqual(['keep.txt', 'report.json', 'report.json.sha256']);
  });

  it('with force, replaces the reports in an existing directory, keeping other files and dropping stale report files', async () => {
    const outDir = join(base, 'ci');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'keep.txt'), 'mine');
    writeFileSync(join(outDir, 'report.json'), 'old');
    writeFileSync(join(outDir, 'report.html'), 'old run');
    await writeReports(fixtureReport(), { outDir, formats: ['json'], force: true });
    expect(readdirSync(outDir).sort()).toEqual(['keep.txt', 'report.json', 'report.json.sha256']);
    expect(readFileSync(join(outDir, 'report.json'), 'utf8')).toBe(renderers.json(fixtureReport()));
  });

  it('points reports/latest at the run directory, replacing the previous link', async () => {
    const latest = join(base, 'reports', 'latest');
    const first = await writeReports(fixtureReport(), { outDir: join(base, 'reports', 'a'), formats: ['json'], latestLink: latest });
    expect(first.latest).toBe(latest);
    expect(readlinkSync(latest)).toBe('a');
    const second = await writeReports(fixtureReport(), { outDir: join(base, 'reports', 'b'), formats: ['md'], latestLink: latest });
    expect(second.warnings).toEqual([]);
    expect(readlinkSync(latest)).toBe('b');
    expect(realpathSync(join(latest, 'summary.md'))).toBe(realpathSync(join(base, 'reports', 'b', 'summary.md')));
    expect(readdirSync(join(base, 'reports')).sort()).toEqual(['a', 'b', 'latest']);
  });

  it('reports, without failing, a latest path it cannot replace', async () => {
    const latest = join(base, 'reports', 'latest');
    mkdirSync(join(latest, 'occupied'), { recursive: true });
    const res = await writeReports(fixtureReport(), { outDir: join(base, 'reports', 'a'), formats: ['json'], latestLink: latest });
    expect(res.latest).toBeUndefined();
    expect(res.warnings[0]).toContain('could not point');
    expect(readdirSync(join(base, 'reports')).sort()).toEqual(['a', 'latest']);
  });

  it('refuses an --out that is a file', async () => {
    const file = join(base, 'file');
    writeFileSync(file, 'x');
    await expect(writeReports(fixtureReport(), { outDir: file, formats: ['json'] })).rejects.toBeInstanceOf(InputError);
  });
});

describe('parseFormats', () => {
  it('accepts any subset, trims and removes duplicates', () => {
    expect(parseFormats('json,junit,html,md')).toEqual(['json', 'junit', 'html', 'md']);
    expect(parseFormats(' md , json,md')).toEqual(['md', 'json']);
  });
  it('names the flag and the allowed values', () => {
    let err: unknown;
    try {
      parseFormats('json,pdf');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.exitCode).toBe(2);
    expect(e.problems[0]!.field).toBe('--format');
    expect(e.message).toContain('"pdf"');
    expect(e.message).toContain('json, junit, html, md');
    expect(() => parseFormats(' , ')).toThrow(InputError);
  });
  it('gives a file-system-safe run directory name', () => {
    expect(runDirName('2025-06-15T10:00:00.123Z')).toBe('2025-06-15T10-00-00-123Z');
  });
});
