/**
 * The message lint checks, one function per `check` name of the rules data. A check reads the
 * message view and the rule values (data) and returns assertions: what was expected, what was
 * found. It never reads a constant that is a rule: header names, patterns, OIDs and limits come
 * from `rules`.
 */
import type { AssertionResult, AssertionStatus, Confidence, Status } from '../model/result.js';
import { applyStrength, type StrengthOptions } from '../engine/verdict-strength.js';
import { decodeEncodedWords, isMsgId, parseAddressList, parseMsgIdList } from './header-values.js';
import type { InsDerogation } from './ins-derogation.js';
import { isDerogationActive } from './ins-derogation.js';
import { parisDay } from '../util/as-of.js';
import type { CheckName, MessageRuleSpec, MessageRules } from './rules-data.js';
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
  assertions: AssertionResult[];
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
  check(ok: boolean, a: { description: string; fact: string; operator: string; expected: unknown; found: unknown; level?: 'fail' | 'warn'; requirements?: string[]; confidence?: Confidence }): boolean {
    const status: AssertionStatus = ok ? 'pass' : a.level === 'warn' ? 'warn' : 'fail';
    const own = a.confidence ?? this.ctx.rule.confidence;
    this.assertions.push(applyStrength({
      description: a.description,
      step: 'lint',
      fact: a.fact,
      operator: a.operator,
      expected: a.expected,
      found: a.found ?? null,
      requirements: a.requirements ?? this.ctx.rule.requirements,
      status,
    }, own, this.ctx.strength));
    return ok;
  }

  outcome(): RuleOutcome {
    const failed = this.assertions.filter((a) => a.status === 'fail');
    const warned = this.assertions.filter((a) => a.status === 'warn');
    const review = this.assertions.filter((a) => a.status === 'review');
    if (failed.length) return { status: 'fail', reason: failed.map((a) => a.description).join('; '), assertions: this.assertions };
    if (review.length) return { status: 'review', reason: review.map((a) => `${a.description} (${a.downgrade?.reason ?? 'unconfirmed rule'})`).join('; '), assertions: this.assertions };
    if (warned.length) return { status: 'warn', reason: warned.map((a) => (a.downgrade ? `${a.description} (${a.downgrade.reason})` : a.description)).join('; '), assertions: this.assertions };
    return { status: 'pass', assertions: this.assertions };
  }
}

const notApplicable = (reason: string): RuleOutcome => ({ status: 'not-applicable', reason, assertions: [] });

