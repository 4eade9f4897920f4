import type { Confidence, VersionedSource } from '../model/result.js';
import type { IsoDate } from './dates.js';

/** Statuses a policy can give a means (`unknown` is what the evaluator says where it gives none). */
export type PolicyStatus = 'allowed' | 'tolerated' | 'forbidden';

export interface PolicySource {
  id: string;
  title: string;
  url?: string;
  document?: string;
  confidence: Confidence;
  note?: string;
}

export interface PolicyContext {
  id: string;
  title: string;
  description?: string;
  assumption?: string;
}

export interface PolicyMeans {
  id: string;
  label: string;
  description?: string;
  observedAs?: string;
}

/** One dated status of some means in some contexts. Range [from, to], inclusive, open when absent. */
export interface ScheduleEntry {
  id: string;
  means: string[];
  contexts: string[];
  status: PolicyStatus;
  from?: IsoDate;
  to?: IsoDate;
  reason: string;
  source: string;
  confidence: Confidence;
  note?: string;
}

/** A dated rule that is not about a means (INS derogation, size ceiling...), read by id. */
export interface DatedRule {
  id: string;
  title: string;
  from?: IsoDate;
  to?: IsoDate;
  value?: number | string | boolean;
  unit?: string;
  source: string;
  confidence: Confidence;
  note?: string;
}

/** A policy file as written (schemas/policy.schema.json). */
export interface PolicyFileData {
  policyVersion: 1;
  id: string;
  version: string;
  title: string;
  description?: string;
  sources: PolicySource[];
  contexts: PolicyContext[];
  means: PolicyMeans[];
  schedule: ScheduleEntry[];
  rules?: DatedRule[];
}

/** A loaded, validated policy. */
export interface Policy extends Omit<PolicyFileData, 'rules'> {
  rules: DatedRule[];
  /** What a report records: id, version and `built-in` or the file path. */
  versioned: VersionedSource;
}
