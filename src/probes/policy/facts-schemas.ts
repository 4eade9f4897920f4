/** Facts schema of policy.identification (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';

export const identificationFacts = factsSchema({
  verdict: f.oneOf('compliant', 'non-compliant', 'no-means'),
  means: f.array(f.string('a means judged, with its context')),
  nonCompliant: f.array(f.string()),
  forbiddenPrimary: f.array(f.string('a means forbidden by a policy entry resting on a primary source (P)')),
  forbiddenSecondary: f.array(f.string('a means forbidden by a policy entry resting on a secondary source (S)')),
  forbiddenUnconfirmed: f.array(f.string('a means forbidden by an unconfirmed entry (?), or left unruled')),
  firstNonCompliantDate: f.nullable(f.string()),
  soonNonCompliant: f.array(f.string()),
});
