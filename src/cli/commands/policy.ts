import { resolve } from 'node:path';
import { translator } from '../../i18n/index.js';
import { checkContext, loadPolicy, policyReport, renderPolicyReport } from '../../policy/index.js';
import type { Io } from '../main.js';
import { localise } from '../../i18n/data.js';
import { localisePolicyReport } from '../../i18n/localise-report.js';
import { parseAsOf } from '../options.js';

export interface PolicyFlags {
  asOf?: string;
  policy?: string;
  context?: string;
  json?: boolean;
}

/** `msscheck policy --as-of DATE`: every means and its status on that date, with reason and source. */
export function policyCommand(flags: PolicyFlags, io: Io): number {
  const asOf = parseAsOf(flags.asOf, io.now);
  const policy = loadPolicy(flags.policy ? resolve(io.cwd, flags.policy) : undefined);
  if (flags.context) checkContext(policy, flags.context);
  const report = policyReport(policy, asOf, flags.context);
  io.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderPolicyReport(localisePolicyReport(report, localise(io.lang ?? 'en')), translator(io.lang ?? 'en')));
  return 0;
}
