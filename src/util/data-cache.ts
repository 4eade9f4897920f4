/**
 * The package's own data files (scenarios, requirement catalogue, policies, limits, rules...),
 * parsed and checked once at build time: `npm run build` loads them the way a run does, and writes
 * `dist/data-cache.json` with each file's parsed data and the checks it passed (schema validation,
 * the scenario loader's reference checks). At run time a file whose bytes hash to the cached hash,
 * under the same JSON Schemas, takes its data from the cache and skips those checks; any other file
 * (a user's file, an edited one, any file when the cache is absent, as under tsx) is parsed and
 * checked as before. Problems are still located by line: the YAML is parsed when one is reported.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Entry {
  sha: string;
  /** The parsed data as JSON text (parsed again at each read: a caller may change what it gets). */
  json: string;
  /** Checks the data passed at build time (`schema:<name>`, `scenario-checks`). */
  passed: string[];
  /** The file uses YAML aliases (its data then depends on the `yamlAliases` limit). */
  aliases: boolean;
}

interface CacheFile {
  /** Hash of every JSON Schema: a changed schema invalidates every entry. */
  schemas: string;
  /** The yamlAliases limit the data was expanded under. */
  yamlAliases: number;
  entries: Record<string, Entry>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_PATH = fileURLToPath(new URL('../data-cache.json', import.meta.url));
const SCHEMA_DIR = join(ROOT, 'schemas');

let cache: CacheFile | null | undefined;
let recording: CacheFile | undefined;

const sha = (text: string): string => createHash('sha256').update(text).digest('base64url');

function schemasHash(): string {
  const h = createHash('sha256');
  for (const name of readdirSync(SCHEMA_DIR).sort()) if (name.endsWith('.json')) h.update(name).update(readFileSync(join(SCHEMA_DIR, name)));
  return h.digest('base64url');
}

function keyOf(path: string): string | undefined {
  const rel = relative(ROOT, path);
  return rel.startsWith('..') || rel.startsWith(sep) ? undefined : rel.split(sep).join('/');
}

function load(): CacheFile | null {
  if (cache !== undefined) return cache;
  try {
    const c = JSON.parse(readFileSync(CACHE_PATH, 'utf8')) as CacheFile;
    cache = c.schemas === schemasHash() ? c : null;
  } catch {
    cache = null;
  }
  return cache;
}

/** A file's cached data and the checks it passed, when `text` is exactly what was cached. */
export function cachedData(path: string, text: string, yamlAliases: number): { data: unknown; passed: ReadonlySet<string> } | undefined {
  if (recording) return undefined;
  const key = keyOf(path);
  const c = key === undefined ? null : load();
  const e = c?.entries[key!];
  if (!c || !e || e.sha !== sha(text) || (e.aliases && yamlAliases < c.yamlAliases)) return undefined;
  return { data: JSON.parse(e.json), passed: new Set(e.passed) };
}

/** Build time: starts recording every data file read and every check it passes. */
export function startRecording(): void {
  recording = { schemas: schemasHash(), yamlAliases: 0, entries: {} };
}

/** Build time: a file read and parsed (kept only when its data survives JSON unchanged). */
export function recordData(path: string, text: string, data: unknown, usesAliases: () => boolean): void {
  const key = recording && keyOf(path);
  if (!recording || key === undefined) return;
  const aliases = usesAliases();
  const json = JSON.stringify(data);
  if (json === undefined || JSON.stringify(JSON.parse(json)) !== json) return;
  recording.entries[key] = { sha: sha(text), json, passed: [], aliases };
}

/** Build time: `path` (with these bytes) passed `check`. */
export function recordPassed(path: string, text: string, check: string): void {
  const key = recording && keyOf(path);
  const e = key === undefined ? undefined : recording!.entries[key];
  if (e && e.sha === sha(text) && !e.passed.includes(check)) e.passed.push(check);
}

/** Build time: writes `dist/data-cache.json` (data expanded under the `yamlAliases` limit); returns how many files it holds. */
export function writeRecording(yamlAliases: number): number {
  if (!recording) return 0;
  recording.yamlAliases = yamlAliases;
  writeFileSync(CACHE_PATH, JSON.stringify(recording));
  const n = Object.keys(recording.entries).length;
  recording = undefined;
  return n;
}
