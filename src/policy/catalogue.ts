import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Confidence, VersionedSource } from '../model/result.js';
import { InputError, saying, type InputProblem } from '../util/input-error.js';
import { phrase } from '../i18n/phrase.js';
import { YamlFile } from '../util/yaml-file.js';

/** The built-in requirement catalogue: `catalogue/` at the repository root. */
export const BUILTIN_CATALOGUE_DIR = fileURLToPath(new URL('../../catalogue/', import.meta.url));

/** One requirement, with its document filled in from its file. */
export interface Requirement {
  id: string;
  /** Short name of the document (REF2, REM, RFC...). */
  documentId: string;
  /** The document's title (or the requirement's own `document`, e.g. one RFC). */
  document: string;
  documentVersion: string;
  summary: string;
  source: string;
  confidence: Confidence;
  /** The same rule under other ids, both ways (declared once in either file). */
  twins: string[];
  assumption?: string;
  /** The primary source backing a P requirement (an id of the manifest's `primarySources`). */
  primarySource?: string;
  /** `client-behaviour`: only a client under test can show it; operator-side scenarios do not verify it. */
  verification?: 'operator' | 'client-behaviour' | 'not-observable';
  /** File the requirement was read from. */
  file: string;
}

/** A primary source: official ANS text or repository, or a standard's text. */
export interface PrimarySource {
  id: string;
  title: string;
  url?: string;
}

export interface RequirementCatalogue {
  id: string;
  version: string;
  title: string;
  description?: string;
  requirements: Requirement[];
  byId: Map<string, Requirement>;
  primarySources: PrimarySource[];
  versioned: VersionedSource;
}

interface ManifestData {
  catalogueVersion: 1;
  id: string;
  version: string;
  title: string;
  description?: string;
  primarySources?: PrimarySource[];
}

interface RequirementsFileData {
  document: { id: string; title: string; version: string; url?: string; confidence: Confidence; primarySource?: string; note?: string };
  requirements: {
    id: string;
    summary: string;
    document?: string;
    documentVersion?: string;
    source: string;
    confidence: Confidence;
    twins?: string[];
    assumption?: string;
    primarySource?: string;
    verification?: 'operator' | 'client-behaviour' | 'not-observable';
  }[];
}

/**
 * Loads `dir/catalogue.yaml` (id, version, title) and every `dir/requirements/*.yaml`, each
 * validated against `schemas/requirements.schema.json`. Refused, with file and line: a duplicate id
 * across files, a twin that names an unknown requirement. All files are read before reporting.
 */
