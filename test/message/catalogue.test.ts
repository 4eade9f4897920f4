import { describe, expect, it } from 'vitest';
import { loadMessageRules } from '../../src/message/rules-data.js';
import { findRequirement, loadRequirementCatalogue } from '../../src/policy/index.js';

describe('message rules and the requirement catalogue', () => {
  it('every requirement id of the message rules is in the catalogue', () => {
    const catalogue = loadRequirementCatalogue();
    const missing = loadMessageRules().rules.flatMap((r) => r.requirements.filter((id) => !findRequirement(catalogue, id)).map((id) => `${r.id}: ${id}`));
    expect(missing).toEqual([]);
  });
});
