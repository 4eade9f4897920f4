/**
 * The message lint checks, one function per `check` name of the rules data. A check reads the
 * message view and the rule values (data) and returns assertions: what was expected, what was
 * found. It never reads a constant that is a rule: header names, patterns, OIDs and limits come
 * from `rules`.
 */
import type { AssertionResult, AssertionStatus, Confidence, Status } from '../model/result.js';
import { orList, phrase, renderPhrase, type Phrase } from '../i18n/phrase.js';
import { applyStrength, type StrengthOptions } from '../engine/verdict-strength.js';
import { decodeEncodedWords, isMsgId, parseAddressList, parseMsgIdList } from './header-values.js';
import type { InsDerogation } from './ins-derogation.js';
import { isDerogationActive } from './ins-derogation.js';
import { parisDay } from '../util/as-of.js';
import type { CheckName, MdnAlternativeShape, MessageRuleSpec, MessageRules } from './rules-data.js';
import type { MimePart } from './mime.js';
import { header, type MessageView } from './view.js';
import { readReportFields, reportFieldValues } from './report-fields.js';

export interface CheckContext {
  rules: MessageRules;
  rule: MessageRuleSpec;
  asOf: Date;
  insDerogation: InsDerogation;
  /** Verdict strength (strict mode, catalogue); the rule's `confidence` is its own. */
  strength?: StrengthOptions;
}

export interface RuleOutcome {
  status: Status;
  reason?: string;
  /** `reason` as a message of the catalogue (readable reports show it in the user's language). */
  reasonPhrase?: Phrase;
  assertions: AssertionResult[];
}

/** An outcome whose reason is a phrase: the English text beside it. */
function said(status: Status, reason: Phrase, assertions: AssertionResult[] = []): RuleOutcome {
  return { status, reason: renderPhrase(reason), reasonPhrase: reason, assertions };
}

/** Phrases joined by `; `. */
function joined(list: (string | Phrase)[]): string | Phrase {
  return list.reduce((all, p) => phrase('list-semicolon', { first: all, next: p }));
}


type Check = (v: MessageView, ctx: CheckContext) => RuleOutcome;

/** Collects assertions and derives the outcome status (fail > warn > pass). */
class Verdict {
  readonly assertions: AssertionResult[] = [];
  constructor(private readonly ctx: CheckContext) {}

  /**
   * Records one assertion. `confidence` is this assertion's own when weaker than the rule's (a
   * format check resting on no published grammar is `?`): the verdict strength lowers it.
   */
  check(ok: boolean, a: { description: Phrase; fact: string; operator: string; expected: unknown; found: unknown; foundPhrase?: Phrase; level?: 'fail' | 'warn'; requirements?: string[]; confidence?: Confidence }): boolean {
    const status: AssertionStatus = ok ? 'pass' : a.level === 'warn' ? 'warn' : 'fail';
    const own = a.confidence ?? this.ctx.rule.confidence;
    this.assertions.push(applyStrength({
      description: renderPhrase(a.description),
      descriptionPhrase: a.description,
      step: 'lint',
      fact: a.fact,
      operator: a.operator,
      expected: a.expected,
      found: a.found ?? null,
      ...(a.foundPhrase && !ok ? { foundPhrase: a.foundPhrase } : {}),
      requirements: a.requirements ?? this.ctx.rule.requirements,
      status,
    }, own, this.ctx.strength));
    return ok;
  }

  outcome(): RuleOutcome {
    const failed = this.assertions.filter((a) => a.status === 'fail');
    const warned = this.assertions.filter((a) => a.status === 'warn');
    const review = this.assertions.filter((a) => a.status === 'review');
    const what = (a: AssertionResult): string | Phrase => a.descriptionPhrase ?? a.description;
    const why = (a: AssertionResult): string | Phrase => a.downgrade?.reasonPhrase ?? a.downgrade?.reason ?? phrase('downgrade-unconfirmed');
    if (failed.length) return said('fail', phrase('lint-reason', { list: joined(failed.map(what)) }), this.assertions);
    if (review.length) return said('review', phrase('lint-reason', { list: joined(review.map((a) => phrase('lint-reason-why', { what: what(a), why: why(a) }))) }), this.assertions);
    if (warned.length) return said('warn', phrase('lint-reason', { list: joined(warned.map((a) => (a.downgrade ? phrase('lint-reason-why', { what: what(a), why: why(a) }) : what(a)))) }), this.assertions);
    return { status: 'pass', assertions: this.assertions };
  }
}

