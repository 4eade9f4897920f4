/**
 * `--bundle FILE`, `--sign-key FILE`, `--sign-key-passphrase REF` and `--force` of `run` and
 * `lint-message`: checked before anything runs (exit 2, nothing started, nothing written), then the
 * evidence bundle written after the reports.
 */
import { phrase } from '../i18n/phrase.js';
import { relative, resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { assertFileFree } from '../evidence/archive.js';
import { writeBundle, type BundleSources } from '../evidence/bundle.js';
import { loadSigningKey } from '../evidence/keys.js';
import { assertReportDirFree } from '../reporters/write.js';
import { InputError, saying } from '../util/input-error.js';
import type { Io } from './main.js';

export interface EvidenceFlags {
  bundle?: string;
  signKey?: string;
  signKeyPassphrase?: string;
  force?: boolean;
}

export interface PreparedOutput {
  bundlePath?: string;
  signingKey?: KeyObject;
  force: boolean;
}

/** Checks the output flags before a run: report folder free (or --force), bundle path free, key loadable. */
export async function prepareOutput(flags: EvidenceFlags, io: Io, outDir: string | undefined): Promise<PreparedOutput> {
  const force = flags.force === true;
  if (outDir) await assertReportDirFree(outDir, force);
  if ((flags.signKey || flags.signKeyPassphrase) && !flags.bundle) {
    throw new InputError({ field: flags.signKey ? '--sign-key' : '--sign-key-passphrase', ...saying(phrase('flag-sign-without-bundle'), phrase('flag-sign-without-bundle-fix')) });
  }
  if (flags.signKeyPassphrase && !flags.signKey) throw new InputError({ field: '--sign-key-passphrase', ...saying(phrase('flag-passphrase-without-key'), phrase('flag-passphrase-without-key-fix')) });
  if (!flags.bundle) return { force };
  const bundlePath = resolve(io.cwd, flags.bundle);
  await assertFileFree(bundlePath, force);
  const signingKey = flags.signKey ? loadSigningKey(flags.signKey, { cwd: io.cwd, env: io.env, passphraseRef: flags.signKeyPassphrase }) : undefined;
  return { bundlePath, signingKey, force };
}

/** Writes the bundle when one was asked for, and says where (on stderr when stdout carries a report). */
export async function writeOutputBundle(prepared: PreparedOutput, sources: BundleSources, io: Io, stream: NodeJS.WritableStream = io.stdout): Promise<void> {
  if (!prepared.bundlePath) return;
  const b = await writeBundle(prepared.bundlePath, sources, { signingKey: prepared.signingKey, force: prepared.force });
  const shown = relative(io.cwd, b.path) || b.path;
  stream.write(`bundle: ${shown} (${b.files} files, sha256 ${b.sha256}${b.keyid ? `, signed by key ${b.keyid}` : ', unsigned'})\n`);
}
