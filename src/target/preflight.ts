/**
 * Preflight of a target profile that already passed its schema: what a run would trip on before it
 * learns anything about the operator. Files it names are readable, `env:` references are set, and
 * host names resolve. Every problem is listed at once (never the first only), each located at its
 * field and line with a fix. Resolution goes through an injectable resolver (tests use loopback).
 */
import { accessSync, constants } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import type { InputProblem } from '../util/input-error.js';
import type { YamlFile } from '../util/yaml-file.js';
import type { TargetProfile } from './profile.js';
import { translator, type Translator } from '../i18n/index.js';

/** Resolves a host name; rejects when it does not resolve. */
export type HostResolver = (host: string) => Promise<unknown>;

export const systemResolver: HostResolver = (host) => lookup(host);

export interface PreflightOptions {
  env: Record<string, string | undefined>;
  resolver?: HostResolver;
  /** Per-host resolution limit (default 5 s): a hung resolver is a problem, not a hang. */
  resolveTimeoutMs?: number;
  /** Language of the problems (default English). */
  tr?: Translator;
}

/** Fields holding a path to a file (relative to the profile's folder): the profile's own, and a certificate's. */
const TOP_FILE_FIELDS = new Set(['/whitelist', '/cipherPolicy']);
const CERTIFICATE_FILE_KEYS = new Set(['cert', 'key', 'pkcs12']);
const IN_CERTIFICATE = /\/(clientCertificate|peerCertificates\/[^/]+)\/[^/]+$/;
/** Fields holding a list of file paths. */
const FILE_LIST_KEYS = new Set(['trustAnchors']);

function isFileField(pointer: string, key: string): boolean {
  return TOP_FILE_FIELDS.has(pointer) || (CERTIFICATE_FILE_KEYS.has(key) && IN_CERTIFICATE.test(pointer));
}

interface Found {
  pointer: string;
  value: string;
}

function walk(node: unknown, pointer: string, visit: (pointer: string, key: string, value: unknown) => void): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${pointer}/${i}`, visit));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      visit(`${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, k, v);
      walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
    }
  }
}

/** The file paths, `env:`/`file:` references and host names a profile names, with their fields. */
export function profileReferences(profile: TargetProfile): { files: Found[]; envs: Found[]; hosts: Found[] } {
  const files: Found[] = [];
  const envs: Found[] = [];
  const hosts: Found[] = [];
  walk(profile, '', (pointer, key, value) => {
    if (typeof value === 'string') {
      if (value.startsWith('env:')) envs.push({ pointer, value: value.slice(4) });
      else if (value.startsWith('file:')) files.push({ pointer, value: value.slice(5) });
      else if (isFileField(pointer, key)) files.push({ pointer, value });
      else if (key === 'host' && pointer.startsWith('/endpoints/')) hosts.push({ pointer, value });
      else if ((key === 'url' || key === 'issuer' || key === 'discoveryUrl') && pointer.startsWith('/endpoints/')) {
        try {
          hosts.push({ pointer, value: new URL(value).hostname.replace(/^\[|\]$/g, '') });
        } catch {
          // the schema checks the URL form
        }
      }
    } else if (Array.isArray(value) && FILE_LIST_KEYS.has(key)) {
      value.forEach((v, i) => typeof v === 'string' && files.push({ pointer: `${pointer}/${i}`, value: v }));
    }
  });
  return { files, envs, hosts };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_r, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Every problem the preflight finds, in field order: files, then environment, then hosts. */
export async function preflightTarget(file: YamlFile<TargetProfile>, profile: TargetProfile, baseDir: string, options: PreflightOptions): Promise<InputProblem[]> {
  const problems: InputProblem[] = [];
  const tr = options.tr ?? translator('en');
  const refs = profileReferences(profile);
  for (const f of refs.files) {
    const path = isAbsolute(f.value) ? f.value : resolve(baseDir, f.value);
    try {
      accessSync(path, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(file.problem(f.pointer, tr.t('preflight-file', { file: f.value, code, path }), tr.t('preflight-file-fix')));
    }
  }
  for (const e of refs.envs) {
    if (!options.env[e.value]) problems.push(file.problem(e.pointer, tr.t('preflight-env', { name: e.value }), tr.t('preflight-env-fix', { name: e.value })));
  }
  const resolver = options.resolver ?? systemResolver;
  const unique = new Map<string, Found[]>();
  for (const h of refs.hosts) if (!isIP(h.value)) unique.set(h.value, [...(unique.get(h.value) ?? []), h]);
  const outcomes = await Promise.all(
    [...unique.keys()].map((host) =>
      withTimeout(Promise.resolve(resolver(host)), options.resolveTimeoutMs ?? 5000).then(
        () => undefined,
        (err: NodeJS.ErrnoException) => ({ host, why: err.code ?? err.message }),
      ),
    ),
  );
  for (const o of outcomes) {
    if (!o) continue;
    for (const h of unique.get(o.host) ?? []) {
      problems.push(file.problem(h.pointer, tr.t('preflight-host', { host: o.host, why: o.why }), tr.t('preflight-host-fix')));
    }
  }
  return problems;
}