const notApplicable = (id: string, args?: Record<string, string>): RuleOutcome => said('not-applicable', phrase(id, args));

/** When a rule needs the documents and they are not known: skip (over the limit) or error (unreadable). */
function documentsUnknown(v: MessageView): RuleOutcome | undefined {
  if (v.documentsState === 'skipped') return said('skip', phrase('lint-deep-skipped', { detail: v.documentsReason ?? 'undefined' }));
  if (v.documentsState === 'unreadable') return said('error', phrase('lint-documents-unreadable', { detail: v.documentsReason ?? 'undefined' }));
  return undefined;
}

/**
 * A header that travels only with CDA documents in IHE_XDM: absent when there are none, present
 * when there are (exactly once, unless `multiLine`: then every line counts); `checkValues` then
 * judges the values. Documents not known: skip/error.
 */
function cdaHeader(v: MessageView, ctx: CheckContext, name: string, checkValues: (r: Verdict, name: string, values: string[]) => void, multiLine = false): RuleOutcome {
  const vals = header(v, name);
  const unknown = documentsUnknown(v);
  if (unknown) return unknown;
  const r = new Verdict(ctx);
  if (v.documents.length === 0) {
    r.check(vals.length === 0, { description: phrase('lint-cda-header-absent', { name }), fact: `headers.${name}`, operator: 'absent', expected: null, found: vals });
    return r.outcome();
  }
  const present = multiLine
    ? r.check(vals.length > 0, { description: phrase('lint-cda-header-present', { name }), fact: `headers.${name}`, operator: 'exists', expected: true, found: vals })
    : r.check(vals.length === 1, { description: phrase('lint-cda-header-once', { name }), fact: `headers.${name}`, operator: 'count', expected: 1, found: vals });
  if (present) checkValues(r, name, vals);
  return r.outcome();
}

function insIsQualifiedOid(ctx: CheckContext, oid: string): boolean {
  return ctx.rules.ins.oids.some((o) => o.oid === oid);
}

/** NIR/NIA key: 97 - (13 first digits mod 97). */
function insKeyValid(ins: string): boolean {
  // Corsica: 2A counts as 19, 2B as 18 in the key computation (NIR key rule).
  const dept = ins.slice(5, 7).toUpperCase();
  const digits = `${ins.slice(0, 5)}${dept === '2A' ? '19' : dept === '2B' ? '18' : ins.slice(5, 7)}${ins.slice(7, 13)}`;
  if (!/^[0-9]{13}$/.test(digits) || !/^[0-9]{2}$/.test(ins.slice(13)) || ins.length !== 15) return false;
  return 97 - Number(BigInt(digits) % 97n) === Number(ins.slice(13));
}

