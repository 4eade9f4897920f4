import type { VersionedSource } from '../model/result.js';
import { loadRequirementCatalogue, requirementCoverage, scenarioRefs } from '../policy/index.js';
import type { ScenarioSpec } from '../scenarios/types.js';

/** The requirement catalogue's identity, for the report header. */
export function loadRequirementsVersion(): VersionedSource {
  return loadRequirementCatalogue().versioned;
}

/**
 * Scenarios citing requirement ids the catalogue lacks. `run` warns about them (a user's own
 * scenarios may cite their own ids); the test suite keeps the built-in catalogue free of them.
 */
export function unknownRequirementCitations(specs: ScenarioSpec[]): { scenario: string; ids: string[] }[] {
  return requirementCoverage(loadRequirementCatalogue(), scenarioRefs(specs)).unknown;
}
