import { describe, expect, it } from 'vitest';
import { warmUpProbes } from '../../src/engine/warm-up.js';
import { findProbe } from '../../src/probes/registry.js';
import type { Probe } from '../../src/probes/types.js';
import type { ScenarioInstance } from '../../src/scenarios/types.js';

const inst = (id: string, probes: string[]): ScenarioInstance =>
  ({ id, scenarioId: id, title: id, family: 't', file: 't.yaml', vars: {}, spec: { id, title: id, requirements: [], tags: [], severity: 'low', steps: probes.map((p, i) => ({ id: `s${i}`, probe: p })) } }) as ScenarioInstance;

describe('warmUpProbes: what the selected probes load lazily loads ahead of the run', () => {
  it("calls each selected probe's warmUp once, skips probes without one or unknown, and never rejects", async () => {
    const calls: string[] = [];
    const probe = (name: string, warm?: () => Promise<unknown>): Probe => ({ name, summary: name, inputSchema: {}, facts: { type: 'object' } as Probe['facts'], run: async () => ({}), ...(warm ? { warmUp: warm } : {}) });
    const probes: Record<string, Probe> = {
      'a.one': probe('a.one', async () => calls.push('a.one')),
      'b.two': probe('b.two', async () => {
        calls.push('b.two');
        throw new Error('a library that does not load');
      }),
      'c.none': probe('c.none'),
    };
    await expect(warmUpProbes([inst('X', ['a.one', 'c.none']), inst('Y', ['a.one', 'b.two', 'zz.unknown'])], (n) => probes[n])).resolves.toBeUndefined();
    expect(calls.sort()).toEqual(['a.one', 'b.two']);
  });

  it('the probes that import a library lazily say so: CIBA and token probes, mailbox readers, revocation', async () => {
    for (const name of ['oidc.ciba', 'oidc.token-forge', 'oidc.id-token', 'message.lint', 'smtp.dsn-delivery', 'x509.revocation']) {
      expect(findProbe(name)?.warmUp, name).toBeTypeOf('function');
      await expect(findProbe(name)!.warmUp!()).resolves.toBeDefined();
    }
  });
});
