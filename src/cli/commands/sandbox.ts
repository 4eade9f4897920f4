import { stringify } from 'yaml';
import { listDefects, startSandbox } from '../../sandbox/operator.js';
import { writeFileAtomic } from '../../util/atomic-file.js';
import type { Io } from '../main.js';
import { parseList } from '../options.js';
import { resolve } from 'node:path';

export interface SandboxFlags {
  defects?: string;
  printTarget?: string;
  listDefects?: boolean;
  json?: boolean;
  store?: string;
}

/** `msscheck sandbox`: list the defects, or run the sandbox operator until interrupted. */
export async function sandboxCommand(flags: SandboxFlags, io: Io, until?: Promise<void>): Promise<number> {
  if (flags.listDefects) {
    const defects = listDefects();
    if (flags.json) io.stdout.write(`${JSON.stringify(defects, null, 2)}\n`);
    else for (const d of defects) io.stdout.write(`${d.name}\n  ${d.description}\n  fails: ${d.fails.join(', ')}\n`);
    return 0;
  }
  const sandbox = await startSandbox({ defects: parseList(flags.defects), storeDir: flags.store ? resolve(io.cwd, flags.store) : undefined });
  try {
    const yaml = `# msscheck sandbox target profile (valid while this sandbox runs)\n${stringify(sandbox.target.profile)}`;
    if (flags.printTarget) writeFileAtomic(resolve(io.cwd, flags.printTarget), yaml);
    io.stdout.write(yaml);
    io.stderr.write(`sandbox running${sandbox.defects.length ? ` with defects ${sandbox.defects.join(', ')}` : ''}; Ctrl-C to stop\n`);
    if (flags.store) io.stderr.write(`accepted messages are written to ${flags.store}; lint them with: msscheck lint-message ${flags.store}/*.eml\n`);
    await (until ??
      new Promise<void>((r) => {
        process.once('SIGINT', () => r());
        process.once('SIGTERM', () => r());
      }));
  } finally {
    await sandbox.stop();
  }
  return 0;
}