/** When a rule needs the documents and they are not known: skip (over the limit) or error (unreadable). */
function documentsUnknown(v: MessageView): RuleOutcome | undefined {
  if (v.documentsState === 'skipped') return { status: 'skip', reason: `deep check skipped: ${v.documentsReason}`, assertions: [] };
  if (v.documentsState === 'unreadable') return { status: 'error', reason: `the documents could not be read: ${v.documentsReason}`, assertions: [] };
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
    r.check(vals.length === 0, { description: `${name} is absent when no CDA document travels in IHE_XDM`, fact: `headers.${name}`, operator: 'absent', expected: null, found: vals });
    return r.outcome();
  }
  const present = multiLine
    ? r.check(vals.length > 0, { description: `${name} is present when CDA documents travel`, fact: `headers.${name}`, operator: 'exists', expected: true, found: vals })
    : r.check(vals.length === 1, { description: `${name} appears exactly once when CDA documents travel`, fact: `headers.${name}`, operator: 'count', expected: 1, found: vals });
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
      description: 'MIME-Version: 1.0 appears once',
      fact: 'headers.MIME-Version',
      operator: 'equals',
      expected: ['1.0'],
      found: mv,
    });
    for (const name of ['From', 'Date']) {
      const vals = header(v, name);
      r.check(vals.length === 1, { description: `${name} appears exactly once`, fact: `headers.${name}`, operator: 'count', expected: 1, found: vals.length });
    }
    const structural = v.scanned.problems.filter((p) => p.code !== 'NO_BOUNDARY');
    r.check(structural.length === 0, {
      description: 'multiparts are closed, header sections well-formed, transfer encodings known',
      fact: 'mime.problems',
      operator: 'empty',
      expected: [],
      found: structural.map((p) => p.message),
    });
    r.check(v.scanned.longLines === 0, {
      description: `no line longer than ${ctx.rules.values.maxHeaderLineLength} characters`,
      fact: 'mime.longLines',
      operator: 'lte',
      expected: ctx.rules.values.maxHeaderLineLength,
      found: { longLines: v.scanned.longLines, longest: v.scanned.maxLineLength },
    });
    const eightBit = v.scanned.parts.filter((p) => !p.multipart && p.eightBitBody && !['8bit', 'binary'].includes(p.transferEncoding));
    r.check(eightBit.length === 0, {
      description: '8-bit content is declared 8bit (or encoded)',
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
    r.check(header(v, 'content-type').length <= 1, { description: 'the message has at most one Content-Type header', fact: 'headers.Content-Type', operator: 'count', expected: '≤ 1', found: header(v, 'content-type') });
    // RFC 2045 §5.2 defaults an absent Content-Type to text/plain; us-ascii: declaring it is advice.
    r.check(!top.contentTypeDefaulted, { description: 'the message declares its Content-Type (absent, RFC 2045 §5.2 defaults it to text/plain; charset=us-ascii)', fact: 'headers.Content-Type', operator: 'exists', expected: true, found: header(v, 'content-type'), level: 'warn' });
    const bad = v.scanned.parts.filter((p) => p.contentType.problems.length > 0).map((p) => `${p.path}: ${p.contentType.problems.join(', ')}`);
    r.check(bad.length === 0, { description: 'every Content-Type is a well-formed type/subtype with parameters', fact: 'parts.contentType', operator: 'empty', expected: [], found: bad });
    const noBoundary = v.scanned.problems.filter((p) => p.code === 'NO_BOUNDARY').map((p) => p.message);
    r.check(noBoundary.length === 0, { description: 'every multipart declares a boundary', fact: 'parts.boundary', operator: 'empty', expected: [], found: noBoundary });
    return r.outcome();
  },

  messageId(v, ctx) {
    const r = new Verdict(ctx);
    const ids = header(v, 'message-id');
    if (r.check(ids.length === 1, { description: 'exactly one Message-ID', fact: 'headers.Message-ID', operator: 'count', expected: 1, found: ids })) {
      r.check(isMsgId(ids[0]), { description: 'Message-ID has the form <id-left@id-right>', fact: 'headers.Message-ID', operator: 'matches', expected: '<id-left@id-right>', found: ids[0] });
    }
    return r.outcome();
  },

  threading(v, ctx) {
    const irt = header(v, 'in-reply-to');
    const refs = header(v, 'references');
    if (irt.length === 0 && refs.length === 0) return notApplicable('neither In-Reply-To nor References: the message starts a thread');
    const r = new Verdict(ctx);
    r.check(irt.length <= 1 && refs.length <= 1, { description: 'In-Reply-To and References appear at most once', fact: 'headers', operator: 'lte', expected: 1, found: { 'In-Reply-To': irt.length, References: refs.length } });
    const irtIds = irt.length ? parseMsgIdList(irt[0]) : [];
    const refIds = refs.length ? parseMsgIdList(refs[0]) : [];
    r.check(irtIds !== null, { description: 'In-Reply-To is a list of msg-ids', fact: 'headers.In-Reply-To', operator: 'matches', expected: '<id@domain> ...', found: irt[0] });
    r.check(refIds !== null, { description: 'References is a list of msg-ids', fact: 'headers.References', operator: 'matches', expected: '<id@domain> ...', found: refs[0] });
    if (irt.length && irtIds && refIds) {
      r.check(refs.length > 0, { description: 'a reply carries References as well as In-Reply-To', fact: 'headers.References', operator: 'exists', expected: true, found: refs.length > 0, level: 'warn' });
      if (refs.length) {
        r.check(irtIds.every((id) => refIds.includes(id)), { description: "References ends with the parent's Message-ID", fact: 'headers.References', operator: 'containsAll', expected: irtIds, found: refIds, level: 'warn' });
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
      description: `text parts declare one of the charsets ${allowed.join(', ')}`,
      fact: 'parts.charset',
      operator: 'subsetOf',
      expected: allowed,
      found: charsets,
    });
    const invalid = text.filter((p) => p.utf8Valid === false || (p.eightBitBody && p.transferEncoding !== 'base64' && p.transferEncoding !== 'quoted-printable' && (p.contentType.params.charset ?? 'us-ascii').toLowerCase() === 'us-ascii'));
    r.check(invalid.length === 0, { description: 'the bytes of text parts are valid UTF-8', fact: 'parts.utf8Valid', operator: 'empty', expected: [], found: invalid.map((p) => p.path) });
    const words = v.headers.flatMap((h) => decodeEncodedWords(h.value).charsets.map((c) => ({ header: h.name, charset: c })));
    r.check(words.every((w) => allowed.includes(w.charset)), { description: 'encoded words in headers use UTF-8', fact: 'headers.encodedWords', operator: 'subsetOf', expected: allowed, found: words });
    return r.outcome();
  },

  nil(v, ctx) {
    const r = new Verdict(ctx);
    const name = ctx.rules.headers.nil;
    const vals = header(v, name);
    if (r.check(vals.length === 1, { description: `${name} appears exactly once`, fact: `headers.${name}`, operator: 'count', expected: 1, found: vals })) {
      if (r.check(vals[0].trim() !== '', { description: `${name} is not empty`, fact: `headers.${name}`, operator: 'notEmpty', expected: true, found: vals[0] }) && ctx.rules.re.nil) {
        // No grammar is published: a configured format is an unconfirmed rule (review, never fail).
        r.check(ctx.rules.re.nil.test(vals[0].trim()), { description: `${name} has the configured form (no published grammar)`, fact: `headers.${name}`, operator: 'matches', expected: ctx.rules.values.nilPattern, found: vals[0], confidence: '?' });
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
          description: `${name} lists the documents' CDA codes (any order, separator "${ctx.rules.values.codeCdaSeparator}")`,
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
        description: v.hasQualifiedIns ? `${name} is ${expected}: a qualified INS identifies the patient` : `${name} is ${expected}: no qualified INS identifies the patient`,
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
      return notApplicable(`the INS derogation (${d.id}) is active on ${parisDay(ctx.asOf)}${d.activeUntil ? ` (until ${d.activeUntil})` : ' (no end date set)'}`);
    }
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    if (v.documents.length === 0) return notApplicable('no CDA document travels in IHE_XDM');
    const r = new Verdict(ctx);
    r.check(v.hasQualifiedIns, {
      description: `the patient is identified by a qualified INS (the derogation ${d.id} ended ${d.activeUntil})`,
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
    if (vals.length === 0) return notApplicable(`no ${name} header`);
    const r = new Verdict(ctx);
    r.check(vals.length === 1, { description: `${name} appears at most once`, fact: `headers.${name}`, operator: 'count', expected: 1, found: vals });
    r.check(ctx.rules.values.mesValues.includes(vals[0].trim()), { description: `${name} has the value ${ctx.rules.values.mesValues.join(' or ')}`, fact: `headers.${name}`, operator: 'in', expected: ctx.rules.values.mesValues, found: vals[0] });
    r.check(v.patientRecipients.length > 0, {
      description: `${name} is only sent to a patient address (@${ctx.rules.values.patientDomain})`,
      fact: 'recipients',
      operator: 'containsAny',
      expected: `*@${ctx.rules.values.patientDomain}`,
      found: v.recipients.map((a) => a.address),
    });
    return r.outcome();
  },

  patientAddress(v, ctx) {
    if (v.patientRecipients.length === 0) return notApplicable(`no recipient at @${ctx.rules.values.patientDomain}`);
    const r = new Verdict(ctx);
    const locals = v.patientRecipients.map((a) => a.local);
    r.check(locals.every((l) => ctx.rules.re.patientLocalPart.test(l)), {
      description: `patient addresses are <INS>@${ctx.rules.values.patientDomain} (15 characters, Corsican 2A/2B accepted)`,
      fact: 'recipients.patient',
      operator: 'matches',
      expected: ctx.rules.values.patientLocalPartPattern,
      found: v.patientRecipients.map((a) => a.address),
    });
    r.check(locals.every(insKeyValid), { description: 'the INS of each patient address has a valid key (97 - NIR mod 97)', fact: 'recipients.patient', operator: 'insKey', expected: 'valid key', found: locals, level: 'warn' });
    // While the INS derogation is active, documents may travel without a qualified INS (CI-SIS):
    // ECO.2.2.6 constrains how the address is built, not the documents.
    const derogation = isDerogationActive(ctx.insDerogation, ctx.asOf);
    if (v.documentsState === 'known') {
      if (!derogation) {
        r.check(v.hasQualifiedIns, { description: `a patient address is built only from a qualified INS, and the documents carry none (the derogation ${ctx.insDerogation.id} has ended)`, fact: 'documents.ins', operator: 'notEmpty', expected: 'a qualified INS', found: v.insIds, requirements: [...ctx.rule.requirements, 'ANS-CISIS.INS-DEROGATION'] });
      }
      const ins = [...new Set(v.insIds.map((p) => p.id))];
      if (ins.length) {
        r.check(locals.every((l) => ins.includes(l)), { description: "the patient address is the documents' qualified INS", fact: 'recipients.patient', operator: 'subsetOf', expected: ins, found: locals });
      }
    }
    return r.outcome();
  },

  patientSize(v, ctx) {
    if (v.patientRecipients.length === 0) return notApplicable(`no recipient at @${ctx.rules.values.patientDomain}`);
    const r = new Verdict(ctx);
    r.check(v.scanned.totalBytes <= ctx.rules.values.patientMaxBytes, { description: `a message to a patient is at most ${ctx.rules.values.patientMaxBytes} bytes`, fact: 'sizeBytes', operator: 'lte', expected: ctx.rules.values.patientMaxBytes, found: v.scanned.totalBytes });
    return r.outcome();
  },

  xdmPackage(v, ctx) {
    if (v.archives.length === 0) return notApplicable('no IHE_XDM archive');
    const r = new Verdict(ctx);
    for (const a of v.archives) {
      if (a.skipped) {
        r.check(false, { description: `${a.filename} is inspected (deep check skipped: over the size limit)`, fact: `archives.${a.part}`, operator: 'lte', expected: ctx.rules.limits.maxArchiveBytes, found: a.size, level: 'warn' });
        continue;
      }
      const x = a.xdm!;
      if (!r.check(x.status === 'read', { description: `${a.filename} is a readable ZIP archive within the limits`, fact: `archives.${a.part}.status`, operator: 'equals', expected: 'read', found: `${x.status}: ${x.reason ?? ''}` })) continue;
      r.check(x.metadata !== undefined, { description: `${a.filename} holds METADATA.XML`, fact: `archives.${a.part}.metadata`, operator: 'exists', expected: true, found: x.entries });
      r.check(x.documents.length > 0, { description: `${a.filename} holds at least one CDA document`, fact: `archives.${a.part}.documents`, operator: 'notEmpty', expected: true, found: x.entries });
      r.check(x.problems.length === 0, { description: `the XML files of ${a.filename} are well-formed and safe`, fact: `archives.${a.part}.problems`, operator: 'empty', expected: [], found: x.problems });
    }
    const companions = ctx.rules.xdm.companionContentTypes;
    const pdf = v.scanned.parts.some((p) => !p.multipart && companions.includes(p.contentType.mediaType));
    r.check(pdf, { description: `a readable copy (${companions.join(', ')}) travels beside the archive`, fact: 'parts.mediaType', operator: 'containsAny', expected: companions, found: v.scanned.parts.map((p) => p.contentType.mediaType), level: 'warn' });
    return r.outcome();
  },

  xdmPatientId(v, ctx) {
    if (v.archives.length === 0) return notApplicable('no IHE_XDM archive');
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    const r = new Verdict(ctx);
    for (const a of v.archives) {
      const md = a.xdm?.metadata;
      if (!r.check(md !== undefined, { description: `${a.filename} has a METADATA.XML to read the patientId from`, fact: `archives.${a.part}.metadata`, operator: 'exists', expected: true, found: a.xdm?.entries })) continue;
      if (!r.check(md!.patientIds.length > 0 && md!.patientIds.every((p) => p.id !== '' && p.oid !== ''), {
        description: 'METADATA.XML carries patientId values of the form id^^^&OID&ISO',
        fact: `archives.${a.part}.metadata.patientId`,
        operator: 'matches',
        expected: 'id^^^&OID&ISO',
        found: md!.patientIdValues,
      })) continue;
      const ids = md!.patientIds;
      for (const p of ids.filter((p) => insIsQualifiedOid(ctx, p.oid))) {
        r.check(ctx.rules.re.ins.test(p.id), { description: `the INS under ${p.oid} has the INS form`, fact: `archives.${a.part}.metadata.patientId`, operator: 'matches', expected: ctx.rules.ins.insPattern, found: p.id });
      }
      // While the INS derogation is active a local identifier is allowed (CI-SIS): no warning then.
      if (!isDerogationActive(ctx.insDerogation, ctx.asOf)) r.check(ids.some((p) => insIsQualifiedOid(ctx, p.oid)), { description: 'the patientId is an INS (NIR or NIA OID)', fact: `archives.${a.part}.metadata.patientId`, operator: 'in', expected: ctx.rules.ins.oids.map((o) => o.oid), found: ids.map((p) => p.oid), level: 'warn' });
      for (const d of a.xdm!.documents) {
        const sameAuthority = d.patientIds.filter((c) => ids.some((p) => p.oid === c.oid));
        r.check(sameAuthority.length > 0 && sameAuthority.every((c) => ids.some((p) => p.oid === c.oid && p.id === c.id)), {
          description: `the patientId equals the patient identifier of ${d.path}`,
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
    if (v.documents.length === 0) return notApplicable('no CDA document travels in IHE_XDM');
    const r = new Verdict(ctx);
    for (const d of v.documents) {
      r.check(!!d.code, { description: `${d.path} has a document code`, fact: `documents.${d.path}.code`, operator: 'exists', expected: true, found: d.code ?? null });
      r.check(d.patientIds.length > 0 && d.patientIds.every((p) => p.oid !== ''), { description: `${d.path} identifies its patient (recordTarget/patientRole/id)`, fact: `documents.${d.path}.patientIds`, operator: 'notEmpty', expected: true, found: d.patientIds });
      const t = d.patient;
      r.check(t.family.length > 0 && t.given.length > 0 && !!t.birthTime && !!t.gender, {
        description: `${d.path} gives the identity traits (birth name, first names, birth date, sex)`,
        fact: `documents.${d.path}.patient`,
        operator: 'containsAll',
        expected: ['family', 'given', 'birthTime', 'administrativeGenderCode'],
        found: t,
      });
    }
    return r.outcome();
  },

  onePatient(v, ctx) {
    if (v.archives.length === 0 && v.patientRecipients.length === 0) return notApplicable('no document and no patient recipient');
    const unknown = documentsUnknown(v);
    if (unknown) return unknown;
    const r = new Verdict(ctx);
    const ins = [...new Set(v.insIds.map((p) => p.id))];
    r.check(ins.length <= 1, { description: 'the documents identify one patient (one INS)', fact: 'documents.ins', operator: 'count', expected: '≤ 1', found: ins });
    const md = [...new Set(v.metadataPatientIds.map((p) => `${p.id}@${p.oid}`))];
    r.check(md.length <= 1, { description: 'METADATA.XML names one patientId', fact: 'metadata.patientId', operator: 'count', expected: '≤ 1', found: md });
    const traits = [...new Set(v.documents.filter((d) => d.patient.family.length > 0).map((d) => `${d.patient.family.join(' ')}|${d.patient.given.join(' ')}|${d.patient.birthTime ?? ''}`))];
    r.check(traits.length <= 1, { description: 'the documents name one patient (same names and birth date)', fact: 'documents.patient', operator: 'count', expected: '≤ 1', found: traits });
    const patients = [...new Set(v.patientRecipients.map((a) => a.local))];
    r.check(patients.length <= 1, { description: 'the message goes to at most one patient address', fact: 'recipients.patient', operator: 'count', expected: '≤ 1', found: patients });
    return r.outcome();
  },

  xdmSubject(v, ctx) {
    if (v.archives.length === 0) return notApplicable('no IHE_XDM archive');
    const r = new Verdict(ctx);
    if (v.subject !== undefined && ctx.rules.re.mdnErrorSubject?.test(v.subject)) {
      // Two sources disagree: REF2 ECO.2.1.3 (subject starts XDM/1.0/DDM+) and the ANS HL7v2 volet
      // (an acknowledgement in error starts [KO …][code]). Neither wins here: a person decides.
      r.check(false, {
        description: 'the subject is an acknowledgement in error as the ANS HL7v2 volet shapes it ([KO …][code] XDM/1.0/DDM+…), which REF2 ECO.2.1.3 does not foresee: sources disagree',
        fact: 'headers.Subject',
        operator: 'matches',
        expected: `${ctx.rules.values.xdmSubjectPattern} (ECO.2.1.3) or ${ctx.rules.values.mdnErrorSubjectPattern} (ANS-HL7V2.MDN-ERROR)`,
        found: v.subject,
        requirements: ['ECO.2.1.3', 'ANS-HL7V2.MDN-ERROR'],
        confidence: '?',
      });
      return r.outcome();
    }
    r.check(v.subject !== undefined && ctx.rules.re.xdmSubject.test(v.subject), { description: 'the subject has the XDM/1.0/DDM+ form', fact: 'headers.Subject', operator: 'matches', expected: ctx.rules.values.xdmSubjectPattern, found: v.subject ?? null });
    const family = v.documents[0]?.patient.family[0];
    if (family && v.subject !== undefined) {
      r.check(v.subject.toUpperCase().includes(family.toUpperCase()), { description: "the subject names the patient's birth name", fact: 'headers.Subject', operator: 'contains', expected: family, found: v.subject, level: 'warn' });
    }
    return r.outcome();
  },

  mdnRequest(v, ctx) {
    const name = ctx.rules.headers.dispositionNotificationTo;
    const vals = header(v, name);
    if (vals.length === 0) return notApplicable(`no ${name}: no read receipt asked`);
    const r = new Verdict(ctx);
    r.check(vals.length === 1, { description: `${name} appears at most once`, fact: `headers.${name}`, operator: 'count', expected: 1, found: vals });
    const parsed = parseAddressList(vals[0]);
    r.check(parsed.invalid.length === 0 && parsed.addresses.length > 0, { description: `${name} is a list of well-formed mailboxes`, fact: `headers.${name}`, operator: 'matches', expected: 'mailbox-list', found: vals[0] });
    return r.outcome();
  },
  mdnStructure(v, ctx) {
    const spec = ctx.rules.mdn!;
    const top = v.scanned.parts[0]!;
    const reportType = (top.contentType.params['report-type'] ?? '').toLowerCase();
    const isReport = top.contentType.mediaType === 'multipart/report' && reportType === spec.reportType.toLowerCase();
    const notifications = v.scanned.parts.filter((p) => p.contentType.mediaType === spec.notificationMediaType);
    if (!isReport && notifications.length === 0) return notApplicable('not a disposition notification (MDN): no read receipt to judge');
    const r = new Verdict(ctx);
    r.check(isReport, { description: `the MDN is a multipart/report; report-type=${spec.reportType}`, fact: 'headers.Content-Type', operator: 'equals', expected: `multipart/report; report-type=${spec.reportType}`, found: `${top.contentType.mediaType}${reportType ? `; report-type=${reportType}` : ''}` });
    const children = v.scanned.parts.filter((p) => p.path.split('.').length === 2);
    r.check(children.length >= spec.minParts && children.length <= spec.maxParts, { description: `the report has ${spec.minParts} to ${spec.maxParts} parts: human-readable text, the notification, optionally the original message`, fact: 'mime.parts', operator: 'between', expected: [spec.minParts, spec.maxParts], found: children.map((p) => p.contentType.mediaType) });
    const notification = children[1];
    if (!r.check(notification?.contentType.mediaType === spec.notificationMediaType, { description: `the second part is ${spec.notificationMediaType}`, fact: 'mime.parts[1]', operator: 'equals', expected: spec.notificationMediaType, found: notification?.contentType.mediaType ?? null })) return r.outcome();
    if (!notification!.captured) return { status: 'error', reason: `the ${spec.notificationMediaType} part could not be read (${notification!.size} bytes)`, assertions: r.assertions };
    const fields = readReportFields(notification!.captured);
    for (const name of spec.requiredFields) {
      const vals = reportFieldValues(fields, name);
      r.check(vals.length === 1, { description: `${name} appears exactly once in the notification`, fact: `notification.${name}`, operator: 'count', expected: 1, found: vals });
    }
    const finalRecipient = reportFieldValues(fields, spec.finalRecipientField)[0];
    if (finalRecipient !== undefined) r.check(ctx.rules.re.mdnFinalRecipient!.test(finalRecipient), { description: `${spec.finalRecipientField} reads <address-type>; <address>`, fact: `notification.${spec.finalRecipientField}`, operator: 'matches', expected: spec.finalRecipientPattern, found: finalRecipient });
    const disposition = reportFieldValues(fields, spec.dispositionField)[0];
    if (disposition !== undefined) r.check(ctx.rules.re.mdnDisposition!.test(disposition), { description: `${spec.dispositionField} reads <action-mode>/<sending-mode>; <displayed|deleted|dispatched|processed>`, fact: `notification.${spec.dispositionField}`, operator: 'matches', expected: spec.dispositionPattern, found: disposition });
    const original = reportFieldValues(fields, spec.originalMessageIdField);
    // RFC 8098 §3.2.5: present iff the original had a Message-ID, which every MSSanté message has (ECO.2.2.1, [S]): warn only.
    r.check(original.length === 1 && isMsgId(original[0]!), { description: `${spec.originalMessageIdField} names the Message-ID of the message read`, fact: `notification.${spec.originalMessageIdField}`, operator: 'matches', expected: 'msg-id', found: original, level: 'warn', requirements: ['RFC8098§3', 'ECO.2.2.1'] });
    return r.outcome();
  },
};

export function runCheck(name: CheckName, v: MessageView, ctx: CheckContext): RuleOutcome {
  return checks[name](v, ctx);
}
