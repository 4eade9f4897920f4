import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Five levels of nine aliases: 59,049 strings once expanded (a "billion laughs" in small). */
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...['b', 'c', 'd', 'e'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcd'[i]}`).join(',')}]`), ''].join('\n');

function workspace(): string {
  const dir = join(process.env.TMPDIR ?? '/tmp', `msscheck-input-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, 'a-directory'), { recursive: true });
  writeFileSync(join(dir, 'bomb.yaml'), ALIAS_BOMB);
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 0, 10, 0]));
  writeFileSync(join(dir, 'huge.yaml'), `operator: { name: x }\ndomains: [a]\n# ${'x'.repeat(11 * 1024 * 1024)}\n`);
  return dir;
}

describe('input errors are input errors: exit 2, the file and the reason, no stack trace, no report', () => {
  const dir = workspace();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, string[], RegExp][] = [
    ['run: an alias bomb as target', ['run', '--target', 'bomb.yaml'], /bomb\.yaml: .*aliases .*too many times/],
    ['validate: an alias bomb', ['validate', 'bomb.yaml'], /bomb\.yaml: .*alias bomb/],
    ['run: a directory as target (not a permissions problem)', ['run', '--target', 'a-directory'], /a-directory: target profile path is a directory, not a file/],
    ['run: /dev/null as target', ['run', '--target', '/dev/null'], /\/dev\/null: target profile path is a character device/],
    ['run: /dev/null as policy', ['run', '--policy', '/dev/null'], /\/dev\/null: policy path is a character device/],
    ['run: a binary target', ['run', '--target', 'binary.yaml'], /binary\.yaml: target profile file is binary/],
    ['run: an oversized target', ['run', '--target', 'huge.yaml'], /huge\.yaml: target profile file is \d+ bytes, more than the 10485760 allowed \(limit inputFileBytes\)/],
    ['validate: an oversized file', ['validate', 'huge.yaml'], /huge\.yaml: input file is \d+ bytes/],
    ['validate: a directory', ['validate', 'a-directory'], /a-directory: input path is a directory/],
    ['lint-message: /dev/null', ['lint-message', '/dev/null', '--out', 'out'], /\/dev\/null: message path is a character device/],
    ['lint-message: a directory', ['lint-message', 'a-directory', '--out', 'out'], /a-directory: message path is a directory/],
    ['lint-message: a binary file', ['lint-message', 'binary.yaml', '--out', 'out'], /binary\.yaml: message file is binary/],
    ['run: /dev/null as the scenario folder', ['run', '--scenarios', '/dev/null'], /\/dev\/null: scenario path is not a folder/],
    ['list: a file as the scenario folder', ['list', '--scenarios', 'binary.yaml'], /binary\.yaml: scenario path is not a folder/],
    ['discover: /dev/null as the liste blanche', ['discover', '--whitelist', '/dev/null'], /\/dev\/null:1: not well-formed/],
    ['run: a binary liste blanche', ['run', '--whitelist', 'binary.yaml'], /binary\.yaml:1: not well-formed/],
    ['run: an unknown limit', ['run', '--limit', 'lines=3'], /--limit: "lines" is not a limit/],
    ['run: a limit below its floor', ['run', '--limit', 'lineBytes=1'], /--limit lineBytes/],
    ['run: a bad deadline', ['run', '--deadline', 'soon'], /--deadline: "soon" is not a duration/],
  ];
  for (const [name, args, message] of cases) {
    it(name, { timeout: 120_000 }, async () => {
      const before = readdirSync(dir).sort();
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toMatch(message);
      expect(r.stdout + r.stderr).not.toMatch(/internal error|\n\s+at .*\(|permissions/);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    });
  }

  it('lint-message of a readable file that is not a message reports a finding about it', { timeout: 120_000 }, async () => {
    writeFileSync(join(dir, 'notes.txt'), 'just some notes, not an e-mail\n');
    const r = await runCli(['lint-message', 'notes.txt', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { scenarios: { scenarioId: string; status: string }[] };
    expect(report.scenarios).toEqual([expect.objectContaining({ scenarioId: 'MSG-PARSE', status: 'fail' })]);
  });
});
