/** Facts schema of dns.srv (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';

const strings = f.array(f.string());

export const srvFacts = factsSchema({
  service: f.string('the service label looked up, e.g. _submission._tcp'),
  domains: f.array(
    f.object({
      domain: f.string(),
      name: f.string(),
      records: f.array(f.object({ priority: f.integer(), weight: f.integer(), port: f.integer(), target: f.string(), addresses: strings })),
      declaredUnavailable: f.boolean(),
      pointsToEndpoint: f.boolean(),
    }),
  ),
  unpublished: strings,
  mismatched: strings,
});
