/**
 * Loading ahead: what the selected scenarios' probes import lazily (openid-client, jose, imapflow...)
 * loads while the run waits anyway, for the built-in sandbox to start in its worker thread, instead
 * of in the middle of the run where every module compiled delays every exchange in flight.
 */
import { findProbe as registryProbe } from '../probes/registry.js';
import type { Probe } from '../probes/types.js';
import type { ScenarioInstance } from '../scenarios/types.js';

/** Starts each selected probe's `warmUp`, once per probe; resolves when all are done, never rejects. */
export async function warmUpProbes(instances: readonly ScenarioInstance[], findProbe: (name: string) => Probe | undefined = registryProbe): Promise<void> {
  const names = new Set(instances.flatMap((i) => i.spec.steps.map((s) => s.probe)));
  await Promise.all([...names].map((n) => findProbe(n)?.warmUp?.().catch(() => undefined)));
}
