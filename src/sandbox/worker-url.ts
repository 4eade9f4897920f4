/**
 * Where the sandbox worker's entry module is: the compiled `sandbox-worker.js` beside this module in
 * dist/, or the TypeScript source in a clone (the worker then registers tsx first, see worker-host.ts).
 * The one place that names the file, so that a bundled build can point it at its bundle.
 */
export function sandboxWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './sandbox-worker.ts' : './sandbox-worker.js', import.meta.url);
}
