import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `msscheck --help` must stay cheap: the module graph that src/cli/main.ts loads statically (before
// any command action runs) must not reach the heavy run-time libraries. Commands are imported in
// their action with `await import(...)`.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HEAVY = ['oidc-provider', 'imapflow', 'ajv', 'ajv-formats', 'smtp-server', 'pkijs', '@peculiar/x509', 'openid-client', 'mailparser', 'nodemailer', 'jose'];

/** Static value imports of one TypeScript module (not `import type`, not dynamic `import()`). */
function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) out.push(m[1]!);
  return out;
}

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const ts = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        if (existsSync(ts)) todo.push(ts);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  }
  return { files, packages };
}

describe('CLI entry stays cheap to load', () => {
  const { files, packages } = staticGraph(resolve(root, 'src/cli/main.ts'));

  it('imports no command module statically', () => {
    const commands = [...files].filter((f) => f.includes('/src/cli/commands/'));
    expect(commands).toEqual([]);
  });

  it('reaches none of the heavy run-time libraries before a command runs', () => {
    expect([...packages].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('the graph walker does see heavy libraries where they are (control)', () => {
    // (the `run` command itself now reaches none of them statically: each loads at its first use)
    const sandbox = staticGraph(resolve(root, 'src/sandbox/operator.ts'));
    expect([...sandbox.packages].filter((p) => HEAVY.includes(p)).sort()).toEqual(expect.arrayContaining(['oidc-provider', 'smtp-server']));
  });

  it('a run against a real target does not load the sandbox (oidc-provider, smtp-server): `run` imports it only without --target', () => {
    const run = staticGraph(resolve(root, 'src/cli/commands/run.ts'));
    expect([...run.packages].filter((p) => ['oidc-provider', 'smtp-server'].includes(p))).toEqual([]);
  });

  it('the scenario loader (`msscheck list`, validate) reaches neither imapflow nor the sandbox libraries', () => {
    const loader = staticGraph(resolve(root, 'src/scenarios/loader.ts'));
    // and, for `list` to stay under 0.5 s, not the certificate, JOSE, OCSP, TOTP, JSON Schema or YAML libraries
    // either: those load at first use (x509-lib, schema-validator) or in the function that needs them.
    const slowForList = ['imapflow', 'oidc-provider', 'smtp-server', 'openid-client', 'mailparser', 'nodemailer', '@peculiar/x509', 'jose', 'pkijs', 'asn1js', 'otpauth', 'ajv', 'ajv-formats', 'yaml'];
    expect([...loader.packages].filter((p) => slowForList.includes(p))).toEqual([]);
  });
});
