import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as an npm user gets it: `npm pack` (which builds dist/ through `prepare`), the tarball
// installed into an empty folder outside the source tree, and the installed `msscheck` bin run from
// there. Slow (a tsc build and an npm install): one file, a handful of processes.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment minus npm's per-script variables (`npm test` sets npm_config_prefix and friends). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || /^npm_config_cache$/i.test(k)) env[k] = v;
  return env;
}

describe('installed from the packed tarball', { timeout: 300_000 }, () => {
  let work: string;
  let app: string;
  let files: string[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'msscheck-pack-'));
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    // Lifecycle scripts may print before npm's JSON: it starts at the first line that opens an array.
    const packed = JSON.parse(out.slice(out.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
    files = packed[0]!.files.map((f) => f.path);
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'msscheck-install-check', version: '1.0.0', private: true }));
    // The tarball's dependencies come from npm's local cache when present (npm ci filled it), else the registry.
    execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed[0]!.filename)], { cwd: app, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const msscheck = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(join(app, 'node_modules', '.bin', 'msscheck'), args, { cwd: app, env: { ...cleanEnv(), ...env }, encoding: 'utf8', timeout: 120_000 });

  it('ships compiled JS and run-time data, not sources, tests or dev tools', () => {
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/bundle/main.js');
    expect(files).toContain('dist/bundle/main.cjs');
    expect(files).toContain('dist/vendor/oidc-provider.cjs');
    expect(files).toContain('dist/messages/en.json');
    expect(files).toContain('dist/sandbox/psc/psc-sandbox.yaml');
    expect(files).toContain('dist/data-cache.json');
    expect(files.filter((f) => /^dist\/validators\/inline\/s[0-9a-f]{32}\.cjs$/.test(f)).length).toBeGreaterThan(20);
    expect(files).toContain('dist/vendor/peculiar-x509.cjs');
    expect(files).toContain('dist/vendor/yaml.cjs');
    expect(files).toContain('dist/validators/target.cjs');
    expect(files).toContain('schemas/report.schema.json');
    // The sandbox's `mailbox-every-faulty-message` defect seeds its mailbox with fixtures/messages/defect-*.eml: those only.
    expect(files.filter((f) => (/^(src|test|bench|fixtures\/messages|fixtures\/mailstack)\//.test(f) && !/^fixtures\/messages\/defect-[^/]+\.eml$/.test(f)) || f.endsWith('.ts'))).toEqual([]);
    expect(files.some((f) => /^fixtures\/messages\/defect-[^/]+\.eml$/.test(f))).toBe(true);
    expect(files.filter((f) => f.startsWith('dist/mailstack/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules', 'msscheck', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
  });

  it('`msscheck --help` works from the install folder', () => {
    const r = msscheck(['--help']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: msscheck/);
    expect(r.stdout).toMatch(/\brun\b/);
  });

  it('the message catalogue parsed at build is used only while the catalogue is unchanged', () => {
    const file = join(app, 'node_modules', 'msscheck', 'locales', 'en', 'messages.ftl');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('# each command\'s options and examples', '# each command\'s options, edited'));
    const r = msscheck(['--help']);
    writeFileSync(file, original);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/# each command's options, edited/);
  });

  it('a sandbox `msscheck run` works from the install folder and writes its report', () => {
    const r = msscheck(['run', '--only', 'OIDC-CIBA-APPROVE,SMTP*', '--quiet', '--out', 'out', '--as-of', '2026-02-01']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/CONFORMANT/);
    const report = JSON.parse(readFileSync(join(app, 'out', 'report.json'), 'utf8')) as { scenarios: { status: string }[] };
    expect(report.scenarios.length).toBeGreaterThanOrEqual(2);
    expect(report.scenarios.every((s) => s.status === 'pass')).toBe(true);
  });

  it('a run takes its probes\' validators precompiled at build, one file each, and never loads ajv\'s compiler', () => {
    const r = spawnSync(join(app, 'node_modules', '.bin', 'msscheck'), ['run', '--only', 'SMTP-STARTTLS-OFFERED,TLS-VERSIONS', '--quiet', '--out', 'debug-out', '--as-of', '2026-02-01'], { cwd: app, env: { ...cleanEnv(), NODE_DEBUG: 'module' }, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const loaded = [...r.stderr.matchAll(/looking for "([^"]+)"/g)].map((m) => m[1]!);
    expect(loaded.filter((f) => /validators\/inline\/s[0-9a-f]{32}\.cjs$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(loaded.filter((f) => /^ajv(\/dist\/(2020|ajv|core|compile))?(\.js)?$|ajv\/dist\/2020/.test(f))).toEqual([]);
  });

  it('a bad target profile exits 2 naming file and line, by the validator precompiled at build or, once the schema is edited, by one compiled then', () => {
    const target = join(app, 'bad-target.yaml');
    writeFileSync(target, 'profileVersion: 1\noperator: { name: x }\ndomains: [a.test]\nendpoints:\n  smtpMta: { host: 127.0.0.1, port: 25, security: bogus }\n');
    const bad = msscheck(['run', '--target', target, '--out', 'bad-out']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad-target\.yaml:5:\d+: field \/endpoints\/smtpMta\/security/);
    expect(existsSync(join(app, 'bad-out', 'report.json'))).toBe(false);
    // The schema edited after the build: the precompiled validator no longer matches it and is not used.
    const schema = join(app, 'node_modules', 'msscheck', 'schemas', 'target.schema.json');
    const original = readFileSync(schema, 'utf8');
    writeFileSync(schema, original.replace('"domains": { "type": "array", "minItems": 1,', '"domains": { "type": "array", "minItems": 2,'));
    writeFileSync(target, 'profileVersion: 1\noperator: { name: x }\ndomains: [a.test]\nendpoints: {}\n');
    const edited = msscheck(['run', '--target', target, '--out', 'bad-out']);
    expect(edited.status).toBe(2);
    expect(edited.stderr).toMatch(/bad-target\.yaml:3:\d+: field \/domains/);
    writeFileSync(schema, original);
  });

  it('reads its own data from the build-time cache, and checks again a data file edited after the build', () => {
    const listed = msscheck(['list', '--json']);
    expect(listed.status).toBe(0);
    const cache = JSON.parse(readFileSync(join(app, 'node_modules', 'msscheck', 'dist', 'data-cache.json'), 'utf8')) as { entries: Record<string, { passed: string[] }> };
    expect(cache.entries['scenarios/smtp/SMTP-STARTTLS-OFFERED.yaml']?.passed).toEqual(expect.arrayContaining(['schema:scenario', 'scenario-checks']));
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids).toContain('SMTP-STARTTLS-OFFERED/mta');
    const file = join(app, 'node_modules', 'msscheck', 'scenarios', 'smtp', 'SMTP-STARTTLS-OFFERED.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/probe: smtp\.session/, 'probe: smtp.sesion'));
    const edited = msscheck(['list']);
    expect(edited.status).toBe(2);
    expect(edited.stderr).toMatch(/SMTP-STARTTLS-OFFERED\.yaml:\d+/);
    expect(edited.stderr).toMatch(/unknown probe "smtp\.sesion"/);
    writeFileSync(file, original);
  });

  it('the bundled CLI keeps the commands lazy: what `--help` loads statically holds no heavy library', () => {
    const bundle = join(app, 'node_modules', 'msscheck', 'dist', 'bundle');
    const seen = new Set<string>();
    const todo = ['main.js'];
    while (todo.length > 0) {
      const file = todo.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      // esbuild writes one static import per statement: `import { a } from "./chunk-X.js";` or `import "./x.js";`
      for (const m of readFileSync(join(bundle, file), 'utf8').matchAll(/^import\s+(?:[^'";]*?\sfrom\s+)?["'](\.\/[^"']+)["'];?$/gm)) todo.push(m[1]!.slice(2));
    }
    // Each bundled package module starts with esbuild's `// node_modules/<package>/<file>` comment.
    const packagesIn = (files: string[]): Set<string> =>
      new Set(files.flatMap((f) => [...readFileSync(join(bundle, f), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!)));
    const heavy = ['oidc-provider', 'imapflow', 'ajv', 'smtp-server', 'pkijs', 'jose', 'openid-client'];
    expect(seen.size).toBeGreaterThan(1);
    expect([...packagesIn([...seen])]).toContain('commander');
    expect([...packagesIn([...seen])].filter((p) => heavy.includes(p))).toEqual([]);
    expect([...seen].filter((f) => readFileSync(join(bundle, f), 'utf8').includes('vendor/oidc-provider.js'))).toEqual([]);
    // control: the heavy libraries are in the bundle, in chunks that load later
    expect([...packagesIn(readdirSync(bundle).filter((f) => f.endsWith('.js')))]).toEqual(expect.arrayContaining(['imapflow', 'jose', 'smtp-server']));
  });

  it('the bin runs the CommonJS bundle through V8\'s code cache: written once, used, replaced when corrupt; MSSCHECK_CACHE_DIR=off writes nothing', () => {
    const caches = mkdtempSync(join(tmpdir(), 'msscheck-codecache-'));
    const code = join(caches, 'code');
    const cacheFiles = (): string[] => (existsSync(code) ? readdirSync(code).filter((f) => f.startsWith('bundle-')) : []);
    const first = msscheck(['--help'], { MSSCHECK_CACHE_DIR: caches });
    expect(first.status).toBe(0);
    expect(cacheFiles()).toHaveLength(1);
    const file = join(code, cacheFiles()[0]!);
    const made = readFileSync(file);
    expect(made.length).toBeGreaterThan(10_000);
    // a cache kept for an older build of the same bundle is removed when a new one is written
    writeFileSync(join(code, 'bundle-' + cacheFiles()[0]!.split('-')[1] + '-000000000000000000000000.v8cache'), 'old');
    // used as it is: not rewritten
    const second = msscheck(['--help'], { MSSCHECK_CACHE_DIR: caches });
    expect(second.status).toBe(0);
    expect(readFileSync(file).equals(made)).toBe(true);
    // a corrupt (foreign) cache: V8 rejects it, the run works, the cache is written again
    writeFileSync(file, Buffer.alloc(made.length, 0x5a));
    const run = msscheck(['run', '--only', 'SMTP-STARTTLS-OFFERED', '--quiet', '--out', 'cc-out', '--as-of', '2026-02-01'], { MSSCHECK_CACHE_DIR: caches });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(file).equals(Buffer.alloc(made.length, 0x5a))).toBe(false);
    expect(cacheFiles()).toEqual([file.slice(code.length + 1)]);
    // off: no cache file anywhere, not even in the default folders
    const home = mkdtempSync(join(tmpdir(), 'msscheck-nocache-'));
    const off = msscheck(['--help'], { MSSCHECK_CACHE_DIR: 'off', XDG_CACHE_HOME: join(home, 'xdg'), HOME: home });
    expect(off.status).toBe(0);
    expect(off.stdout).toMatch(/Usage: msscheck/);
    expect(readdirSync(home)).toEqual([]);
    rmSync(caches, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  // Last: it removes files of the install. The bin runs the bundle (dist/bundle/, scripts/bundle-cli.mjs),
  // whose modules must find the package's data files and validators where the installed package has them.
  it('runs from the bundled CLI alone: the same commands work with the unbundled dist/ modules removed', () => {
    const dist = join(app, 'node_modules', 'msscheck', 'dist');
    let removed = 0;
    (function strip(dir: string): void {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (dir !== dist || (e.name !== 'bundle' && e.name !== 'vendor')) strip(path);
        } else if (e.name.endsWith('.js')) {
          rmSync(path);
          removed++;
        }
      }
    })(dist);
    expect(removed).toBeGreaterThan(100);
    expect(existsSync(join(dist, 'cli', 'main.js'))).toBe(false);
    const help = msscheck(['--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    const r = msscheck(['run', '--only', 'OIDC-CIBA-APPROVE,TLS-VERSIONS,X509*', '--quiet', '--out', 'bundled-out', '--as-of', '2026-02-01']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(app, 'bundled-out', 'report.json'), 'utf8')) as { scenarios: { status: string }[] };
    expect(report.scenarios.length).toBeGreaterThanOrEqual(3);
    expect(report.scenarios.every((s) => s.status === 'pass')).toBe(true);
  });
});
