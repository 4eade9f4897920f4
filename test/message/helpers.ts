import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintMessageSource, type FileLint } from '../../src/message/lint.js';
import { parsePolicy, type Policy } from '../../src/policy/index.js';
import { DEFAULT_POLICY_PATH } from '../../src/policy/index.js';
import { messagePolicyView } from '../../src/message/ins-derogation.js';
import type { Status } from '../../src/model/result.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/messages/', import.meta.url));
export const AS_OF = new Date('2024-06-01T00:00:00Z');

/** The default policy with the INS derogation ended on 2023-12-31. */
export function policyWithDerogationEnded(): Policy {
  const text = readFileSync(DEFAULT_POLICY_PATH, 'utf8').replace('  - id: ins-derogation\n', '  - id: ins-derogation\n    to: 2023-12-31\n');
  if (!text.includes('to: 2023-12-31')) throw new Error('could not end the derogation in the test policy');
  return parsePolicy('test-policy.yaml', text);
}

export async function lintBytes(name: string, data: Buffer, policy?: Policy, strict = false): Promise<FileLint> {
  const opts = policy ? { asOf: AS_OF, insDerogation: messagePolicyView(policy).insDerogation } : { asOf: AS_OF };
  return lintMessageSource(name, data, { ...opts, strength: { strict } });
}

export function statusOf(l: FileLint, ruleId: string): Status | undefined {
  return l.results.find((r) => r.rule.id === ruleId)?.outcome.status;
}

export function statuses(l: FileLint): Record<string, Status> {
  return Object.fromEntries(l.results.map((r) => [r.rule.id, r.outcome.status]));
}
