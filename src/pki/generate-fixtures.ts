/**
 * `npm run pki [-- --epoch YYYY-MM-DD] [--out DIR]`: (re)generates the test PKI in fixtures/pki
 * (or DIR) from fixtures/pki/pki.yaml. Existing keys are reused, so the output is byte-identical
 * from one run to the next.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InputError } from '../util/input-error.js';
import { generatePki } from './generate.js';

const PKI_DIR = fileURLToPath(new URL('../../fixtures/pki/', import.meta.url));

async function main(): Promise<void> {
  let values: { epoch?: string; out?: string; spec?: string };
  try {
    ({ values } = parseArgs({
      options: { epoch: { type: 'string' }, out: { type: 'string' }, spec: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (err) {
    throw new InputError({ message: (err as Error).message, fix: 'usage: npm run pki -- [--epoch YYYY-MM-DD] [--out DIR] [--spec pki.yaml]' });
  }
  const outDir = values.out ?? PKI_DIR;
  const manifest = await generatePki({
    specPath: values.spec ?? join(PKI_DIR, 'pki.yaml'),
    outDir,
    keysDir: join(PKI_DIR, 'keys'),
    epoch: values.epoch,
  });
  process.stdout.write(
    `test PKI written to ${outDir}: ${manifest.items.length} certificates, ${manifest.crls.length} CRLs (epoch ${manifest.epoch})\n`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof InputError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
