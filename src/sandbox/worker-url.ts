import { existsSync } from 'node:fs';

/**
 * Where the sandbox worker's entry module is: in the built package its bundle (dist/bundle/sandbox-worker.js,
 * scripts/bundle-cli.mjs) when there is one, else the compiled `sandbox-worker.js` beside this module in
 * dist/; in a clone the TypeScript source (the worker then registers tsx first, see worker-host.ts).
 * The one place that names the file.
 */
export function sandboxWorkerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./sandbox-worker.ts', import.meta.url);
  // In the bundle too, import.meta.url is this module's file in dist/ (scripts/bundle-cli.mjs).
  const bundled = new URL('../bundle/sandbox-worker.js', import.meta.url);
  return existsSync(bundled) ? bundled : new URL('./sandbox-worker.js', import.meta.url);
}
