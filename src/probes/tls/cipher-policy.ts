import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TlsVersion } from '../../net/tls-versions.js';
import { InputError } from '../../util/input-error.js';
import { targetPath } from '../../target/profile.js';
import { ProbeError, type ProbeContext } from '../types.js';
import { YamlFile } from '../../util/yaml-file.js';
import { phrase } from '../../i18n/phrase.js';

export type CipherVerdict = 'ok' | 'weak' | 'forbidden';

/** A cipher policy file (schemas/cipher-policy.schema.json). */
export interface CipherPolicy {
  id: string;
  title: string;
  source: string;
  assumption?: string;
  protocols: Record<TlsVersion, CipherVerdict>;
  suites: { match: string; verdict: CipherVerdict; why: string }[];
  default: CipherVerdict;
  extraCandidates?: string[];
}

export interface LoadedCipherPolicy extends CipherPolicy {
  /** `built-in` or the file path. */
  path: string;
  judgeSuite(iana: string): { verdict: CipherVerdict; why: string };
  /** Worst of the protocol's and the suite's verdicts. */
  judge(version: TlsVersion, iana: string): { verdict: CipherVerdict; why: string };
}

export const DEFAULT_CIPHER_POLICY = fileURLToPath(new URL('../../../policy/tls/anssi-default.yaml', import.meta.url));

const RANK: Record<CipherVerdict, number> = { ok: 0, weak: 1, forbidden: 2 };

/** Policies loaded lately, by path, with the text they were loaded from (several probes of every target load one). */
const loaded = new Map<string, { text: string; policy: LoadedCipherPolicy }>();

/** Loads and checks a cipher policy (default: the ANSSI-based one). Bad input is an InputError naming file, line and field. */
export function loadCipherPolicy(path: string = DEFAULT_CIPHER_POLICY): LoadedCipherPolicy {
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    /* the loader says why */
  }
  const hit = loaded.get(path);
  if (hit && text !== undefined && hit.text === text) return hit.policy;
  const policy = loadUncached(path);
  if (text !== undefined) {
    if (loaded.size >= 16) loaded.clear();
    loaded.set(path, { text, policy });
  }
  return policy;
}

function loadUncached(path: string): LoadedCipherPolicy {
  const file = YamlFile.read<CipherPolicy>(path, 'cipher policy');
  const policy = file.validate('cipher-policy');
  const rules = policy.suites.map((r, i) => {
    try {
      return { ...r, re: new RegExp(r.match) };
    } catch (err) {
      throw new InputError(file.problem(`/suites/${i}/match`, `not a valid regular expression: ${(err as Error).message}`, 'write a JavaScript regular expression over IANA suite names'));
    }
  });
  const judgeSuite = (iana: string): { verdict: CipherVerdict; why: string } => {
    const r = rules.find((x) => x.re.test(iana));
    return r ? { verdict: r.verdict, why: r.why } : { verdict: policy.default, why: 'no rule of the policy names this suite' };
  };
  return {
    ...policy,
    path: path === DEFAULT_CIPHER_POLICY ? 'built-in' : path,
    judgeSuite,
    judge(version, iana) {
      const p = policy.protocols[version];
      const s = judgeSuite(iana);
      if (RANK[p] > RANK[s.verdict]) return { verdict: p, why: `${version} is ${p} under this policy` };
      return s;
    },
  };
}

/** The policy for this run: explicit input, else the target's `cipherPolicy`, else the default. */
export function cipherPolicyFor(input: { policy?: string }, ctx: ProbeContext): LoadedCipherPolicy {
  const p = input.policy ?? ctx.target.profile.cipherPolicy;
  try {
    return loadCipherPolicy(p ? targetPath(ctx.target, p) : undefined);
  } catch (err) {
    if (err instanceof InputError) throw new ProbeError('EINPUT', phrase('pe-cipher-policy', { message: err.message }));
    throw err;
  }
}
