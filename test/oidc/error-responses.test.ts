import { describe, expect, it } from 'vitest';
import { defect, instancesOf, runOnSandbox, statuses } from '../helpers/sandbox-scenarios.js';

const instances = instancesOf('OIDC-ERROR-RESPONSES');

describe('OIDC-ERROR-RESPONSES against the sandbox Pro Santé Connect', { timeout: 60_000 }, () => {
  it('passes every case on the clean sandbox', async () => {
    const results = await runOnSandbox(instances);
    expect(results.map((r) => ({ id: r.id, status: r.status, reason: r.reason }))).toEqual(results.map((r) => ({ id: r.id, status: 'pass', reason: undefined })));
    expect(results.length).toBe(4);
  });
});

describe('OIDC-ERROR-RESPONSES under its sandbox defects', { timeout: 60_000 }, () => {
  it.each(['psc-unknown-user-generic-error', 'psc-token-errors-not-json', 'psc-introspection-error-for-inactive'])('%s fails exactly its cases', async (name) => {
    const results = await runOnSandbox(instances, [name]);
    const s = statuses(results);
    expect(Object.keys(s).filter((id) => s[id] === 'fail').sort()).toEqual([...defect(name).fails].sort());
    expect(Object.values(s).filter((st) => st !== 'fail' && st !== 'pass')).toEqual([]);
  });
});
