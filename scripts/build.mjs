#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json), then copies every data
// file that the code reads at run time next to its module (e.g. src/sandbox/psc/psc-sandbox.yaml →
// dist/sandbox/psc/psc-sandbox.yaml). dist/ is emptied first, so nothing stale is packed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
/** Development-only modules, not part of the package (the mail stack drives a real Postfix/Dovecot for tests). */
const DEV_ONLY = new Set(['mailstack']);

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

let copied = 0;
(function copyData(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, e.name);
    if (e.isDirectory()) {
      if (dir === src && DEV_ONLY.has(e.name)) continue;
      copyData(from);
    } else if (!e.name.endsWith('.ts')) {
      const to = join(dist, relative(src, from));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
      copied++;
    }
  }
})(src);
console.error(`build: dist/ compiled, ${copied} data file(s) copied`);

const load = (rel) => import(pathToFileURL(join(dist, rel)).href);
const cache = await load('util/data-cache.js');
cache.startRecording();
const limits = (await load('limits/limits.js')).defaultLimits();
(await load('scenarios/loader.js')).loadScenarios();
(await load('policy/catalogue.js')).loadRequirementCatalogue();
(await load('policy/load-policy.js')).loadPolicy();
(await load('probes/outcomes/reply-meanings.js')).loadReplyMeanings();
(await load('probes/tls/cipher-policy.js')).loadCipherPolicy();
(await load('probes/tls/handshake-failures.js')).loadHandshakeFailures();
for (const id of ['serv-ssl', 'org-client']) (await load('x509/cert-profile.js')).loadCertProfile(id);
(await load('x509/live-clock.js')).clockSkewMs();
(await load('message/rules-data.js')).loadMessageRules();
(await load('sandbox/psc/config.js')).loadPscConfig();
(await load('probes/oidc/client-errors.js')).clientRefusal('invalid_client', 'build');
const i18n = await load('i18n/data.js');
for (const kind of ['scenarios', 'requirements', 'policy', 'rules', 'probes', 'defects']) i18n.readDataTranslations('fr', kind)?.validate('data-translations');
console.error(`build: dist/data-cache.json, ${cache.writeRecording(limits.yamlAliases)} data file(s) parsed and checked`);
console.error(`build: dist/messages/, ${(await load('i18n/index.js')).writeParsedMessages()} message catalogue(s) parsed`);

// The probes' input and facts validators, compiled now (ajv standalone) rather than at every run.
const { PROBES } = await load('probes/registry.js');
const { structureOnly } = await load('engine/facts-check.js');
const schemas = PROBES.flatMap((p) => [p.inputSchema, structureOnly(p.facts)]);
mkdirSync(join(dist, 'validators', 'inline'), { recursive: true });
const inline = (await load('util/schema-validator.js')).standaloneValidators(schemas);
for (const { file, code } of inline) writeFileSync(file, code);
console.error(`build: dist/validators/inline/, ${schemas.length} probe input and facts validators precompiled (${inline.length} files)`);

// Every named schema's validator too (dist/validators/<name>.cjs, loaded only by a run that validates
// such a file): compiling the target profile's schema with ajv was a tenth of a TLS run's time.
const { standaloneNamedValidator } = await load('util/schema-validator.js');
const named = readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => f.slice(0, -'.schema.json'.length));
for (const name of named) {
  const { file, code } = standaloneNamedValidator(name);
  writeFileSync(file, code);
}
console.error(`build: dist/validators/, ${named.length} schema validators precompiled`);

// oidc-provider (the sandbox's PSC) is some 1,900 modules with its dependencies: loading them one by
// one was the largest part of a sandbox run's start. It is bundled into one file, which the compiled
// sandbox imports instead. Without esbuild (a development dependency), the package's own files load.
try {
  const esbuild = await import('esbuild');
  const outfile = join(dist, 'vendor', 'oidc-provider.js');
  await esbuild.build({
    entryPoints: [createRequire(import.meta.url).resolve('oidc-provider')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning',
    // CommonJS dependencies inside an ES module bundle need a require for Node's built-in modules.
    banner: { js: "import { createRequire as __msscheckRequire } from 'node:module'; const require = __msscheckRequire(import.meta.url);" },
  });
  // The same as CommonJS, for the CommonJS bundle of the CLI (scripts/bundle-cli.mjs), which cannot import an ES module.
  await esbuild.build({
    entryPoints: [createRequire(import.meta.url).resolve('oidc-provider')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: join(dist, 'vendor', 'oidc-provider.cjs'), logLevel: 'warning',
    // As Node imports CommonJS from an ES module, the default export is module.exports: the Provider, with the named exports on it.
    footer: { js: 'module.exports = Object.assign(module.exports.default, module.exports);' },
  });
  let rewired = 0;
  for (const file of ['sandbox/psc/provider.js', 'sandbox/psc/ciba-device.js', 'sandbox/psc/token-exchange.js']) {
    const path = join(dist, file);
    const code = readFileSync(path, 'utf8');
    const next = code.replace(/from 'oidc-provider';/g, "from '../../vendor/oidc-provider.js';");
    if (next !== code) rewired++;
    writeFileSync(path, next);
  }
  console.error(`build: dist/vendor/oidc-provider.js bundled, imported by ${rewired} sandbox module(s)`);
} catch (err) {
  console.error(`build: oidc-provider not bundled (${err.message.split('\n')[0]}); the sandbox loads it from node_modules`);
}

/** Bundles a CommonJS package into dist/vendor/<file>, which its loader in src/ prefers when it is there. */
async function bundleCjs(pkg, file) {
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [createRequire(import.meta.url).resolve(pkg)],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: join(dist, 'vendor', file), logLevel: 'warning',
    });
    console.error(`build: dist/vendor/${file} bundled`);
  } catch (err) {
    console.error(`build: ${pkg} not bundled (${err.message.split('\n')[0]}); it loads from node_modules`);
  }
}
// @peculiar/x509 and its dependencies (asn1-*, tsyringe, ...) are some 180 CommonJS files, which a
// run loaded one by one; src/pki/x509-lib.ts loads the bundle.
await bundleCjs('@peculiar/x509', 'peculiar-x509.cjs');
// yaml (its CommonJS build) is some 70 files, which a run that reads a target profile loaded one by
// one (about 60 ms); src/util/yaml-lib.ts loads the bundle.
await bundleCjs('yaml', 'yaml.cjs');

// Last, the compiled CLI itself bundled into dist/bundle/ (scripts/bundle-cli.mjs says how and why);
// bin/msscheck.js loads it. Without esbuild, bin/msscheck.js loads dist/cli/main.js.
try {
  const esbuild = await import('esbuild');
  const { bundleCli } = await import('./bundle-cli.mjs');
  console.error(`build: dist/bundle/, the CLI bundled into ${await bundleCli(esbuild, dist)} file(s)`);
} catch (err) {
  console.error(`build: CLI not bundled (${err.message.split('\n')[0]}); bin/msscheck.js loads dist/cli/main.js`);
}
