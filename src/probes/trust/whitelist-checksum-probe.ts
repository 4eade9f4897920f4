/**
 * `trust.whitelist-checksum`: the whitelist file the target uses is the one ANS published, by the
 * SHA-256 checksum file ANS publishes beside it (ansforge/MSS-liste-blanche `checksum`: the hex
 * SHA-256 of the XML bytes).
 */
import { phrase } from '../../i18n/phrase.js';
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

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ProbeError('EINPUT', `${what} ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
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
    if (!whitelist) throw precondition('the target profile gives no whitelist');
    if (!whitelistChecksum) throw precondition('the target profile gives no whitelistChecksum (the checksum file ANS publishes beside the whitelist)');
    const checksumPath = targetPath(ctx.target, whitelistChecksum);
    const expected = checksumValue(read(checksumPath, 'whitelist checksum file').toString('utf8'));
    if (!expected) throw new ProbeError('EINPUT', `whitelist checksum file ${checksumPath} holds no SHA-256 value (64 hex digits)`);
    const actual = createHash('sha256').update(read(targetPath(ctx.target, whitelist), 'whitelist')).digest('hex');
    ctx.evidence('json', phrase('ev-whitelist-checksum'), { whitelist, whitelistChecksum, expected, actual });
    return { expected, actual, matches: expected === actual };
  },
};
