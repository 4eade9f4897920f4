/**
 * `npm run mailstack -- [--variant NAME] [--print-target FILE] [--keep-dir] [--list-variants]`:
 * starts the real mail stack (Postfix + Dovecot + the sandbox PSC), prints where its target profile
 * is, and runs until Ctrl-C / SIGTERM, then stops everything it started.
 */
import { copyFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../util/input-error.js';
import { MailStackError, startMailStack } from './stack.js';
import { loadMailStackVariants } from './variants.js';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        variant: { type: 'string', default: 'clean' },
        'print-target': { type: 'string' },
        'keep-dir': { type: 'boolean', default: false },
        'list-variants': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nfix: see npm run mailstack -- --help\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write('usage: npm run mailstack -- [--variant NAME] [--print-target FILE] [--keep-dir] [--list-variants]\n');
    return 0;
  }
  if (args['list-variants']) {
    for (const v of loadMailStackVariants()) process.stdout.write(`${v.name.padEnd(24)}${v.description}\n`);
    return 0;
  }
  const stack = await startMailStack({ variant: args.variant, keepDir: args['keep-dir'] });
  if (args['print-target']) copyFileSync(stack.targetFile, args['print-target']);
  process.stdout.write(
    [
      `mail stack "${stack.variant.name}" running (Postfix ${stack.versions.postfix}, Dovecot ${stack.versions.dovecot})`,
      `  MTA 127.0.0.1:${stack.ports.mta}  submission 127.0.0.1:${stack.ports.submission}  IMAP 127.0.0.1:${stack.ports.imap}`,
      `  target profile: ${args['print-target'] ?? stack.targetFile}`,
      `  configs and logs: ${stack.dir}${args['keep-dir'] ? ' (kept after stop)' : ' (removed on stop)'}`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await stack.stop();
  process.stdout.write('mail stack stopped, no process left\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof InputError ? 2 : err instanceof MailStackError && err.code === 'MAILSTACK_UNAVAILABLE' ? 3 : 1);
  },
);
