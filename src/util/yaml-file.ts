import { readFileSync } from 'node:fs';
import { whatPhrase } from './input-what.js';
import { phrase } from '../i18n/phrase.js';
import type { Document, LineCounter, Node } from 'yaml';
import { yaml } from './yaml-lib.js';
import { saying, InputError, type InputProblem } from './input-error.js';
import { checkInputFile, readError } from './input-file.js';
import { currentLimits } from '../limits/limits.js';
import { describeAjvError, schemaValidator } from './schema-validator.js';
import { cachedData, recordData, recordPassed } from './data-cache.js';

/**
 * A YAML (or JSON) data file, parsed with source positions so that every problem found later
 * (schema violation, unknown reference, overlapping dates) can name its line.
 */
export class YamlFile<T = unknown> {
  private constructor(
    readonly path: string,
    readonly data: T,
    private readonly text: string,
    private parsed: { doc: Document.Parsed; lines: LineCounter } | undefined,
    /** Checks these bytes passed when the package was built (data-cache.ts); none for other files. */
    private readonly passed: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * Reads and parses `path`. A missing, unreadable, non-regular, oversized (limit `inputFileBytes`)
   * or binary file, a YAML syntax error or an alias bomb is an InputError. The package's own data
   * files come from the build-time cache when their bytes are unchanged (data-cache.ts).
   */
  static read<T = unknown>(path: string, what: string): YamlFile<T> {
    checkInputFile(path, { what, sizeLimit: 'inputFileBytes', text: true });
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw readError(err, path, what);
    }
    const hit = cachedData(path, text, currentLimits().yamlAliases);
    if (hit) return new YamlFile<T>(path, hit.data as T, text, undefined, hit.passed);
    return YamlFile.parse<T>(path, text, what);
  }

  static parse<T = unknown>(path: string, text: string, what: string): YamlFile<T> {
    const { doc, lines } = parseYaml(text);
    if (doc.errors.length > 0) {
      throw new InputError(
        doc.errors.map((e) => {
          const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
          return {
            file: path,
            line: pos?.line,
            column: pos?.col,
            ...saying(phrase('input-yaml-invalid', { what: whatPhrase(what), detail: e.message.split('\n')[0] ?? '' }), phrase('input-yaml-invalid-fix')),
          };
        }),
      );
    }
    const maxAliasCount = currentLimits().yamlAliases;
    let data: T;
    try {
      data = doc.toJS({ maxAliasCount }) as T;
    } catch (err) {
      // The yaml library refuses alias expansion past maxAliasCount (a "billion laughs" bomb).
      if (!/alias/i.test((err as Error)?.message ?? '')) throw err;
      throw new InputError({
        file: path,
        ...saying(phrase('input-yaml-aliases', { what: whatPhrase(what), max: String(maxAliasCount) }), phrase('input-yaml-aliases-fix')),
      });
    }
    if (data === null || data === undefined) {
      throw new InputError({ file: path, line: 1, ...saying(phrase('input-empty', { what: whatPhrase(what) }), phrase('input-empty-fix', { what: whatPhrase(what) })) });
    }
    // Only the build records (the alias scan then runs on the package's own files, not at every parse).
    recordData(path, text, data, () => /(^|[\s[{,:-])\*[^\s,\]}]/m.test(text));
    return new YamlFile<T>(path, data, text, { doc, lines });
  }

  /** Whether these bytes passed `check` at build time (then the caller need not run it again). */
  passedAtBuild(check: string): boolean {
    return this.passed.has(check);
  }

  /** Notes that `check` passed (recorded when the build makes the data cache). */
  notePassed(check: string): void {
    recordPassed(this.path, this.text, check);
  }

  private source(): { doc: Document.Parsed; lines: LineCounter } {
    return (this.parsed ??= parseYaml(this.text));
  }

  /** Line and column of the node at `path` (or of the key `key` inside it), 1-based. */
  position(path: (string | number)[], key?: string): { line?: number; column?: number } {
    const { doc, lines } = this.source();
    const { isMap, isNode, isScalar, isSeq } = yaml();
    let node: unknown = doc.contents;
    for (const seg of path) {
      if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
      else if (isSeq(node)) node = node.items[Number(seg)];
      else break;
    }
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isNode(pair.key)) node = pair.key;
    }
    const range = isNode(node) ? (node as Node).range : undefined;
    if (!range) return {};
    const pos = lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  }

  /** An InputProblem located at `field` (a `/a/0/b` pointer). */
  problem(field: string, message: string | Pick<InputProblem, 'message' | 'fix' | 'messagePhrase' | 'fixPhrase'>, fix?: string, key?: string): InputProblem {
    const path = field.split('/').filter((s) => s !== '').map(unescapePointer);
    return { file: this.path, ...this.position(path, key), field: field || '/', ...(typeof message === 'string' ? { message, fix } : message) };
  }

  /** Validates the data against `schemas/<schema>.schema.json`; throws an InputError listing every problem. */
  validate(schema: string): T {
    if (this.passed.has(`schema:${schema}`)) return this.data;
    const validate = schemaValidator(schema);
    if (validate(this.data)) {
      this.notePassed(`schema:${schema}`);
      return this.data;
    }
    const seen = new Set<string>();
    const problems: InputProblem[] = [];
    for (const e of validate.errors ?? []) {
      // `oneOf`/`anyOf` umbrella errors repeat what their branches said; keep the precise ones.
      if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
      const said = describeAjvError(e);
      const extraKey = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : undefined;
      const field = extraKey ? `${e.instancePath}/${extraKey}` : e.instancePath;
      const key = `${field}|${said.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(this.problem(e.instancePath, said, undefined, extraKey));
      if (extraKey) problems[problems.length - 1].field = field;
    }
    throw new InputError(problems);
  }
}

function parseYaml(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
