import { fileURLToPath } from 'node:url';
import { YamlFile } from '../util/yaml-file.js';
import { InputError } from '../util/input-error.js';

/** One configuration of the real mail stack (fixtures/mailstack/variants.yaml). */
export interface MailStackVariant {
  name: string;
  description: string;
  /** Appended to Postfix main.cf. */
  postfixMain: string;
  /** Appended to dovecot.conf ({{NAME}} placeholders filled in). */
  dovecot: string;
  /** Appended to each Dovecot oauth2 passdb settings file. */
  oauth2?: string;
  /** `live`: CRLs re-issued at start and OCSP answers dated now; default `fixtures`. */
  revocation?: 'fixtures' | 'live';
  /** Instances whose result JSON must match `pattern` with `status`: proof the behaviour was exercised. */
  shows?: { id: string; status: string; pattern: string }[];
  /** Instances that must be `error` (an inconclusive server, never a verdict), with a reason pattern. */
  errors?: { id: string; reason: string }[];
  /** Instances that must fail, with requirement ids their failing assertions cite. */
  fails: { id: string; requirements: string[] }[];
  /** Instances that must warn (S rules) / end in review (? rules), as `fails`. */
  warns?: { id: string; requirements: string[] }[];
  reviews?: { id: string; requirements: string[] }[];
  mayAlsoFail?: { id: string; why: string }[];
}

export const MAILSTACK_FIXTURES = fileURLToPath(new URL('../../fixtures/mailstack/', import.meta.url));
export const VARIANTS_FILE = `${MAILSTACK_FIXTURES}variants.yaml`;

/** Every variant, validated against schemas/mailstack-variants.schema.json. */
export function loadMailStackVariants(path: string = VARIANTS_FILE): MailStackVariant[] {
  const file = YamlFile.read<{ variants: MailStackVariant[] }>(path, 'mail stack variants');
  const { variants } = file.validate('mailstack-variants');
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (seen.has(v.name)) throw new InputError(file.problem(`/variants/${i}/name`, `duplicate variant name "${v.name}"`, 'give each variant its own name'));
    seen.add(v.name);
  });
  return variants;
}

/** The variant named `name`; an unknown name is an InputError listing the known ones. */
export function mailStackVariant(name: string, path: string = VARIANTS_FILE): MailStackVariant {
  const all = loadMailStackVariants(path);
  const v = all.find((x) => x.name === name);
  if (!v) throw new InputError({ file: path, field: '--variant', message: `unknown mail stack variant "${name}"`, fix: `use one of: ${all.map((x) => x.name).join(', ')}` });
  return v;
}
