// The compiled CLI bundled into dist/bundle/ (`npm run build` calls it last): a run used to load some
// 300 ES modules of dist/ one by one, a large part of a short run's time. esbuild bundles dist/'s JS
// (already compiled by tsc) into one entry per process entry point plus shared chunks (ESM code
// splitting), so that what main.js imports lazily (the commands, the sandbox, the OCSP client...)
// stays lazy. The CLI's entry is bundled a second time as one CommonJS file, dist/bundle/main.cjs (no
// splitting: a dynamic import() of a bundled module becomes a lazily run init function), which
// bin/msscheck.js prefers because it can compile it with V8's code cache (Node 20 has none for ES
// modules): it is written without whitespace or comments and in ASCII, so that reading it at each
// start costs little. Its `import.meta.url` is computed from the bundle's `__dirname`, and it requires
// the CommonJS twin of a vendor ES module (dist/vendor/oidc-provider.cjs). The sandbox worker stays
// ESM. bin/msscheck.js loads dist/bundle/main.js when there is no main.cjs, else dist/cli/main.js.
//
// The packages of node_modules that the modules import are bundled with them (loading them file by
// file was most of the rest: commander alone is 9 files, imapflow and its dependencies some 150).
// What stays outside the bundle, loaded as before:
// - dist/vendor/* (the vendor bundles: oidc-provider, @peculiar/x509, yaml), and the packages that
//   modules load with createRequire (ajv, otpauth) or that the vendor bundles hold;
// - data files, validators and the vendor bundles that modules locate from `import.meta.url`: each
//   module's `import.meta.url` is replaced by the URL of its ORIGINAL file in dist/, computed at run
//   time relative to the chunk (`new URL('../sandbox/psc/config.js', import.meta.url).href`), so that
//   `new URL('./psc-sandbox.yaml', …)` or `createRequire(…)` still find the same files wherever the
//   package is installed. Every chunk is written directly in dist/bundle/, one folder below dist/.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** The entry points of dist/ that get a bundle of their own (dist/bundle/<name>.js): the CLI, and the sandbox's worker thread (src/sandbox/worker-url.ts). */
export const BUNDLE_ENTRIES = { main: 'cli/main.js', 'sandbox-worker': 'sandbox/sandbox-worker.js' };

/**
 * Bundles dist/'s entry points into dist/bundle/. `esbuild` is the development dependency; returns
 * how many files were written.
 */
export async function bundleCli(esbuild, dist, entries = BUNDLE_ENTRIES) {
  const esm = await bundleOnce(esbuild, dist, entries, 'esm');
  const cjs = await bundleOnce(esbuild, dist, { [CJS_ENTRY]: entries[CJS_ENTRY] }, 'cjs');
  return esm + cjs;
}

/** The entry that also gets a CommonJS bundle (dist/bundle/main.cjs, loaded by bin/msscheck.js with V8's code cache). */
const CJS_ENTRY = 'main';

async function bundleOnce(esbuild, dist, entries, format) {
  const outdir = join(dist, 'bundle');
  const vendor = join(dist, 'vendor') + sep;
  /** A path of dist/ as the chunks in outdir import it: `../vendor/x.js`. */
  const fromOutdir = (abs) => relative(outdir, abs).split(sep).join('/');
  const plugin = {
    name: 'msscheck-dist',
    setup(build) {
      // The vendor bundles stay files of their own (the loaders in src/ already prefer them).
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const abs = resolve(args.resolveDir, args.path);
        if (!abs.startsWith(vendor)) return undefined;
        // The CommonJS bundle requires a vendor ES module's CommonJS twin (dist/vendor/oidc-provider.cjs, scripts/build.mjs).
        const twin = abs.replace(/\.js$/, '.cjs');
        return { path: fromOutdir(format === 'cjs' && twin !== abs && existsSync(twin) ? twin : abs), external: true };
      });
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(dist + sep)) return undefined;
        const code = await readFile(args.path, 'utf8');
        if (!code.includes('import.meta')) return { contents: code, loader: 'js' };
        const other = /import\.meta(?!\.url\b)/.exec(code);
        if (other) throw new Error(`${args.path}: only import.meta.url is rewritten for the bundle, found "${code.slice(other.index, other.index + 30)}"`);
        const url =
          format === 'esm'
            ? `new URL(${JSON.stringify(fromOutdir(args.path))}, import.meta.url).href`
            : `__msscheckDistUrl(${JSON.stringify(fromOutdir(args.path))})`;
        return { contents: code.replace(/\bimport\.meta\.url\b/g, url), loader: 'js' };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(dist, file)])),
    outdir,
    bundle: true,
    splitting: format === 'esm',
    format,
    outExtension: format === 'cjs' ? { '.js': '.cjs' } : undefined,
    // The CommonJS bundle is read whole at every start: without comments or indentation, and ASCII (read as latin1).
    minifyWhitespace: format === 'cjs',
    charset: 'ascii',
    legalComments: format === 'cjs' ? 'none' : undefined,
    platform: 'node',
    target: 'node20',
    // CommonJS packages inside ES module chunks need a require for Node's built-in modules.
    // In the CommonJS bundle, a module's original URL is computed from the bundle's own folder.
    banner: {
      js:
        format === 'esm'
          ? "import { createRequire as __msscheckCreateRequire } from 'node:module'; const require = __msscheckCreateRequire(import.meta.url);"
          : // first, so that the whole file is strict as the ES modules were (esbuild's own "use strict" comes after the banner)
            "'use strict'; var __msscheckDistUrl = ((req, dir) => (p) => req('node:url').pathToFileURL(req('node:path').join(dir, p)).href)(require, __dirname);",
    },
    chunkNames: format === 'esm' ? '[name]-[hash]' : undefined,
    // Maps to the shipped dist/ modules (Node applies them with --enable-source-maps), without copies of their text.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [plugin],
  });
  return Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length;
}
