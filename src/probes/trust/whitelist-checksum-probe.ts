/**
 * `trust.whitelist-checksum`: the whitelist file the target uses is the one ANS published, by the
 * SHA-256 checksum file ANS publishes beside it (ansforge/MSS-liste-blanche `checksum`: the hex
 * SHA-256 of the XML bytes).
 */
import { phrase, type Phrase } from '../../i18n/phrase.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { targetPath } from '../../target/profile.js';
import { precondition, ProbeError, type Facts, type Probe } from '../types.js';
import { whitelistChecksumFacts } from './facts-schemas.js';

export interface WhitelistChecksumFacts extends Facts {
  expected: string;
  actual: string;
  matches: boolean;
}

function read(path: string, what: Phrase): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ProbeError('EINPUT', phrase('pe-file-unreadable', { what, path, code: (err as NodeJS.ErrnoException).code ?? String(err) }));
  }
}

/** The first 64-hex-digit token of a checksum file (`<hex>`, `<hex>  <name>` or `SHA256 (<name>) = <hex>`). */
export function checksumValue(text: string): string | undefined {
  return /\b([0-9a-fA-F]{64})\b/.exec(text)?.[1]?.toLowerCase();
}

export const whitelistChecksumProbe: Probe<Record<string, never>, WhitelistChecksumFacts> = {
  name: 'trust.whitelist-checksum',
  facts: whitelistChecksumFacts,
  summary: "SHA-256 of the whitelist file against the checksum file ANS publishes beside it (profile's whitelistChecksum)",
  inputSchema: { type: 'object', additionalProperties: false, properties: {} },
  async run(_input, ctx) {
    const { whitelist, whitelistChecksum } = ctx.target.profile;
    if (!whitelist) throw precondition(phrase('pe-no-whitelist'));
    if (!whitelistChecksum) throw precondition(phrase('pe-no-whitelist-checksum'));
    const checksumPath = targetPath(ctx.target, whitelistChecksum);
    const expected = checksumValue(read(checksumPath, phrase('pe-what-checksum-file')).toString('utf8'));
    if (!expected) throw new ProbeError('EINPUT', phrase('pe-checksum-no-value', { file: checksumPath }));
    const actual = createHash('sha256').update(read(targetPath(ctx.target, whitelist), phrase('pe-what-whitelist'))).digest('hex');
    ctx.evidence('json', phrase('ev-whitelist-checksum'), { whitelist, whitelistChecksum, expected, actual });
    return { expected, actual, matches: expected === actual };
  },
};
