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
  it.each(['psc-unknown-user-generic-error', 'psc-token-errors-not-json', 'psc-introspection-error-for-inactive', 'psc-errors-as-http-200'])('%s fails exactly its cases', async (name) => {
    const results = await runOnSandbox(instances, [name]);
    const s = statuses(results);
    expect(Object.keys(s).filter((id) => s[id] === 'fail').sort()).toEqual([...defect(name).fails].sort());
    expect(Object.values(s).filter((st) => st !== 'fail' && st !== 'pass')).toEqual([]);
  });
});

describe('psc-errors-as-http-200: the status assertions themselves fail', { timeout: 60_000 }, () => {
  it('each error case fails on its HTTP status, its JSON error still right', async () => {
    const results = await runOnSandbox(instances, ['psc-errors-as-http-200']);
    const failing = results.flatMap((r) => r.assertions.filter((a) => a.status === 'fail').map((a) => `${r.id} ${a.step} ${a.fact}`)).sort();
    expect(failing).toEqual([
      'OIDC-ERROR-RESPONSES/invalid-client invalid_client status',
      'OIDC-ERROR-RESPONSES/invalid-client invalid_client_header status',
      'OIDC-ERROR-RESPONSES/invalid-grant invalid_grant status',
      'OIDC-ERROR-RESPONSES/unknown-user unknown_user status',
    ]);
  });
});
