/**
 * The identification-means deadline policy, the requirement catalogue and coverage.
 * Policies: policy/*.yaml (schemas/policy.schema.json, policy/README.md).
 * Catalogue: catalogue/ (schemas/requirements.schema.json, catalogue/README.md).
 */
export type { IsoDate } from './dates.js';
export { asOfDate, addDays, isIsoDate } from './dates.js';
export type { Policy, PolicyFileData, PolicyMeans, PolicyContext, PolicySource, PolicyStatus, ScheduleEntry, DatedRule } from './types.js';
export { loadPolicy, parsePolicy, DEFAULT_POLICY_PATH, BUILTIN_POLICY_DIR } from './load-policy.js';
export type { StatusOn, JudgeTargetInput } from './evaluate.js';
export {
  statusOn,
  judgeTarget,
  isCompliantStatus,
  checkContext,
  unknownMeans,
  findRule,
  ruleActiveOn,
  timelineWindow,
  meansSegments,
  sourceLabel,
} from './evaluate.js';
export type { PolicyTableRow, PolicyRuleRow, PolicyReport } from './table.js';
export { policyTable, renderPolicyTable, policyReport, renderPolicyReport } from './table.js';
export type { Requirement, RequirementCatalogue } from './catalogue.js';
export { loadRequirementCatalogue, loadRequirementCatalogue as loadCatalogue, findRequirement, lowestConfidence, BUILTIN_CATALOGUE_DIR } from './catalogue.js';
export type { ScenarioRef, CoverageReport, RequirementExplanation } from './coverage.js';
export { scenarioRefs, requirementCoverage, renderCoverage, explainRequirement, renderRequirementExplanation } from './coverage.js';