export function loadRequirementCatalogue(dir?: string): RequirementCatalogue {
  const root = resolve(dir ?? BUILTIN_CATALOGUE_DIR);
  const problems: InputProblem[] = [];
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof InputError) {
        problems.push(...err.problems);
        return undefined;
      }
      throw err;
    }
  };

  const manifest = collect(() => {
    const file = YamlFile.read<ManifestData>(join(root, 'catalogue.yaml'), 'requirement catalogue manifest');
    const data = file.validate('requirements');
    if ((data as unknown as { requirements?: unknown }).requirements !== undefined || data.catalogueVersion !== 1) {
      throw new InputError(file.problem('/', saying(phrase('cat-not-manifest'), phrase('cat-not-manifest-fix'))));
    }
    return data;
  });

  let names: string[] = [];
  try {
    names = readdirSync(join(root, 'requirements')).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    problems.push({ file: join(root, 'requirements'), ...saying(phrase('cat-no-folder'), phrase('cat-no-folder-fix')) });
  }

  const requirements: Requirement[] = [];
  const origin = new Map<string, { file: YamlFile<RequirementsFileData>; index: number }>();
  for (const name of names) {
    const path = join(root, 'requirements', name);
    const loaded = collect(() => {
      const file = YamlFile.read<RequirementsFileData>(path, 'requirement catalogue');
      const data = file.validate('requirements');
      if (!Array.isArray((data as { requirements?: unknown }).requirements)) {
        throw new InputError(file.problem('/', saying(phrase('cat-not-document'), phrase('cat-not-document-fix'))));
      }
      return { file, data };
    });
    if (!loaded) continue;
    const { file, data } = loaded;
    data.requirements.forEach((r, index) => {
      const first = origin.get(r.id);
      if (first) {
        const where = first.file.problem(`/requirements/${first.index}/id`, '');
        problems.push(file.problem(`/requirements/${index}/id`, saying(phrase('cat-duplicate', { id: r.id, where: `${where.file}:${where.line ?? '?'}` }), phrase('cat-duplicate-fix'))));
        return;
      }
      origin.set(r.id, { file, index });
      requirements.push({
        id: r.id,
        documentId: data.document.id,
        document: r.document ?? data.document.title,
        documentVersion: r.documentVersion ?? data.document.version,
        summary: r.summary.trim(),
        source: r.source,
        confidence: r.confidence,
        twins: [...(r.twins ?? [])],
        ...(r.assumption ? { assumption: r.assumption } : {}),
        ...(r.verification ? { verification: r.verification } : {}),
        ...((r.primarySource ?? data.document.primarySource) ? { primarySource: r.primarySource ?? data.document.primarySource } : {}),
        file: path,
      });
    });
  }

  const byId = new Map(requirements.map((r) => [r.id, r]));
  // A requirement marked P must name a primary source the manifest declares.
  const primaryIds = new Set((manifest?.primarySources ?? []).map((p) => p.id));
  for (const r of requirements) {
    if (r.primarySource === undefined && r.confidence !== 'P') continue;
    const { file, index } = origin.get(r.id)!;
    if (r.primarySource === undefined) {
      problems.push(file.problem(`/requirements/${index}/confidence`, saying(phrase('cat-p-without-primary', { id: r.id }), phrase('cat-p-without-primary-fix'))));
    } else if (manifest && !primaryIds.has(r.primarySource)) {
      problems.push(file.problem(`/requirements/${index}`, saying(phrase('cat-unknown-primary', { source: String(r.primarySource), id: r.id }), phrase('cat-unknown-primary-fix', { values: [...primaryIds].join(', ') }))));
    }
  }
  for (const r of requirements) {
    const { file, index } = origin.get(r.id)!;
    r.twins.forEach((t, j) => {
      const twin = byId.get(t);
      if (!twin) {
        problems.push(file.problem(`/requirements/${index}/twins/${j}`, saying(phrase('cat-unknown-twin', { twin: t }), phrase('cat-unknown-twin-fix'))));
      } else if (t === r.id) {
        problems.push(file.problem(`/requirements/${index}/twins/${j}`, saying(phrase('cat-self-twin'), phrase('cat-self-twin-fix'))));
      } else if (!twin.twins.includes(r.id)) {
        twin.twins.push(r.id);
      }
    });
  }
  if (problems.length || !manifest) throw new InputError(problems);
  for (const r of requirements) r.twins.sort();
  return {
    id: manifest.id,
    version: manifest.version,
    title: manifest.title,
    ...(manifest.description ? { description: manifest.description } : {}),
    requirements,
    byId,
    primarySources: manifest.primarySources ?? [],
    versioned: { id: manifest.id, version: manifest.version, source: root === resolve(BUILTIN_CATALOGUE_DIR) ? 'built-in' : root },
  };
}

/** The requirement `id`, or the one whose id matches it ignoring case. */
export function findRequirement(catalogue: RequirementCatalogue, id: string): Requirement | undefined {
  return catalogue.byId.get(id) ?? catalogue.requirements.find((r) => r.id.toLowerCase() === id.toLowerCase());
}

/** The lowest confidence among the cited requirements (`?` < `S` < `P`); undefined when none is known. */
export function lowestConfidence(catalogue: RequirementCatalogue, ids: string[]): Confidence | undefined {
  const order: Confidence[] = ['?', 'S', 'P'];
  const known = ids.map((id) => catalogue.byId.get(id)?.confidence).filter((c): c is Confidence => c !== undefined);
  return known.length ? order[Math.min(...known.map((c) => order.indexOf(c)))] : undefined;
}
