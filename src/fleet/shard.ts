import { createHash } from 'node:crypto';
import { InputError } from '../util/input-error.js';

/** One share of a fleet: `index` counts from 1 to `count` (as vitest's and Playwright's `--shard`). */
export interface Shard {
  index: number;
  count: number;
}

const FIX = 'write --shard I/N with 1 ≤ I ≤ N, e.g. --shard 2/4 (Kubernetes: $((JOB_COMPLETION_INDEX + 1))/N)';

export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new InputError({ field: '--shard', message: `"${text}" is not a shard`, fix: FIX });
  return { index, count };
}

/**
 * The shard (1…count) a target belongs to: a hash of its id alone, so a target never moves to
 * another shard when targets are added or removed (only `count` moves it).
 */
export function shardOf(targetId: string, count: number): number {
  const digest = createHash('sha256').update(targetId, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(targetId: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(targetId, shard.count) === shard.index;
}
