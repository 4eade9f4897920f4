// The compiled CLI bundled into dist/bundle/ (`npm run build` calls it last): a run used to load some
// 300 ES modules of dist/ one by one, a large part of a short run's time. esbuild bundles dist/'s JS
// (already compiled by tsc) into one entry per process entry point plus shared chunks (ESM code
// splitting), so that what main.js imports lazily (the commands, the sandbox, the OCSP client...)
// stays lazy. bin/msscheck.js loads dist/bundle/main.js when it is there, else dist/cli/main.js.
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
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** The entry points of dist/ that get a bundle of their own (dist/bundle/<name>.js): the CLI, and the sandbox's worker thread (src/sandbox/worker-url.ts). */
export const BUNDLE_ENTRIES = { main: 'cli/main.js', 'sandbox-worker': 'sandbox/sandbox-worker.js' };

/**
 * Bundles dist/'s entry points into dist/bundle/. `esbuild` is the development dependency; returns
 * how many files were written.
 */
export async function bundleCli(esbuild, dist, entries = BUNDLE_ENTRIES) {
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
        return abs.startsWith(vendor) ? { path: fromOutdir(abs), external: true } : undefined;
      });
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(dist + sep)) return undefined;
        const code = await readFile(args.path, 'utf8');
        if (!code.includes('import.meta')) return { contents: code, loader: 'js' };
        const other = /import\.meta(?!\.url\b)/.exec(code);
        if (other) throw new Error(`${args.path}: only import.meta.url is rewritten for the bundle, found "${code.slice(other.index, other.index + 30)}"`);
        const url = `new URL(${JSON.stringify(fromOutdir(args.path))}, import.meta.url).href`;
        return { contents: code.replace(/\bimport\.meta\.url\b/g, url), loader: 'js' };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(dist, file)])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS packages inside ES module chunks need a require for Node's built-in modules.
    banner: { js: "import { createRequire as __msscheckCreateRequire } from 'node:module'; const require = __msscheckCreateRequire(import.meta.url);" },
    chunkNames: '[name]-[hash]',
    // Maps to the shipped dist/ modules (Node applies them with --enable-source-maps), without copies of their text.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [plugin],
  });
  return Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length;
}
