import { describe, expect, it } from 'vitest';
import { renderPhrase } from '../../src/i18n/phrase.js';
import { judgeStep } from '../../src/engine/evaluate.js';
import { applyOperator, judgeable } from '../../src/engine/operators.js';
import { lookup, resolveTemplates, TemplateError } from '../../src/engine/template.js';
import type { AssertionSpec, Operator } from '../../src/scenarios/types.js';
import { Redactor } from '../../src/util/redact.js';

describe('operators', () => {
  const cases: [Operator, unknown, unknown, boolean][] = [
    ['equals', 220, 220, true], ['equals', 220, '220', false], ['equals', { a: 1 }, { a: 1 }, true],
    ['notEquals', 'fail', 'fail', false], ['notEquals', 'pass', 'fail', true],
    ['in', 'b', ['a', 'b'], true], ['in', 'c', ['a', 'b'], false],
    ['notIn', 'c', ['a', 'b'], true], ['notIn', 'a', ['a'], false],
    ['contains', ['STARTTLS', 'AUTH'], 'AUTH', true], ['contains', 'hello world', 'world', true], ['contains', [], 'X', false],
    ['notContains', ['STARTTLS'], 'STARTTLS', false], ['notContains', ['AUTH'], 'STARTTLS', true],
    ['containsAll', ['a', 'b', 'c'], ['a', 'c'], true], ['containsAll', ['a'], ['a', 'b'], false],
    ['containsAny', ['a'], ['x', 'a'], true], ['containsAny', ['a'], ['x'], false],
    ['subsetOf', ['a'], ['a', 'b'], true], ['subsetOf', ['a', 'z'], ['a', 'b'], false],
    ['disjointFrom', ['a'], ['b'], true], ['disjointFrom', ['a', 'b'], ['b'], false],
    ['matches', 'TLSv1.3', '^TLSv1\\.[23]$', true], ['matches', 'TLSv1', '^TLSv1\\.[23]$', false],
    ['notMatches', 'abc', '^x', true], ['notMatches', 'xbc', '^x', false],
    ['exists', 0, undefined, true], ['exists', undefined, undefined, false], ['exists', null, undefined, false],
    ['absent', undefined, undefined, true], ['absent', 'x', undefined, false],
    ['empty', [], undefined, true], ['empty', '', undefined, true], ['empty', {}, undefined, true], ['empty', ['a'], undefined, false],
    ['notEmpty', ['a'], undefined, true], ['notEmpty', [], undefined, false],
    ['gt', 2, 1, true], ['gt', 1, 1, false], ['gte', 1, 1, true], ['lt', 0, 1, true], ['lte', 2, 1, false], ['gt', '2', 1, false],
    ['before', '2025-12-31', '2026-01-01', true], ['before', '2026-01-02', '2026-01-01', false],
    ['after', '2026-01-02T00:00:00Z', '2026-01-01', true], ['after', 'not a date', '2026-01-01', false],
  ];
  it.each(cases)('%s(%j, %j) is %s', (op, found, expected, holds) => {
    expect(applyOperator(op, found, expected)).toBe(holds);
  });

  it('only exists/absent judge a missing fact; null is judged by all but the negative operators over content', () => {
    for (const op of ['notContains', 'empty', 'notEmpty', 'disjointFrom', 'notMatches', 'notIn', 'notEquals', 'equals', 'gt', 'before'] as Operator[]) {
      expect(judgeable(op, undefined), op).toBe(false);
    }
    expect(judgeable('exists', undefined)).toBe(true);
    expect(judgeable('absent', undefined)).toBe(true);
    for (const op of ['equals', 'notEquals', 'in', 'notIn', 'exists', 'absent', 'matches', 'contains', 'gt', 'notEmpty'] as Operator[]) expect(judgeable(op, null), op).toBe(true);
    for (const op of ['notContains', 'empty', 'disjointFrom', 'notMatches', 'subsetOf'] as Operator[]) expect(judgeable(op, null), op).toBe(false);
  });
});

describe('templates', () => {
  const scope = { endpoint: 'imap', target: { endpoints: { imap: { host: '127.0.0.1', port: 143 } } }, steps: { a: { facts: { list: ['x'], n: 0 } } }, asOf: '2026-01-01T00:00:00.000+01:00' };
  it('a whole-string template keeps its type; inside text it becomes text; nested structures resolve', () => {
    expect(resolveTemplates('${steps.a.facts.list}', scope)).toEqual(['x']);
    expect(resolveTemplates('${steps.a.facts.n}', scope)).toBe(0);
    expect(resolveTemplates('port ${target.endpoints.imap.port}', scope)).toBe('port 143');
    expect(resolveTemplates({ a: ['${endpoint}'] }, scope)).toEqual({ a: ['imap'] });
    expect(lookup(scope, 'steps.a.facts.list.0')).toBe('x');
  });
  it('a template without a value throws a TemplateError naming the path', () => {
    expect(() => resolveTemplates('${steps.b.facts.x}', scope)).toThrow(TemplateError);
    expect(() => resolveTemplates('on ${nope}', scope)).toThrow('template ${nope} has no value');
  });
});

describe('judging a step (missing facts, template errors, operator exceptions)', () => {
  const judge = (expect: AssertionSpec[], facts: Record<string, unknown>) => {
    const j = judgeStep('s', expect, facts, { steps: {} }, { requirements: ['R'] }, new Redactor());
    return { ...j, unjudged: j.unjudged.map((p) => renderPhrase(p)) };
  };
  const a = (fact: string, op: Operator, value?: unknown): AssertionSpec => ({ fact, op, description: `${fact} ${op}`, ...(value === undefined ? {} : { value }) });

  it('a negative operator on a fact the step did not produce is unjudged, never a pass', () => {
    const j = judge([a('extensionsAfterTls', 'notContains', 'STARTTLS'), a('list', 'empty'), a('codes', 'disjointFrom', [1])], {});
    expect(j.assertions).toEqual([]);
    expect(j.unjudged).toHaveLength(3);
    expect(j.unjudged[0]).toContain('fact extensionsAfterTls was not produced by the step');
  });
  it('absent and exists judge presence; a null fact is "not known" for notContains but judged by equals', () => {
    const j = judge([a('tokenHandle', 'absent'), a('caps', 'notContains', 'X'), a('caps', 'equals', null)], { caps: null });
    expect(j.assertions.map((x) => [x.fact, x.status])).toEqual([['tokenHandle', 'pass'], ['caps', 'pass']]);
    expect(j.unjudged[0]).toContain('is not known (null)');
  });
  it('a template without a value and a broken regex make the assertion unjudged instead of throwing', () => {
    const j = judge([a('code', 'equals', '${steps.nope.facts.code}'), a('name', 'matches', '((')], { code: 1, name: 'x' });
    expect(j.assertions).toEqual([]);
    expect(j.unjudged[0]).toContain('template ${steps.nope.facts.code} has no value');
    expect(j.unjudged[1]).toContain('Invalid regular expression');
  });
});