const checks: Record<CheckName, Check> = {
  mimeStructure(v, ctx) {
    const r = new Verdict(ctx);
    const mv = header(v, 'mime-version');
    r.check(mv.length === 1 && /^1\.0(\s*\(.*\))?$/.test(mv[0]?.trim() ?? ''), {
      description: phrase('lint-mime-version'),
      fact: 'headers.MIME-Version',
      operator: 'equals',
      expected: ['1.0'],
      found: mv,
    });
    for (const name of ['From', 'Date']) {
      const vals = header(v, name);
      r.check(vals.length === 1, { description: phrase('lint-header-once', { name }), fact: `headers.${name}`, operator: 'count', expected: 1, found: vals.length });
    }
    const structural = v.scanned.problems.filter((p) => p.code !== 'NO_BOUNDARY');
    r.check(structural.length === 0, {
      description: phrase('lint-mime-structure'),
      fact: 'mime.problems',
      operator: 'empty',
      expected: [],
      found: structural.map((p) => p.message),
    });
    r.check(v.scanned.longLines === 0, {
      description: phrase('lint-line-length', { max: String(ctx.rules.values.maxHeaderLineLength) }),
      fact: 'mime.longLines',
      operator: 'lte',
      expected: ctx.rules.values.maxHeaderLineLength,
      found: { longLines: v.scanned.longLines, longest: v.scanned.maxLineLength },
    });
    const eightBit = v.scanned.parts.filter((p) => !p.multipart && p.eightBitBody && !['8bit', 'binary'].includes(p.transferEncoding));
    r.check(eightBit.length === 0, {
      description: phrase('lint-eight-bit'),
      fact: 'parts.eightBitBody',
      operator: 'empty',
      expected: [],
      found: eightBit.map((p) => `${p.path} (${p.transferEncoding})`),
    });
    return r.outcome();
  },

  contentType(v, ctx) {
    const r = new Verdict(ctx);
    const top = v.scanned.parts[0];
    r.check(header(v, 'content-type').length <= 1, { description: phrase('lint-content-type-once'), fact: 'headers.Content-Type', operator: 'count', expected: '≤ 1', found: header(v, 'content-type') });
    // RFC 2045 §5.2 defaults an absent Content-Type to text/plain; us-ascii: declaring it is advice.
    r.check(!top.contentTypeDefaulted, { description: phrase('lint-content-type-declared'), fact: 'headers.Content-Type', operator: 'exists', expected: true, found: header(v, 'content-type'), level: 'warn' });
    const bad = v.scanned.parts.filter((p) => p.contentType.problems.length > 0).map((p) => `${p.path}: ${p.contentType.problems.join(', ')}`);
    r.check(bad.length === 0, { description: phrase('lint-content-type-form'), fact: 'parts.contentType', operator: 'empty', expected: [], found: bad });
    const noBoundary = v.scanned.problems.filter((p) => p.code === 'NO_BOUNDARY').map((p) => p.message);
    r.check(noBoundary.length === 0, { description: phrase('lint-boundary'), fact: 'parts.boundary', operator: 'empty', expected: [], found: noBoundary });
    return r.outcome();
  },

  messageId(v, ctx) {
    const r = new Verdict(ctx);
    const ids = header(v, 'message-id');
    if (r.check(ids.length === 1, { description: phrase('lint-message-id-once'), fact: 'headers.Message-ID', operator: 'count', expected: 1, found: ids })) {
      r.check(isMsgId(ids[0]), { description: phrase('lint-message-id-form'), fact: 'headers.Message-ID', operator: 'matches', expected: '<id-left@id-right>', found: ids[0] });
    }
    return r.outcome();
  },

  threading(v, ctx) {
    const irt = header(v, 'in-reply-to');
    const refs = header(v, 'references');
    if (irt.length === 0 && refs.length === 0) return notApplicable('lint-na-thread-start');
    const r = new Verdict(ctx);
    r.check(irt.length <= 1 && refs.length <= 1, { description: phrase('lint-threading-once'), fact: 'headers', operator: 'lte', expected: 1, found: { 'In-Reply-To': irt.length, References: refs.length } });
    const irtIds = irt.length ? parseMsgIdList(irt[0]) : [];
    const refIds = refs.length ? parseMsgIdList(refs[0]) : [];
    r.check(irtIds !== null, { description: phrase('lint-in-reply-to-form'), fact: 'headers.In-Reply-To', operator: 'matches', expected: '<id@domain> ...', found: irt[0] });
    r.check(refIds !== null, { description: phrase('lint-references-form'), fact: 'headers.References', operator: 'matches', expected: '<id@domain> ...', found: refs[0] });
    if (irt.length && irtIds && refIds) {
      r.check(refs.length > 0, { description: phrase('lint-reply-references'), fact: 'headers.References', operator: 'exists', expected: true, found: refs.length > 0, level: 'warn' });
      if (refs.length) {
        r.check(irtIds.every((id) => refIds.includes(id)), { description: phrase('lint-references-parent'), fact: 'headers.References', operator: 'containsAll', expected: irtIds, found: refIds, level: 'warn' });
      }
    }
    return r.outcome();
  },

  utf8(v, ctx) {
    const r = new Verdict(ctx);
    const allowed = ctx.rules.values.textCharsets;
    const text = v.scanned.parts.filter((p) => !p.multipart && p.contentType.type === 'text');
    const charsets = text.map((p) => ({ part: p.path, charset: (p.contentType.params.charset ?? 'us-ascii').toLowerCase() }));
    r.check(charsets.every((c) => allowed.includes(c.charset)), {
      description: phrase('lint-charsets', { charsets: allowed.join(', ') }),
      fact: 'parts.charset',
      operator: 'subsetOf',
      expected: allowed,
      found: charsets,
    });
    const invalid = text.filter((p) => p.utf8Valid === false || (p.eightBitBody && p.transferEncoding !== 'base64' && p.transferEncoding !== 'quoted-printable' && (p.contentType.params.charset ?? 'us-ascii').toLowerCase() === 'us-ascii'));
    r.check(invalid.length === 0, { description: phrase('lint-utf8-bytes'), fact: 'parts.utf8Valid', operator: 'empty', expected: [], found: invalid.map((p) => p.path) });
    const words = v.headers.flatMap((h) => decodeEncodedWords(h.value).charsets.map((c) => ({ header: h.name, charset: c })));
    r.check(words.every((w) => allowed.includes(w.charset)), { description: phrase('lint-encoded-words'), fact: 'headers.encodedWords', operator: 'subsetOf', expected: allowed, found: words });
    return r.outcome();
  },

  nil(v, ctx) {
    const r = new Verdict(ctx);
    const name = ctx.rules.headers.nil;
    const vals = header(v, name);
    if (r.check(vals.length === 1, { description: phrase('lint-header-once', { name }), fact: `headers.${name}`, operator: 'count', expected: 1, found: vals })) {
      if (r.check(vals[0].trim() !== '', { description: phrase('lint-header-not-empty', { name }), fact: `headers.${name}`, operator: 'notEmpty', expected: true, found: vals[0] }) && ctx.rules.re.nil) {
        // No grammar is published: a configured format is an unconfirmed rule (review, never fail).
        r.check(ctx.rules.re.nil.test(vals[0].trim()), { description: phrase('lint-header-configured-form', { name }), fact: `headers.${name}`, operator: 'matches', expected: ctx.rules.values.nilPattern, found: vals[0], confidence: '?' });
      }
    }
    return r.outcome();
  },

  codeCda(v, ctx) {
    // ECO.2.4.1 [P]: present iff CDA documents travel. Multi-valued [S]; no source fixes an order,
    // a de-duplication or a single header line, so every line counts and the codes compare as sets.
    return cdaHeader(
      v,
      ctx,
      ctx.rules.headers.codeCda,
      (r, name, vals) => {
        const codes = [...new Set(v.documents.map((d) => d.code ?? null))].sort();
        const found = [...new Set(vals.flatMap((x) => x.split(ctx.rules.values.codeCdaSeparator)).map((s) => s.trim()).filter((s) => s !== ''))].sort();
        r.check(JSON.stringify(found) === JSON.stringify(codes), {
          description: phrase('lint-codecda', { name, separator: ctx.rules.values.codeCdaSeparator }),
          fact: `headers.${name}`,
          operator: 'sameSet',
          expected: codes,
          found,
          confidence: 'S',
        });
      },
      true,
    );
  },

  insHeader(v, ctx) {
    return cdaHeader(v, ctx, ctx.rules.headers.ins, (r, name, [value]) => {
      const expected = v.hasQualifiedIns ? ctx.rules.values.insQualified : ctx.rules.values.insNotQualified;
      r.check(value.trim() === expected, {
        description: phrase(v.hasQualifiedIns ? 'lint-ins-header-qualified' : 'lint-ins-header-not-qualified', { name, value: expected }),
        fact: `headers.${name}`,
        operator: 'equals',
        expected,
        found: value,
      });
    });
  },

  insQualified(v, ctx) {
    const d = ctx.insDerogation;
    if (isDerogationActive(d, ctx.asOf)) {
      return d.activeUntil ? notApplicable('lint-na-derogation-until', { id: d.id, day: parisDay(ctx.asOf), until: d.activeUntil }) : notApplicable('lint-na-derogation-open', { id: d.id, day: parisDay(ctx.asOf) });
    }
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    if (v.documents.length === 0) return notApplicable('lint-na-no-cda');
    const r = new Verdict(ctx);
    r.check(v.hasQualifiedIns, {
      description: phrase('lint-ins-qualified', { id: d.id, until: String(d.activeUntil) }),
      fact: 'documents.ins',
      operator: 'notEmpty',
      expected: ctx.rules.ins.oids.map((o) => o.oid),
      found: [...v.metadataPatientIds, ...v.documents.flatMap((x) => x.patientIds)],
    });
    return r.outcome();
  },

  mes(v, ctx) {
    const name = ctx.rules.headers.mes;
    const vals = header(v, name);
    if (vals.length === 0) return notApplicable('lint-na-no-header', { name });
    const r = new Verdict(ctx);
    r.check(vals.length === 1, { description: phrase('lint-header-at-most-once', { name }), fact: `headers.${name}`, operator: 'count', expected: 1, found: vals });
    r.check(ctx.rules.values.mesValues.includes(vals[0].trim()), { description: phrase('lint-header-value', { name, values: orList(ctx.rules.values.mesValues) }), fact: `headers.${name}`, operator: 'in', expected: ctx.rules.values.mesValues, found: vals[0] });
    r.check(v.patientRecipients.length > 0, {
      description: phrase('lint-mes-patient-only', { name, domain: ctx.rules.values.patientDomain }),
      fact: 'recipients',
      operator: 'containsAny',
      expected: `*@${ctx.rules.values.patientDomain}`,
      found: v.recipients.map((a) => a.address),
    });
    return r.outcome();
  },

  patientAddress(v, ctx) {
    if (v.patientRecipients.length === 0) return notApplicable('lint-na-no-patient', { domain: ctx.rules.values.patientDomain });
    const r = new Verdict(ctx);
    const locals = v.patientRecipients.map((a) => a.local);
    r.check(locals.every((l) => ctx.rules.re.patientLocalPart.test(l)), {
      description: phrase('lint-patient-address-form', { domain: ctx.rules.values.patientDomain }),
      fact: 'recipients.patient',
      operator: 'matches',
      expected: ctx.rules.values.patientLocalPartPattern,
      found: v.patientRecipients.map((a) => a.address),
    });
    r.check(locals.every(insKeyValid), { description: phrase('lint-patient-address-key'), fact: 'recipients.patient', operator: 'insKey', expected: 'valid key', found: locals, level: 'warn' });
    // While the INS derogation is active, documents may travel without a qualified INS (CI-SIS):
    // ECO.2.2.6 constrains how the address is built, not the documents.
    const derogation = isDerogationActive(ctx.insDerogation, ctx.asOf);
    if (v.documentsState === 'known') {
      if (!derogation) {
        r.check(v.hasQualifiedIns, { description: phrase('lint-patient-address-no-ins', { id: ctx.insDerogation.id }), fact: 'documents.ins', operator: 'notEmpty', expected: 'a qualified INS', found: v.insIds, requirements: [...ctx.rule.requirements, 'ANS-CISIS.INS-DEROGATION'] });
      }
      const ins = [...new Set(v.insIds.map((p) => p.id))];
      if (ins.length) {
        r.check(locals.every((l) => ins.includes(l)), { description: phrase('lint-patient-address-ins'), fact: 'recipients.patient', operator: 'subsetOf', expected: ins, found: locals });
      }
    }
    return r.outcome();
  },

  patientSize(v, ctx) {
    if (v.patientRecipients.length === 0) return notApplicable('lint-na-no-patient', { domain: ctx.rules.values.patientDomain });
    const r = new Verdict(ctx);
    r.check(v.scanned.totalBytes <= ctx.rules.values.patientMaxBytes, { description: phrase('lint-patient-size', { max: String(ctx.rules.values.patientMaxBytes) }), fact: 'sizeBytes', operator: 'lte', expected: ctx.rules.values.patientMaxBytes, found: v.scanned.totalBytes });
    return r.outcome();
  },

  xdmPackage(v, ctx) {
    if (v.archives.length === 0) return notApplicable('lint-na-no-xdm');
    const r = new Verdict(ctx);
    for (const a of v.archives) {
      if (a.skipped) {
        r.check(false, { description: phrase('lint-archive-too-big', { file: a.filename }), fact: `archives.${a.part}`, operator: 'lte', expected: ctx.rules.limits.maxArchiveBytes, found: a.size, level: 'warn' });
        continue;
      }
      const x = a.xdm!;
      if (!r.check(x.status === 'read', { description: phrase('lint-archive-readable', { file: a.filename }), fact: `archives.${a.part}.status`, operator: 'equals', expected: 'read', found: `${x.status}: ${x.reason ?? ''}`, foundPhrase: phrase('lint-found-status', { status: x.status, reason: x.reasonPhrase ?? x.reason ?? '' }) })) continue;
      r.check(x.metadata !== undefined, { description: phrase('lint-archive-metadata', { file: a.filename }), fact: `archives.${a.part}.metadata`, operator: 'exists', expected: true, found: x.entries });
      r.check(x.documents.length > 0, { description: phrase('lint-archive-cda', { file: a.filename }), fact: `archives.${a.part}.documents`, operator: 'notEmpty', expected: true, found: x.entries });
      r.check(x.problems.length === 0, { description: phrase('lint-archive-xml', { file: a.filename }), fact: `archives.${a.part}.problems`, operator: 'empty', expected: [], found: x.problems, foundPhrase: x.problemPhrases.length ? joined(x.problemPhrases.map((p, i) => phrase('lint-found-path-problem', { path: x.problems[i]!.path, problem: p }))) as Phrase : undefined });
    }
    const companions = ctx.rules.xdm.companionContentTypes;
    const pdf = v.scanned.parts.some((p) => !p.multipart && companions.includes(p.contentType.mediaType));
    r.check(pdf, { description: phrase('lint-archive-companion', { types: companions.join(', ') }), fact: 'parts.mediaType', operator: 'containsAny', expected: companions, found: v.scanned.parts.map((p) => p.contentType.mediaType), level: 'warn' });
    return r.outcome();
  },

  xdmPatientId(v, ctx) {
    if (v.archives.length === 0) return notApplicable('lint-na-no-xdm');
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    const r = new Verdict(ctx);
    for (const a of v.archives) {
      const md = a.xdm?.metadata;
      if (!r.check(md !== undefined, { description: phrase('lint-metadata-present', { file: a.filename }), fact: `archives.${a.part}.metadata`, operator: 'exists', expected: true, found: a.xdm?.entries })) continue;
      if (!r.check(md!.patientIds.length > 0 && md!.patientIds.every((p) => p.id !== '' && p.oid !== ''), {
        description: phrase('lint-metadata-patientid-form'),
        fact: `archives.${a.part}.metadata.patientId`,
        operator: 'matches',
        expected: 'id^^^&OID&ISO',
        found: md!.patientIdValues,
      })) continue;
      const ids = md!.patientIds;
      for (const p of ids.filter((p) => insIsQualifiedOid(ctx, p.oid))) {
        r.check(ctx.rules.re.ins.test(p.id), { description: phrase('lint-metadata-ins-form', { oid: p.oid }), fact: `archives.${a.part}.metadata.patientId`, operator: 'matches', expected: ctx.rules.ins.insPattern, found: p.id });
      }
      // While the INS derogation is active a local identifier is allowed (CI-SIS): no warning then.
      if (!isDerogationActive(ctx.insDerogation, ctx.asOf)) r.check(ids.some((p) => insIsQualifiedOid(ctx, p.oid)), { description: phrase('lint-metadata-is-ins'), fact: `archives.${a.part}.metadata.patientId`, operator: 'in', expected: ctx.rules.ins.oids.map((o) => o.oid), found: ids.map((p) => p.oid), level: 'warn' });
      for (const d of a.xdm!.documents) {
        const sameAuthority = d.patientIds.filter((c) => ids.some((p) => p.oid === c.oid));
        r.check(sameAuthority.length > 0 && sameAuthority.every((c) => ids.some((p) => p.oid === c.oid && p.id === c.id)), {
          description: phrase('lint-metadata-matches-cda', { path: d.path }),
          fact: `archives.${a.part}.metadata.patientId`,
          operator: 'equals',
          expected: d.patientIds,
          found: ids,
        });
      }
    }
    return r.outcome();
  },

  cdaPatient(v, ctx) {
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    if (v.documents.length === 0) return notApplicable('lint-na-no-cda');
    const r = new Verdict(ctx);
    for (const d of v.documents) {
      r.check(!!d.code, { description: phrase('lint-cda-code', { path: d.path }), fact: `documents.${d.path}.code`, operator: 'exists', expected: true, found: d.code ?? null });
      r.check(d.patientIds.length > 0 && d.patientIds.every((p) => p.oid !== ''), { description: phrase('lint-cda-patient-id', { path: d.path }), fact: `documents.${d.path}.patientIds`, operator: 'notEmpty', expected: true, found: d.patientIds });
      const t = d.patient;
      r.check(t.family.length > 0 && t.given.length > 0 && !!t.birthTime && !!t.gender, {
        description: phrase('lint-cda-traits', { path: d.path }),
        fact: `documents.${d.path}.patient`,
        operator: 'containsAll',
        expected: ['family', 'given', 'birthTime', 'administrativeGenderCode'],
        found: t,
      });
    }
    return r.outcome();
  },

  onePatient(v, ctx) {
    if (v.archives.length === 0 && v.patientRecipients.length === 0) return notApplicable('lint-na-no-document-no-patient');
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    const r = new Verdict(ctx);
    const ins = [...new Set(v.insIds.map((p) => p.id))];
    r.check(ins.length <= 1, { description: phrase('lint-one-patient-ins'), fact: 'documents.ins', operator: 'count', expected: '≤ 1', found: ins });
    const md = [...new Set(v.metadataPatientIds.map((p) => `${p.id}@${p.oid}`))];
    r.check(md.length <= 1, { description: phrase('lint-one-patient-metadata'), fact: 'metadata.patientId', operator: 'count', expected: '≤ 1', found: md });
    const traits = [...new Set(v.documents.filter((d) => d.patient.family.length > 0).map((d) => `${d.patient.family.join(' ')}|${d.patient.given.join(' ')}|${d.patient.birthTime ?? ''}`))];
    r.check(traits.length <= 1, { description: phrase('lint-one-patient-traits'), fact: 'documents.patient', operator: 'count', expected: '≤ 1', found: traits });
    const patients = [...new Set(v.patientRecipients.map((a) => a.local))];
    r.check(patients.length <= 1, { description: phrase('lint-one-patient-address'), fact: 'recipients.patient', operator: 'count', expected: '≤ 1', found: patients });
    return r.outcome();
  },

  xdmSubject(v, ctx) {
    if (v.archives.length === 0) return notApplicable('lint-na-no-xdm');
    const r = new Verdict(ctx);
    if (v.subject !== undefined && ctx.rules.re.mdnErrorSubject?.test(v.subject)) {
      // Two sources disagree: REF2 ECO.2.1.3 (subject starts XDM/1.0/DDM+) and the ANS HL7v2 volet
      // (an acknowledgement in error starts [KO …][code]). Neither wins here: a person decides.
      r.check(false, {
        description: phrase('lint-subject-ko'),
        fact: 'headers.Subject',
        operator: 'matches',
        expected: `${ctx.rules.values.xdmSubjectPattern} (ECO.2.1.3) or ${ctx.rules.values.mdnErrorSubjectPattern} (ANS-HL7V2.MDN-ERROR)`,
        found: v.subject,
        requirements: ['ECO.2.1.3', 'ANS-HL7V2.MDN-ERROR'],
        confidence: '?',
      });
      return r.outcome();
    }
    r.check(v.subject !== undefined && ctx.rules.re.xdmSubject.test(v.subject), { description: phrase('lint-subject-form'), fact: 'headers.Subject', operator: 'matches', expected: ctx.rules.values.xdmSubjectPattern, found: v.subject ?? null });
    const family = v.documents[0]?.patient.family[0];
    if (family && v.subject !== undefined) {
      r.check(v.subject.toUpperCase().includes(family.toUpperCase()), { description: phrase('lint-subject-birth-name'), fact: 'headers.Subject', operator: 'contains', expected: family, found: v.subject, level: 'warn' });
    }
    return r.outcome();
  },

  mdnRequest(v, ctx) {
    const name = ctx.rules.headers.dispositionNotificationTo;
    const vals = header(v, name);
    if (vals.length === 0) return notApplicable('lint-na-no-receipt', { name });
    const r = new Verdict(ctx);
    r.check(vals.length === 1, { description: phrase('lint-header-at-most-once', { name }), fact: `headers.${name}`, operator: 'count', expected: 1, found: vals });
    const parsed = parseAddressList(vals[0]);
    r.check(parsed.invalid.length === 0 && parsed.addresses.length > 0, { description: phrase('lint-mailbox-list', { name }), fact: `headers.${name}`, operator: 'matches', expected: 'mailbox-list', found: vals[0] });
    return r.outcome();
  },
  mdnStructure(v, ctx) {
    const spec = ctx.rules.mdn!;
    const top = v.scanned.parts[0]!;
    const reportType = (top.contentType.params['report-type'] ?? '').toLowerCase();
    const isReport = top.contentType.mediaType === 'multipart/report' && reportType === spec.reportType.toLowerCase();
    const notifications = v.scanned.parts.filter((p) => p.contentType.mediaType === spec.notificationMediaType);
    if (!isReport && notifications.length === 0) return notApplicable('lint-na-not-mdn');
    const r = new Verdict(ctx);
    r.check(isReport, { description: phrase('lint-mdn-report', { type: spec.reportType }), fact: 'headers.Content-Type', operator: 'equals', expected: `multipart/report; report-type=${spec.reportType}`, found: `${top.contentType.mediaType}${reportType ? `; report-type=${reportType}` : ''}` });
    const children = v.scanned.parts.filter((p) => p.path.split('.').length === 2);
    const inRange = children.length >= spec.minParts && children.length <= spec.maxParts;
    const shape = inRange ? undefined : alternativeMdnShape(children, spec);
    if (shape) {
      // Another source prescribes this shape (data: mdn.alternativeShapes): judged with its confidence and both sources, not failed.
      r.check(false, {
        description: phrase('lint-mdn-parts-other-source', { count: String(children.length), shape: shape.description, min: String(spec.minParts), max: String(spec.maxParts) }),
        fact: 'mime.parts',
        operator: 'between',
        expected: `${spec.minParts}..${spec.maxParts} (RFC 8098 §3) or up to ${shape.maxParts} with the original's attachments (${shape.id})`,
        found: children.map((p) => p.filename ? `${p.contentType.mediaType} (${p.filename})` : p.contentType.mediaType),
        requirements: shape.requirements,
        confidence: shape.confidence,
      });
    } else {
      r.check(inRange, { description: phrase('lint-mdn-parts', { min: String(spec.minParts), max: String(spec.maxParts) }), fact: 'mime.parts', operator: 'between', expected: [spec.minParts, spec.maxParts], found: children.map((p) => p.contentType.mediaType) });
    }
    const notification = children[1];
    if (!r.check(notification?.contentType.mediaType === spec.notificationMediaType, { description: phrase('lint-mdn-second-part', { type: spec.notificationMediaType }), fact: 'mime.parts[1]', operator: 'equals', expected: spec.notificationMediaType, found: notification?.contentType.mediaType ?? null })) return r.outcome();
    if (!notification!.captured) return said('error', phrase('lint-mdn-unreadable', { type: spec.notificationMediaType, size: String(notification!.size) }), r.assertions);
    const fields = readReportFields(notification!.captured);
    for (const name of spec.requiredFields) {
      const vals = reportFieldValues(fields, name);
      r.check(vals.length === 1, { description: phrase('lint-mdn-field-once', { name }), fact: `notification.${name}`, operator: 'count', expected: 1, found: vals });
    }
    const finalRecipient = reportFieldValues(fields, spec.finalRecipientField)[0];
    if (finalRecipient !== undefined) r.check(ctx.rules.re.mdnFinalRecipient!.test(finalRecipient), { description: phrase('lint-mdn-final-recipient', { field: spec.finalRecipientField }), fact: `notification.${spec.finalRecipientField}`, operator: 'matches', expected: spec.finalRecipientPattern, found: finalRecipient });
    const disposition = reportFieldValues(fields, spec.dispositionField)[0];
    if (disposition !== undefined) r.check(ctx.rules.re.mdnDisposition!.test(disposition), { description: phrase('lint-mdn-disposition', { field: spec.dispositionField }), fact: `notification.${spec.dispositionField}`, operator: 'matches', expected: spec.dispositionPattern, found: disposition });
    const original = reportFieldValues(fields, spec.originalMessageIdField);
    // RFC 8098 §3.2.5: present iff the original had a Message-ID, which every MSSanté message has (ECO.2.2.1, [S]): warn only.
    r.check(original.length === 1 && isMsgId(original[0]!), { description: phrase('lint-mdn-original', { field: spec.originalMessageIdField }), fact: `notification.${spec.originalMessageIdField}`, operator: 'matches', expected: 'msg-id', found: original, level: 'warn', requirements: ['RFC8098§3', 'ECO.2.2.1'] });
    return r.outcome();
  },
};

/** The alternative MDN shape (rules data) whose extra parts, beyond RFC 8098's count, are all the original's attachments. */
function alternativeMdnShape(children: MimePart[], spec: NonNullable<MessageRules['mdn']>): MdnAlternativeShape | undefined {
  const extra = children.slice(spec.maxParts);
  return (spec.alternativeShapes ?? []).find((shape) => {
    if (children.length > shape.maxParts || extra.length === 0) return false;
    const name = shape.extraPartFilenamePattern ? new RegExp(shape.extraPartFilenamePattern, 'i') : undefined;
    const types = new Set((shape.extraPartMediaTypes ?? []).map((t) => t.toLowerCase()));
    return extra.every((p) => (p.filename !== undefined && name?.test(p.filename)) || types.has(p.contentType.mediaType.toLowerCase()));
  });
}

export function runCheck(name: CheckName, v: MessageView, ctx: CheckContext): RuleOutcome {
  return checks[name](v, ctx);
}
