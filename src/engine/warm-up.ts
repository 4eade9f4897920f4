/**
 * Loading ahead: what the selected scenarios' probes load lazily (openid-client, jose, imapflow...,
 * and the validators of their inputs and facts) loads while the run waits anyway, for the built-in
 * sandbox to start in its worker thread, instead of in the middle of the run where every module
 * compiled delays every exchange in flight.
 */
import { findProbe as registryProbe } from '../probes/registry.js';
import type { Probe } from '../probes/types.js';
import type { ScenarioInstance } from '../scenarios/types.js';
import { inlineValidator } from '../util/schema-validator.js';
import { factsValidator } from './facts-check.js';

/** Starts each selected probe's `warmUp` and loads its validators, once per probe; resolves when all are done, never rejects. */
export async function warmUpProbes(instances: readonly ScenarioInstance[], findProbe: (name: string) => Probe | undefined = registryProbe): Promise<void> {
  const names = new Set(instances.flatMap((i) => i.spec.steps.map((s) => s.probe)));
  const probes = [...names].map((n) => findProbe(n)).filter((p): p is Probe => p !== undefined);
  const libraries = Promise.all(probes.map((p) => p.warmUp?.().catch(() => undefined)));
  // The validators load synchronously: after the work of this turn (reading the run's inputs).
  await new Promise((resolve) => setImmediate(resolve));
  for (const p of probes) {
    try {
      inlineValidator(p.inputSchema);
      factsValidator(p);
    } catch {
      // the step that uses it will say what is wrong
    }
  }
  await libraries;
}
