# msscheck user interface messages, English. Ids are stable; locales/fr/messages.ftl has the same ids
# (test/i18n/catalogue.test.ts fails on any id missing in one of them).

## Verdict and CI gate

verdict-conformant = conformant
verdict-non-conformant = non-conformant
verdict-incomplete = incomplete
gate-passed = gate passed at --fail-on { $failOn }
gate-failed = gate failed at --fail-on { $failOn }
# "non-conformant; gate passed at --fail-on critical"
verdict-and-gate = { $verdict }; { $gate }
exit-code = exit code { $code }

## Examples at the end of each command's --help (first line: the heading; then one example per line)

help-examples-main =
    Examples:
    msscheck run                                   # the whole catalogue against the built-in sandbox
    msscheck run --target my-operator.yaml         # against your operator
    msscheck explain tls-versions                  # what a scenario checks, and why
    msscheck <command> --help                      # each command's options and examples
    Exit codes: 0 gate passed, 1 gate failed (--fail-on), 2 invalid input, 3 incomplete.
help-examples-run =
    Examples:
    msscheck run                                                    # whole catalogue, built-in sandbox
    msscheck run --target operator.yaml --as-of 2026-01-01          # your operator, judged on a date
    msscheck run --target operator.yaml --fail-on high --format json,junit,sarif --out out
    msscheck run --sandbox-defects imap-accepts-tls10 --only TLS-*  # see a defect make scenarios fail
    msscheck run --lang fr --verbose                                # French, every step and exchange
    Exit codes: 0 gate passed, 1 gate failed (--fail-on), 2 invalid input, 3 incomplete.
help-examples-sandbox =
    Examples:
    msscheck sandbox --print-target sandbox.yaml --store sent   # run it; write its profile and every message
    msscheck sandbox token --identity dr.test                   # a fresh XOAUTH2 token from the running sandbox
    msscheck sandbox --list-defects                             # the named defects
help-examples-list =
    Examples:
    msscheck list
    msscheck list --tags tls,auth
    msscheck list --json | jq -r '.[].id'
    msscheck list --probes
help-examples-explain =
    Examples:
    msscheck explain TLS-VERSIONS          # a scenario (ids are case-insensitive)
    msscheck explain eco.1.1.1             # a requirement
    msscheck explain AUTH-XOAUTH2-EXPIRED/imap --json
help-examples-validate =
    Examples:
    msscheck validate operator.yaml                  # schema, then preflight: files, env: references, DNS
    msscheck validate --no-preflight operator.yaml   # schema only (e.g. in a repository without secrets)
    msscheck validate scenarios/*.yaml policy/*.yaml
help-examples-lint-message =
    Examples:
    msscheck lint-message sent/*.eml
    msscheck lint-message message.eml --as-of 2026-01-01 --format json
    msscheck lint-message sent/*.eml --out lint-report --format html,md
help-examples-verify =
    Examples:
    msscheck verify audit.zip --key sign.pub.pem
    msscheck verify audit.zip --list
help-examples-diff =
    Examples:
    msscheck diff reports/2026-05/report.json audit.zip
    msscheck diff last-audit.zip audit.zip --format json --fail-on high
help-examples-policy =
    Examples:
    msscheck policy                              # identification means allowed today
    msscheck policy --as-of 2026-01-01 --context remote-access
    msscheck policy --json
help-examples-requirements =
    Examples:
    msscheck requirements
    msscheck requirements --coverage
    msscheck requirements --json

## Statuses, severities, confidence (shared by every format)

status-pass = pass
status-fail = fail
status-warn = warn
status-error = error
status-skip = skip
status-not-applicable = n/a
status-review = review
status-count-pass = { $count } passed
status-count-fail = { $count } failed
status-count-warn = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
status-count-error = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
status-count-skip = { $count } skipped
status-count-not-applicable = { $count } not applicable
status-count-review = { $count } to review
severity-critical = critical
severity-high = high
severity-medium = medium
severity-low = low
severity-info = info
confidence-P = official source (P)
confidence-S = implementers' notes (S)
confidence-unconfirmed = unconfirmed (?)
means-status-allowed = allowed
means-status-tolerated = tolerated
means-status-forbidden = forbidden
means-status-unknown = unknown
identification-compliant = compliant
identification-non-compliant = non-compliant
identification-no-means = no means
yes = yes
no = no

## HTML report

html-title-run = msscheck conformance report
html-title-lint = msscheck message lint
meta-target = Target
meta-target-profile = Target profile
meta-domains = Domains
meta-sandbox-defects = Sandbox defects
meta-as-of = As-of date
meta-verdict = Verdict
meta-run = Run
meta-tool = Tool
meta-catalogue = Catalogue
meta-policy = Policy
meta-only = Only
meta-tags = Tags
meta-redaction = Redaction
redaction-count = { $count ->
    [one] 1 replacement
   *[other] { $count } replacements
}
assumptions = Assumptions
summary = Summary
total = total
identification-title = Identification means
# $date, $context, $policy and $verdict are already formatted (HTML)
identification-on = On { $date } ({ $context }), policy { $policy }: { $verdict }.
first-non-compliant = First non-compliant date: { $date }.
no-non-compliant = No non-compliant date with this policy.
means-col-means = Means
means-col-declared = Declared
means-col-observed = Observed
means-col-status = Status on the as-of date
means-col-from = Compliant from
means-col-until = Compliant until
means-col-why = Why
means-col-source = Source
group-fail = Failures ({ $count })
group-error = Errors: no verdict reached ({ $count })
group-attention = Warnings and points to review ({ $count })
group-rest = Other scenarios ({ $count }): { $detail }
nothing-failed = Nothing failed, errored or warned.
scenarios-title = Scenarios ({ $count })
sc-requirements = Requirements
sc-tags = Tags
sc-family = Family
sc-confidence = Confidence
sc-started = Started
sc-steps = Steps
sc-assertions = Assertions
sc-observed = Authentication methods observed
sc-evidence = Evidence
col-step = Step
col-probe = Probe
col-status = Status
col-duration = Duration
col-code = Code
col-message = Message
col-result = Result
col-must-hold = What must hold
col-expected = Expected
col-found = Found
observed-on = { $means } on { $endpoint }: { $detail }
requirement-says = What the requirement says
assertion-confidence = confidence: { $confidence }
downgraded = A failure lowered to { $to }: { $reason }
not-in-catalogue = (not in the requirement catalogue)
filter-tag = tag
filter-any = (any)
filter-text = text
filter-placeholder = id, title, requirement
filter-expand = expand all
filter-collapse = collapse all
filter-shown = { $count } shown
footer-note = Rendered from the canonical report.json (report version { $version }); report.json.sha256 lets anyone check it was not altered. Evidence was redacted of secrets when it was captured.
timeline-as-of = as of { $date }
timeline-outside = (outside the timeline)
timeline-first-bad = first non-compliant { $date }
timeline-legend-as-of = as-of date
timeline-legend-first-bad = first non-compliant date
timeline-none = No timeline: the policy gave no rows for this target.
timeline-label = Identification means timeline from { $from } to { $to }, as of { $asOf }
timeline-segment = { $label }: { $status } from { $from } { $until } (rule { $rule })
timeline-until = until { $date }
timeline-onwards = onwards

## Why a scenario did not pass (console, Markdown, JUnit, SARIF)

why-expected-found = { $what }: expected { $expected }, found { $found }
annotations-more = { $count } more scenarios need attention: see the job summary or report.html.

## Waiting on a long step (a CIBA approval), on a CI log

wait-start = waiting: { $message } ({ $seconds } s left)
wait-heartbeat = still waiting: { $message } ({ $seconds } s left)

## Console

console-running = msscheck: running { $count ->
    [one] 1 scenario
   *[other] { $count } scenarios
}
console-in-flight = running { $id }
console-done = { $count ->
    [one] 1 scenario
   *[other] { $count } scenarios
} in { $duration }: { $counts }
console-none-run = none run
console-target = target { $target }, as of { $asOf }
console-more = …and { $count } more
console-identification = identification means: { $verdict } on { $asOf }
console-step = step { $step } ({ $probe }): { $status }, { $duration }
console-reports = reports: { $files }
console-warning = warning: { $message }
console-sandbox-not-started = msscheck: { $reason }; no scenario ran

## Markdown summary

md-target = Target
md-as-of = As of
md-fail-on = fail on
md-and-above = { $severity } and above
md-duration = duration
md-catalogue = Catalogue
md-policy = policy
md-sandbox-defects = Sandbox defects switched on: { $defects }
md-col-status = Status
md-col-count = Count
md-col-scenario = Scenario
md-col-severity = Severity
md-col-requirements = Requirements
md-col-why = Why
md-col-means = Means
md-col-declared = Declared
md-col-observed = Observed
md-col-until = Compliant until
md-failures = Failures and errors
md-more = …and { $count } more: see report.html.
md-warnings = Warnings
md-identification = Identification means: { $icon } { $verdict } on { $asOf }
md-first-non-compliant = First non-compliant date with this policy: { $date }
md-assumptions = Assumptions

## JUnit XML (messages a CI shows)

junit-failed = FAILED
junit-warning = WARNING
junit-fact = fact
junit-expected = expected
junit-found = found
junit-requirements = requirements
junit-none = (none)
junit-step = step { $step } ({ $probe }): { $status }
junit-evidence = evidence: { $list } (see report.html / report.json)

## CLI framing

cli-invalid-input = msscheck: invalid input
cli-fix-help = fix: run `msscheck --help` or `msscheck <command> --help` for the options
cli-internal-error = msscheck: internal error: { $detail }
validate-ok = ok       { $file } ({ $kind })
validate-ok-preflight = ok       { $file } ({ $kind }, preflight passed)
validate-invalid = invalid  { $file }
validate-totals = { $valid } valid, { $invalid } invalid

## HTML evidence

ev-endpoint = Endpoint
ev-chains = Chains to a trust anchor.
ev-not-chains = Does not chain to a trust anchor.
ev-expired-as-of = expired on the as-of date
ev-not-yet-valid = not yet valid on the as-of date
ev-col-subject = Subject
ev-col-issuer = Issuer
ev-col-serial = Serial
ev-col-validity = Validity
ev-col-key = Key
ev-col-usage = Usage / policies
ev-col-problems = Problems
ev-bits = { $bits } bits
ev-signed = signed { $algorithm }
ev-key-usage = key usage
ev-ext-key-usage = ext. key usage
ev-policies = policies
ev-chain-problems = Chain problems:
ev-accepted = accepted
ev-refused = refused
ev-cipher-protocol = Cipher \ protocol
ev-tls-legend = a forbidden or weak cell is a problem only when accepted (bold); * has a note.
ev-claims-note = Claims only; the token itself is never recorded.
ev-no-response = (no response)
ev-empty = (empty)
ev-step = step { $step }

## validate preflight

preflight-file = file { $file } cannot be read ({ $code }; looked at { $path })
preflight-file-fix = create the file, correct the path (relative to the profile), or give read permission
preflight-env = environment variable { $name } is not set
preflight-env-fix = export { $name }=… before running, or change the reference
preflight-host = host { $host } does not resolve ({ $why })
preflight-host-fix = correct the host name, or run where its DNS name resolves

## Standalone sandbox

sandbox-message = message { $n }: { $endpoint } from <{ $from }> to { $to }, { $bytes } bytes
sandbox-running = sandbox running; Ctrl-C to stop
sandbox-running-defects = sandbox running with defects { $defects }; Ctrl-C to stop
sandbox-identities = test identities (XOAUTH2 on submission { $endpoint }, STARTTLS); a fresh token for each:
sandbox-store = accepted messages are written to { $dir }; lint them with: msscheck lint-message { $dir }/*.eml
sandbox-token-note = token for { $address }, valid { $seconds } s: send it after the server's 334 (AUTH XOAUTH2, then the base64 initial response), not on the AUTH line

## explain

explain-meta = severity { $severity }; tags { $tags }
explain-confidence = confidence { $confidence }
explain-file = file { $file }
explain-assumption = assumption: { $text }
explain-requirements = requirements:
explain-instances = instances: { $list }
explain-applies = applies when: { $condition }
explain-steps = steps:
explain-must = must
explain-warn = warn
explain-defects = sandbox defects that make it fail:
explain-no-defects = sandbox defects that make it fail: none

## Fleet reports (run --targets, run --whitelist, merge-reports)
fleet-title = msscheck fleet: { $verdict }
fleet-counts = { $targets } targets: { $counts }.
fleet-fail-on = gate at { $severity } and above
fleet-judged = As of { $asOf }; catalogue { $catalogue }, policy { $policy }.
fleet-shards = Shards { $shards }.
fleet-run-times = Run { $start } → { $end }.
fleet-verdict-conformant = conformant
fleet-verdict-non-conformant = non-conformant
fleet-verdict-incomplete = incomplete
fleet-verdict-crashed = crashed
fleet-section-targets = Targets
fleet-section-requirements = Requirements
fleet-section-platforms = Platforms
fleet-col-target = Target
fleet-col-operator = Operator / platform
fleet-col-verdict = Verdict
fleet-col-failures = Failures
fleet-col-non-compliant-from = Identification non-compliant from
fleet-col-requirement = Requirement
fleet-col-pass = Pass
fleet-col-fail = Fail
fleet-col-error = Error
fleet-col-not-run = Not run
fleet-col-finding = Finding
fleet-col-severity = Severity
fleet-col-requirements = Requirements
fleet-col-affected = Targets affected
fleet-target-count = { $count ->
    [one] 1 target
   *[other] { $count } targets
}
fleet-all-targets = all { $count }
fleet-no-failure = No failure.
fleet-console-start = fleet: { $selected } of { $total } targets{ $shard }, { $instances } scenario instances each
fleet-console-shard = {" "}(shard { $index }/{ $count })
fleet-console-target = { $verdict } { $id }{ $detail }
fleet-console-failing = {" "}({ $count } failing)
fleet-console-end = fleet: { $verdict }; { $counts }
fleet-console-reports = reports: { $files } (and targets/<id>/ per target)
fleet-console-merged = merged { $count } shard reports ({ $targets } targets): { $verdict }

## What the engine writes: reasons, conditions, downgrades (report.json keeps the English; readable reports show these)

# Assertion and condition operators, as a person reads them
op-equals = equals
op-notEquals = notEquals
op-in = in
op-notIn = notIn
op-contains = contains
op-notContains = notContains
op-containsAll = containsAll
op-containsAny = containsAny
op-subsetOf = subsetOf
op-disjointFrom = disjointFrom
op-matches = matches
op-notMatches = notMatches
op-exists = exists
op-absent = absent
op-empty = empty
op-notEmpty = notEmpty
op-gt = gt
op-gte = gte
op-lt = lt
op-lte = lte
op-before = before
op-after = after
# `equals "refused"`
expectation = { $operator } { $value }
# `channel equals "imap"`
condition = { $path } { $expectation }
none = none
list-semicolon = { $first }; { $next }
reason-expected-found = { $what }: expected { $expected }, found { $found }
reason-found = { $what }: found { $found }
reason-found-why = { $what }: found { $found } ({ $why })
reason-no-assertion = no assertion was evaluated, so no verdict can be given
reason-not-offered = the target does not offer this ({ $condition })
reason-precondition = precondition not met after step { $step }: { $condition }
step-condition-not-met = condition not met: { $condition }
reason-crashed = the scenario could not be evaluated: { $detail }
where-step = step { $step }
reason-template = { $where }: { $detail } (a fact an earlier step did not produce, or a target field that is missing)
reason-at = { $where }: { $detail }
reason-unknown-probe = unknown probe { $probe }
reason-probe-input = step { $step }: input for { $probe } is invalid after templates: { $detail } ({ $file })
reason-probe-facts = step { $step } ({ $probe }): the probe returned facts that do not match its declared facts schema ({ $detail }); this is a bug of msscheck
reason-step-probe = step { $step } ({ $probe }): { $detail }
unjudged = step { $step }: "{ $what }" cannot be judged: { $why }
unjudged-null = fact { $fact } is not known (null)
unjudged-absent = fact { $fact } was not produced by the step
unjudged-template = { $detail } (a fact an earlier step did not produce, or a target field that is missing)
control-why = { $id }: { $status }
control-why-reason = { $id }: { $status }, { $reason }
control-did-not-run = its positive control did not run ({ $why })
control-skip = { $what } (positive control { $why })
control-not-accepted = the valid counterpart was not accepted
control-refused-too = the valid counterpart was refused too
control-not-tried = the valid counterpart could not be tried
control-not-confirmed = the valid counterpart was not confirmed accepted (one of its checks only warned or asks for review)
control-unverifiable = unverifiable: { $what } (positive control { $why })
control-step-not-run = the control step did not run
control-step-no-assertion = the control step has no assertion
control-not-in-run = not part of this run
downgrade-rule-marked = the rule itself is marked { $confidence } (stricter than or not confirmed by its source)
downgrade-source = its strongest cited source ({ $sources }) is { $confidence }
downgrade-review = unconfirmed rule: { $why }; a person must decide
downgrade-warn = secondary source only: { $why }; --strict makes it fail
downgrade-unconfirmed = unconfirmed rule

## Readable reports: Markdown sections, target line, assumptions, redaction note

md-confidence = confidence { $confidence }
md-confidence-why = confidence { $confidence }: { $why }
md-found = { $what }: found { $found }
md-reviews = To review (unconfirmed rules, or sources that disagree)
md-rules-failures = Rules behind the failures
md-rules-reviews = Rules behind the reviews
md-rules-warnings = Rules behind the warnings
target-none = no target
target-none-lint = message lint (no target)
target-platform = {" "}on platform { $platform }
target-platform-run-by = {" "}on platform { $platform } (run by { $operator })
assumption-line = { $id }: { $text }
assumption-catalogue = { $id } [{ $confidence }] (catalogue): { $text }
assumption-message-rules = message rules: { $text }
assumption-rules-unconfirmed = Rules resting on implementers' notes or unconfirmed sources (MSSANTE.md [S]/[?]): { $rules }; their values are data in { $path }.
assumption-ins-derogation = INS derogation ({ $source }): active { $period }.
assumption-ins-derogation-placeholder = INS derogation ({ $source }): active { $period } (placeholder: the policy has no ins-derogation rule).
ins-derogation-from-until = from { $from } until { $until }
ins-derogation-from = from { $from } with no end date
ins-derogation-until = until { $until }
ins-derogation-open = with no end date
redaction-note-run = Secrets (passwords, tokens, OTP seeds, private keys, SASL payloads) were redacted when captured; they appear as [REDACTED].
redaction-note-lint = message lint reads no credential; nothing needed redacting

## Message lint checks (src/message/checks.ts): what each check requires, and why a rule did not apply

list-or = { $first } or { $next }
lint-reason = { $list }
lint-reason-why = { $what } ({ $why })
lint-na-not-judged = not a message this rule judges: { $why }
lint-na-not-client = not written by the client under test: { $why }
lint-deep-skipped = deep check skipped: { $detail }
lint-documents-unreadable = the documents could not be read: { $detail }
lint-cda-header-absent = { $name } is absent when no CDA document travels in IHE_XDM
lint-cda-header-present = { $name } is present when CDA documents travel
lint-cda-header-once = { $name } appears exactly once when CDA documents travel
lint-mime-version = MIME-Version: 1.0 appears once
lint-header-once = { $name } appears exactly once
lint-mime-structure = multiparts are closed, header sections well-formed, transfer encodings known
lint-line-length = no line longer than { $max } characters
lint-eight-bit = 8-bit content is declared 8bit (or encoded)
lint-content-type-once = the message has at most one Content-Type header
lint-content-type-declared = the message declares its Content-Type (absent, RFC 2045 §5.2 defaults it to text/plain; charset=us-ascii)
lint-content-type-form = every Content-Type is a well-formed type/subtype with parameters
lint-boundary = every multipart declares a boundary
lint-message-id-once = exactly one Message-ID
lint-message-id-form = Message-ID has the form <id-left@id-right>
lint-na-thread-start = neither In-Reply-To nor References: the message starts a thread
lint-threading-once = In-Reply-To and References appear at most once
lint-in-reply-to-form = In-Reply-To is a list of msg-ids
lint-references-form = References is a list of msg-ids
lint-reply-references = a reply carries References as well as In-Reply-To
lint-references-parent = References ends with the parent's Message-ID
lint-charsets = text parts declare one of the charsets { $charsets }
lint-utf8-bytes = the bytes of text parts are valid UTF-8
lint-encoded-words = encoded words in headers use UTF-8
lint-header-not-empty = { $name } is not empty
lint-header-configured-form = { $name } has the configured form (no published grammar)
lint-codecda = { $name } lists the documents' CDA codes (any order, separator "{ $separator }")
lint-ins-header-qualified = { $name } is { $value }: a qualified INS identifies the patient
lint-ins-header-not-qualified = { $name } is { $value }: no qualified INS identifies the patient
lint-na-derogation-until = the INS derogation ({ $id }) is active on { $day } (until { $until })
lint-na-derogation-open = the INS derogation ({ $id }) is active on { $day } (no end date set)
lint-na-no-cda = no CDA document travels in IHE_XDM
lint-ins-qualified = the patient is identified by a qualified INS (the derogation { $id } ended { $until })
lint-na-no-header = no { $name } header
lint-header-at-most-once = { $name } appears at most once
lint-header-value = { $name } has the value { $values }
lint-mes-patient-only = { $name } is only sent to a patient address (@{ $domain })
lint-na-no-patient = no recipient at @{ $domain }
lint-patient-address-form = patient addresses are <INS>@{ $domain } (15 characters, Corsican 2A/2B accepted)
lint-patient-address-key = the INS of each patient address has a valid key (97 - NIR mod 97)
lint-patient-address-no-ins = a patient address is built only from a qualified INS, and the documents carry none (the derogation { $id } has ended)
lint-patient-address-ins = the patient address is the documents' qualified INS
lint-patient-size = a message to a patient is at most { $max } bytes
lint-na-no-xdm = no IHE_XDM archive
lint-archive-too-big = { $file } is inspected (deep check skipped: over the size limit)
lint-archive-readable = { $file } is a readable ZIP archive within the limits
lint-archive-metadata = { $file } holds METADATA.XML
lint-archive-cda = { $file } holds at least one CDA document
lint-archive-xml = the XML files of { $file } are well-formed and safe
lint-archive-companion = a readable copy ({ $types }) travels beside the archive
lint-metadata-present = { $file } has a METADATA.XML to read the patientId from
lint-metadata-patientid-form = METADATA.XML carries patientId values of the form id^^^&OID&ISO
lint-metadata-ins-form = the INS under { $oid } has the INS form
lint-metadata-is-ins = the patientId is an INS (NIR or NIA OID)
lint-metadata-matches-cda = the patientId equals the patient identifier of { $path }
lint-cda-code = { $path } has a document code
lint-cda-patient-id = { $path } identifies its patient (recordTarget/patientRole/id)
lint-cda-traits = { $path } gives the identity traits (birth name, first names, birth date, sex)
lint-na-no-document-no-patient = no document and no patient recipient
lint-one-patient-ins = the documents identify one patient (one INS)
lint-one-patient-metadata = METADATA.XML names one patientId
lint-one-patient-traits = the documents name one patient (same names and birth date)
lint-one-patient-address = the message goes to at most one patient address
lint-subject-ko = the subject is an acknowledgement in error as the ANS HL7v2 volet shapes it ([KO …][code] XDM/1.0/DDM+…), which REF2 ECO.2.1.3 does not foresee: sources disagree
lint-subject-form = the subject has the XDM/1.0/DDM+ form
lint-subject-birth-name = the subject names the patient's birth name
lint-na-no-receipt = no { $name }: no read receipt asked
lint-mailbox-list = { $name } is a list of well-formed mailboxes
lint-na-not-mdn = not a disposition notification (MDN): no read receipt to judge
lint-mdn-report = the MDN is a multipart/report; report-type={ $type }
lint-mdn-parts = the report has { $min } to { $max } parts: human-readable text, the notification, optionally the original message
lint-mdn-parts-other-source = the report has { $count } parts: { $shape }; RFC 8098 §3 allows { $min } to { $max }: sources disagree
lint-mdn-second-part = the second part is { $type }
lint-mdn-unreadable = the { $type } part could not be read ({ $size } bytes)
lint-mdn-field-once = { $name } appears exactly once in the notification
lint-mdn-final-recipient = { $field } reads <address-type>; <address>
lint-mdn-disposition = { $field } reads <action-mode>/<sending-mode>; <displayed|deleted|dispatched|processed>
lint-mdn-original = { $field } names the Message-ID of the message read
op-count = count
op-sameSet = sameSet
op-insKey = insKey
op-between = between

## Evidence titles (what each transcript, exchange or table recorded)

ev-ciba-request-unknown = CIBA authentication request for an unknown person
ev-token-unknown-grant = Token request with an unknown auth_req_id
ev-token-wrong-secret = Token request with a wrong client secret
ev-introspect-never-issued = Introspection of a token never issued
ev-id-token-claims = ID token claims (signature verified)
ev-access-token-claims = access token claims ({ $who })
ev-token-audience-unrestricted = token not restricted to the audience asked for
ev-discovery-document = OpenID discovery document
ev-discovery-standard = discovery document
ev-discovery-wallet = discovery document (wallet-openid-configuration)
ev-jwks = JWKS
ev-jwks-signature = JWKS (to verify the token signature)
ev-ciba-poll-openid-client = CIBA token request by openid-client (poll { $poll })
ev-openid-client-call = openid-client: { $method } { $path }
ev-ciba-shared = CIBA flow shared within the run
ev-ciba-asked-again = CIBA request asked again: our poll came too late to judge
ev-ciba-request = CIBA authentication request
ev-ciba-poll = CIBA token request (poll { $poll })
ev-openid-client-refused-id-token = openid-client (the reference relying party) refused the ID token
ev-refresh-grant = refresh token grant (a new access token, nobody asked)
ev-refreshed-token-claims = refreshed access token claims ({ $who })
ev-introspection = token introspection
ev-revocation = token revocation (RFC 7009)
ev-introspection-after-revocation = introspection after revocation
ev-forged-token-claims = { $kind } token claims
ev-identification = identification means judged as of { $asOf } (policy { $policy })
ev-smtp-session = SMTP session with { $endpoint }
ev-smtp-dsn = SMTP DSN envelope on { $endpoint }
ev-smtp-auth = SMTP AUTH { $mechanism } on { $endpoint }
ev-imap-session = IMAP session with { $endpoint }
ev-imap-auth = IMAP { $mechanism } on { $endpoint }
ev-imap-mailbox = IMAP { $endpoint } { $mailbox } { $folder }
ev-otp-step = { $flow }: { $step }
ev-otp-login = OTP login { $mailbox }
ev-otp-login-again = OTP login { $mailbox } (same code again)
ev-tls-certificate-session = TLS session with { $endpoint } (certificate)
ev-certificate-chain = Certificate chain of { $endpoint }
ev-certificate-chain-igc = Certificate chain of { $endpoint } (against the IGC-Santé bundle)
ev-message-selection = message selection: { $judged } of { $total } judged as written by the client
ev-message = message { $file }
ev-whitelist-checksum = Whitelist checksum
ev-peer-session = peer operator session on { $endpoint } (certificate: { $certificate })
ev-whitelist-lookup = Whitelist lookup
ev-whitelist-dn = Whitelist DN of the MTA certificate
ev-tls-versions = TLS versions of { $endpoint }
ev-tls-handshake = { $version } handshake with { $endpoint }
ev-cipher-enumeration = cipher suite enumeration on { $endpoint }
ev-cipher-table = TLS versions and cipher suites of { $endpoint } (policy { $policy })
ev-lines = ({ $count ->
    [one] 1 line
   *[other] { $count } lines
})

## Command-line parsing (commander's own messages and help words)

cmd-unknown-option = error: unknown option '{ $option }'
cmd-unknown-command = error: unknown command '{ $command }'
cmd-missing-argument = error: missing required argument '{ $argument }'
cmd-option-argument-missing = error: option '{ $option }' argument missing
cmd-required-option = error: required option '{ $option }' not specified
cmd-option-invalid = error: option '{ $option }' argument '{ $value }' is invalid. { $detail }
cmd-argument-invalid = error: command-argument value '{ $value }' is invalid for argument '{ $argument }'. { $detail }
cmd-too-many-arguments = error: too many arguments for '{ $command }'. Expected { $expected } arguments but got { $got }.
cmd-too-many-arguments-main = error: too many arguments. Expected { $expected } arguments but got { $got }.
cmd-conflicting-option = error: { $option } cannot be used with { $other }
cmd-allowed-choices = Allowed choices are { $choices }.
cmd-did-you-mean = (Did you mean { $suggestion }?)
cmd-help-title-usage = Usage:
cmd-help-title-options = Options:
cmd-help-title-commands = Commands:
cmd-help-title-arguments = Arguments:
cmd-help-title-global-options = Global Options:
cmd-help-choices = choices:
cmd-help-default = default:
cmd-help-preset = preset:
cmd-help-env = env:
cmd-help-command = display help for command
ev-token-exchange = token exchange (RFC 8693): this run's access token for another audience
ev-refresh-resource = refresh token grant with a resource (RFC 8707 §2.2): another audience, nobody asked
ev-smtp-dsn-request = SMTP DSN request on { $endpoint }
ev-dns = DNS { $service }

## Input errors (files, flags, schemas): what is wrong and how to fix it

input-field = field { $field }:{" "}
input-fix = fix: { $fix }
what-target-profile = target profile
what-scenario = scenario
what-policy = policy
what-requirement-catalogue = requirement catalogue
what-requirement-catalogue-manifest = requirement catalogue manifest
what-message-rules = message rules
what-message = message
what-cipher-policy = cipher policy
what-certificate-profile = certificate profile
what-data-translations = data translations
what-input = input
input-yaml-invalid = { $what } is not valid YAML: { $detail }
input-yaml-invalid-fix = correct the YAML syntax (indentation, quotes, duplicate keys)
input-yaml-aliases = { $what } expands YAML aliases (*name) too many times (more than { $max }, limit yamlAliases): an alias bomb, or a file that should not use aliases this way
input-yaml-aliases-fix = write the repeated values out, or use fewer aliases
input-empty = { $what } file is empty
input-empty-fix = write a { $what } in it
input-is-directory = { $what } path is a directory, not a file
input-is-directory-fix = give the path of the { $what } file inside it
input-not-regular = { $what } path is { $kind }, not a regular file
input-not-regular-fix = give the path of the { $what } file
input-too-large = { $what } file is { $size } bytes, more than the { $max } allowed (limit { $limit })
input-too-large-fix = check that this is the right file; if it is, raise the bound with --limit { $limit }=N
input-binary = { $what } file is binary (it contains NUL bytes), not text
input-binary-fix = give the { $what } file itself, not an archive or a compiled file
input-folder-not-found = { $what } folder not found
input-check-path = check the path
input-not-folder = { $what } path is not a folder
input-not-folder-fix = give the folder that holds the { $what } files
input-not-found = { $what } file not found
input-not-dir-on-path = { $what } path goes through something that is not a directory
input-permission = cannot read the { $what } file (permission denied)
input-permission-fix = check the file permissions
input-symlink-loop = { $what } path is a loop of symbolic links
input-unreadable = cannot read the { $what } file ({ $detail })
input-unreadable-fix = check that the path names a readable file
flag-not-severity = "{ $value }" is not a severity
flag-use-one-of = use one of: { $values }
flag-not-resolver = "{ $value }" is not a resolver address
flag-not-resolver-fix = write an IP address, optionally with a port: --dns-server 127.0.0.1:5353
flag-not-count = "{ $value }" is not a positive whole number
flag-not-count-fix = write e.g. { $flag } 4
flag-not-date = "{ $value }" is not a date or a date-time
flag-not-date-fix = write a day (start of that day in { $zone }) or a date-time, e.g. { $flag } 2026-01-01 or { $flag } 2026-01-01T09:30:00+01:00
explain-unknown = "{ $id }" is neither a scenario nor a requirement id
explain-unknown-near = "{ $id }" is neither a scenario nor a requirement id (did you mean { $near }?)
explain-unknown-fix = run `msscheck list` or `msscheck requirements` for the ids
validate-unknown-kind = cannot tell whether this is a scenario, a target profile or a policy
validate-unknown-kind-fix = add a $schema line naming scenario.schema.json, target.schema.json or policy.schema.json
schema-additional = unknown field "{ $field }"
schema-additional-fix = remove it or correct its spelling (see the schema for allowed fields)
schema-required = missing required field "{ $field }"
schema-required-fix = add "{ $field }"
schema-not-allowed = value is not allowed
schema-enum-fix = use one of: { $values }
schema-dependent = "{ $field }" needs "{ $needs }" beside it
schema-dependent-fix = add "{ $needs }" or remove "{ $field }"
schema-const-fix = use { $value }
schema-type = must be of type { $type }
schema-type-fix = write a { $type } here
schema-type-string = string
schema-type-number = number
schema-type-integer = integer
schema-type-boolean = boolean
schema-type-object = object
schema-type-array = array
schema-type-null = null
schema-pattern = does not match the expected form { $pattern }
schema-minLength = must NOT have fewer than { $limit } characters
schema-maxLength = must NOT have more than { $limit } characters
schema-minItems = must NOT have fewer than { $limit } items
schema-maxItems = must NOT have more than { $limit } items
schema-minProperties = must NOT have fewer than { $limit } properties
schema-maxProperties = must NOT have more than { $limit } properties
schema-minimum = must be >= { $limit }
schema-maximum = must be <= { $limit }
schema-exclusiveMinimum = must be > { $limit }
schema-exclusiveMaximum = must be < { $limit }
schema-uniqueItems = must NOT have duplicate items (items ## { $j } and { $i } are identical)
schema-format = must match format "{ $format }"

## msscheck policy

policy-heading = Policy { $id } { $version } ({ $source }): { $title }
policy-as-of = As of { $date }. Confidence: P official text, S implementer's notes, ? unconfirmed.
policy-assumption = Assumption ({ $context }): { $text }
policy-context = Context: { $context }
policy-col-means = MEANS
policy-col-status = STATUS
policy-col-next = NEXT CHANGE
policy-col-source = SOURCE [CONFIDENCE]
policy-next-change = { $status } from { $date }
policy-no-change = (no change)
policy-means-heading = Means, and how a run recognises them
policy-observed-as = seen in a run as: { $how }
policy-dated-rules = Dated rules
policy-always = always
policy-open-ended = open-ended
policy-in-force = IN FORCE
policy-not-in-force = not in force
policy-sources = Sources

## How an authentication method was seen accepted (reports: observed methods)

observed-auth = { $command } accepted after { $security }
observed-auth-certificate = { $command } accepted after { $security } with client certificate { $certificate }
observed-implicit-tls = implicit TLS
observed-starttls = STARTTLS
observed-otp-totp = HTTP login with password and a TOTP code accepted
observed-otp-code = HTTP login with password and a one-time code accepted

## Who wrote a message (message lint: a message the client under test did not write is not judged)

author-no-signs = no sign of another author is configured
author-report = multipart/report; report-type={ $type }: { $meaning } written by a server or a mail agent, not by the client (RFC 6522)
author-a-report = a report
author-auto = { $header }: { $values }: an automatic message (RFC 3834 §5), not written by the client
author-null-return-path = Return-Path: <> (null reverse-path): a bounce or notification (RFC 5321 §4.5.5), not written by the client
author-robot-sender = From { $from } matches the operator/robot sender pattern { $pattern }: a notice, not written by the client
author-client = no report type, no Auto-Submitted, a non-null return path and a personal sender: judged as written by the client

## Network and run errors (a step that could not reach a verdict)

net-refused = { $what }: connection refused
net-reset = { $what }: connection reset by peer
net-unreachable = { $what }: host unreachable ({ $code })
net-timeout-connect = { $what }: no connection within { $ms } ms
net-timeout-idle = { $what }: no answer within { $ms } ms
net-timeout-overall = { $what }: not finished within { $ms } ms
net-closed = { $what }: connection closed by the server
net-no-tls = { $what }: { $detail }, so TLS cannot be examined
net-declared-plain = { $what } is declared without TLS
net-no-endpoint = the target profile has no { $endpoint }
net-interrupted = { $what }: interrupted (overall timeout)
net-closed-in-body = { $what }: the server closed the connection in the middle of the body
tls-versions-inconclusive = { $what }: { $versions } got neither a handshake nor a refusal (reset without an alert twice, or closed while no version completes)
tls-suites-inconclusive = { $what }: { $count } suite(s) got neither an answer nor a refusal (reset without an alert twice, or closed while no handshake completes): { $suites }
run-deadline-passed = deadline: the run's deadline of { $deadline } passed before this finished (raise it with --deadline)
run-interrupted = the run was interrupted
sandbox-worker-died = the built-in sandbox's worker thread stopped during the run ({ $reason }); the scenarios still running end in error
sandbox-worker-no-answer = the built-in sandbox's worker thread did not answer within { $seconds } s
sandbox-worker-start-timeout = the built-in sandbox did not start within { $seconds } s
sandbox-worker-start-failed = the built-in sandbox could not start: { $reason }
env-sandbox-thread = MSSCHECK_SANDBOX_THREAD is "{ $value }"
env-sandbox-thread-fix = set it to worker (the default: the sandbox runs in its own thread) or main (in the run's thread), or unset it
run-step-overall = { $probe } did not finish within { $ms } ms

## msscheck requirements --coverage

coverage-heading = Requirement catalogue { $id } { $version } ({ $source })
coverage-totals = { $requirements } requirements: { $covered } verified by a scenario, { $twins } only through a twin, { $uncovered } without a scenario ({ $scenarios } scenarios).
coverage-totals-hidden = { $requirements } requirements: { $covered } verified by a scenario, { $twins } only through a twin, { $uncovered } without a scenario ({ $hidden } of them client obligations or not observable from outside) ({ $scenarios } scenarios).
coverage-unknown = Scenarios citing requirement ids the catalogue lacks ({ $count }):
coverage-did-you-mean = { $id } (did you mean { $suggestion }?)
coverage-verified = Verified:
coverage-twins = Verified only through a twin:
coverage-without = Without a scenario:
coverage-client = Client obligations (checking the operator does not verify them; they need a client under test):
coverage-hidden = Not observable from outside (no scenario can verify them):
select-no-match = no scenario matches { $ids }
select-no-match-fix = run `msscheck list` for the scenario ids
select-unknown-tags = no scenario has the { $count ->
    [one] tag
   *[other] tags
} { $tags }
select-no-tag = no scenario has any of the tags { $tags }
select-no-tag-in-only = no scenario selected by --only has any of the tags { $tags }
select-tags-fix = use tags that exist: { $tags }
select-empty = the selection matches no scenario
select-empty-fix = run `msscheck list` for the scenario ids and tags
limit-unknown = "{ $value }" is not a limit
limit-not-number = "{ $value }": the value is not a number
limit-not-number-fix = write e.g. --limit { $example }
flag-sign-without-bundle = only a bundle is signed
flag-sign-without-bundle-fix = add --bundle FILE, or drop the signing flags
flag-passphrase-without-key = a passphrase without a key
flag-passphrase-without-key-fix = add --sign-key FILE
flag-bundle-fleet = evidence bundles are written for one target at a time
flag-bundle-fleet-fix = drop --bundle/--sign-key, or run each target with --target FILE --bundle FILE
flag-defects-with-target = sandbox defects only apply to the built-in sandbox
flag-defects-with-target-fix = drop --target, or drop --sandbox-defects
flag-targets-and-whitelist = --targets and --whitelist both give the fleet
flag-targets-and-whitelist-fix = use one of them
flag-out-not-empty = { $dir } already holds files
flag-out-not-empty-fix = choose an empty folder, or add --force to overwrite the profiles
format-none = no report format given
format-unknown = unknown report format "{ $format }"
format-fix = use a comma-separated list of: { $formats }
out-holds-report = { $dir } already holds a report ({ $files })
out-holds-report-fix = choose another { $flag } folder, or add --force to replace that report
out-not-directory = { $dir } exists and is not a directory
out-not-directory-fix = give a directory path for --out
sandbox-unknown-defects = unknown sandbox { $count ->
    [one] defect
   *[other] defects
}: { $names }
sandbox-unknown-defects-fix = run `msscheck sandbox --list-defects` for the names
profile-not-means = "{ $value }" is not an identification means of the policy { $policy }
profile-use-means = use one of: { $values } (msscheck policy)
profile-not-context = "{ $value }" is not a context of the policy { $policy }
fleet-duplicate-id = two targets have the id "{ $id }": { $first } and { $second }
fleet-duplicate-id-fix = rename one of the files (a target's id is its file name)
fleet-unknown-defect = { $spec }: unknown sandbox defect { $names }
fleet-no-such-path = { $spec }: no such file or folder
fleet-no-such-path-fix = give target profile files or folders of them
fleet-empty-folder = { $spec }: the folder holds no target profile (*.yaml)
fleet-empty-folder-fix = point --targets at the folder of target profiles
fleet-no-target = no target given
fleet-no-target-fix = give target profile files or folders
merge-no-such-path = no such file or folder
merge-no-such-path-fix = give the folders the shards wrote with --out
merge-unreadable = not a readable fleet report ({ $detail })
merge-unreadable-fix = give the folders the shards wrote (each holds fleet.json)
merge-not-fleet = not a fleet report (kind is not "fleet")
merge-not-fleet-fix = give the folders that `msscheck run --targets … --shard I/N --out DIR` wrote
merge-none = no report given
merge-none-fix = give the shard folders
merge-differs = this shard's { $what } differs from { $first }'s
merge-differs-fix = merge only shards of one run (same catalogue, policy, --as-of, selection and --fail-on)
merge-duplicate-target = target "{ $id }" is also in { $other }
merge-duplicate-target-fix = merge each shard once; shards of one run never share a target
report-not-json = not JSON: { $detail }
report-give = give a report.json, a report folder or an evidence bundle
report-not-msscheck = not an msscheck report (no kind or scenarios)
report-not-msscheck-fix = give a report.json written by msscheck, a report folder or an evidence bundle
report-unreadable = cannot read it: { $detail }
report-folder-fix = check the path (a report folder must hold report.json)
report-bundle-no-report = the bundle has no readable { $path }
report-bundle-no-report-fix = give a bundle written by msscheck run/lint-message --bundle
key-fix = give an Ed25519 or ECDSA P-256 key in PEM (e.g. `openssl genpkey -algorithm ed25519 -out sign.pem`)
key-unreadable = cannot read the key file: { $detail }
key-algorithm = the key is { $alg }
key-passphrase-clear = the passphrase must be given by reference, not in clear
key-passphrase-clear-fix = write env:NAME (a variable holding it) or file:PATH (a file holding it)
key-passphrase-unset = { $ref } is not set or not readable
key-passphrase-unset-fix = set the variable or create the file
key-encrypted = the key is encrypted and no passphrase was given
key-wrong-passphrase = the passphrase does not open the key
key-not-private = not a private key PEM ({ $code })
key-encrypted-fix = give --sign-key-passphrase env:NAME or file:PATH
key-not-public = not a public key, certificate or unencrypted private key PEM ({ $code })
key-not-public-fix = give the signer's public key, e.g. from `openssl pkey -in sign.pem -pubout -out sign.pub.pem`
vendor-no-identity = no test identity "{ $name }" in the sandbox
vendor-no-sandbox = no running sandbox found here
vendor-no-sandbox-fix = start one with `msscheck sandbox` (in another terminal), or give --target FILE written by `msscheck sandbox --print-target FILE`
vendor-not-sandbox = this is not the msscheck sandbox (sandbox tokens only; a real Pro Santé Connect is never asked)
vendor-not-sandbox-fix = give the profile of a running `msscheck sandbox`
vendor-http = { $what }: HTTP { $status }{ $error }
vendor-http-fix = is the sandbox still running? (`msscheck sandbox`)
vendor-no-secret = the sandbox profile names no client secret file
vendor-no-secret-fix = use the profile of a running `msscheck sandbox`
vendor-ciba-refused = the sandbox refused the CIBA request for { $address }{ $error }
vendor-use-approve = use an identity whose role approves (e.g. dr.approve)
vendor-no-token-in-time = no token for { $address } in time (its role: { $role })
vendor-no-token = the sandbox gave no token for { $address } ({ $error })
policy-unknown-context = unknown context "{ $context }" in policy { $policy }
date-invalid = invalid date
date-not-calendar = "{ $value }" is not a calendar date
date-fix = write a date YYYY-MM-DD, e.g. 2026-01-01
ref-var-undefined = variable "{ $name }" is not defined
ref-var-undefined-variant = variable "{ $name }" is not defined in variant { $variant }
ref-var-undefined-fix = define it under vars (of the scenario or of every variant), or write target.…, steps.<id>.facts.… or asOf
ref-no-fact = probe { $probe } has no fact "{ $fact }"
ref-no-fact-fix = use one of: { $facts } (msscheck list --probes --json shows every probe's facts)
ref-name-declared-fact = name a fact the probe declares
ref-exists-always = fact "{ $fact }" of { $probe } is always present: `exists` cannot fail
ref-exists-always-fix = assert something about its value instead
ref-op-no-value = operator { $op } takes no value
ref-op-no-value-fix = remove value, or use an operator that compares (equals, contains...)
ref-op-needs-value = operator { $op } needs a value
ref-op-needs-value-fix = add value: the value to compare the fact with
ref-op-needs-list = operator { $op } needs a list as value
ref-op-needs-list-fix = write value: [a, b]
ref-op-needs-number = operator { $op } needs a number as value
ref-op-needs-number-fix = write a number, e.g. value: 0
ref-op-needs-date = operator { $op } needs a date as value
ref-op-needs-date-fix = write an ISO date, e.g. value: "2026-01-01"
ref-op-needs-regex = operator { $op } needs a regular expression (a string) as value
ref-op-needs-regex-fix = write value: "^pattern$"
ref-regex-invalid = invalid regular expression: { $detail }
ref-regex-invalid-fix = correct the pattern (JavaScript RegExp syntax; escape ( ) [ ] . * + ? with a backslash)
ref-op-needs-type = operator { $op } needs { $what }, but the fact is { $types }
ref-op-needs-type-fix = use an operator that suits the fact (see docs/ARCHITECTURE.md, Operators)
ref-need-string-or-list = a string or a list
ref-need-list = a list
ref-need-string = a string
ref-need-number = a number
ref-use = use { $schema }
ref-never-equal = value { $values } can never equal this fact ({ $schema })
ref-never-equal-list = { $values } can never equal this fact ({ $schema })
ref-list-never-holds = the list never holds { $values } ({ $schema })
ref-schema-one-of = one of { $values }
ref-schema-a = a { $types }
ref-schema-an = an { $types }
ref-step-not-run = "{ $path }" names step "{ $step }", which has not run at this point
ref-step-not-run-fix = name an earlier step: { $steps }
ref-step-earlier-only = a step can only use the facts of the steps before it
ref-facts-expected = "{ $path }" must continue with .facts.
ref-facts-expected-fix = write steps.{ $step }.facts.<fact>
ref-step-no-fact = step { $step } has no fact "{ $fact }"
ref-name-probe-fact = name a fact its probe declares
ref-no-target-field = the target profile has no field "{ $path }"
ref-no-target-field-fix = see schemas/target.schema.json for the profile fields
ref-asof-field = asOf has no field "{ $field }"
ref-asof-field-fix = write ${"{"}asOf{"}"}
ref-define-under-vars = define it under vars
ref-unknown-root = "{ $path }" is neither a variable nor target.…, steps.<id>.facts.… or asOf
ref-unknown-root-variant = "{ $path }" is neither a variable of variant { $variant } nor target.…, steps.<id>.facts.… or asOf
ref-unknown-root-fix = define variable "{ $name }" under vars (of the scenario or of every variant), or correct the path
load-duplicate-step = duplicate step id "{ $id }"
load-duplicate-step-fix = give each step its own id
load-unknown-probe = unknown probe "{ $probe }"
load-unknown-probe-fix = run `msscheck list --probes` for the probe names
load-no-input = probe { $probe } has no input "{ $key }"
load-needs-input = probe { $probe } needs input "{ $key }"
load-needs-input-fix = add with.{ $key }
load-duplicate-variant = duplicate variant id "{ $id }"
load-duplicate-variant-fix = give each variant its own id
load-control-either = a control names either a scenario or a step
load-control-either-fix = write control: {"{"} scenario: ID {"}"} or control: {"{"} step: id {"}"}
load-control-step = control step "{ $step }" is not a step of this scenario
load-control-step-variant = control step "{ $step }" (variant { $variant }) is not a step of this scenario
load-name-one-of = name one of: { $values }
load-control-var = control names a variable that the scenario does not define
load-control-var-variant = control names a variable that variant { $variant } does not define
load-control-reason = a control with ifUnverified: skip needs a reason (what the profile must provide)
load-control-reason-fix = add reason
load-control-meanwhile-scenario = meanwhile goes with a control scenario (a control step already runs within this scenario)
load-control-meanwhile-scenario-fix = remove meanwhile, or name the control scenario
load-control-meanwhile-step = control meanwhile names "{ $step }", which is not a step of this scenario
load-duplicate-scenario = scenario id "{ $id }" is already used by { $other }
load-duplicate-scenario-fix = give this scenario its own id
load-control-missing = control scenario "{ $id }" of { $of } does not exist
load-control-missing-fix = name a scenario instance id (msscheck list)
load-control-negative = control scenario "{ $id }" of { $of } is itself a negative scenario with a control
load-control-negative-fix = name the positive scenario that accepts the valid counterpart
archive-is-directory = { $path } is a directory
archive-is-directory-fix = give a file path for { $flag }, e.g. { $example }
archive-exists = { $path } already exists
archive-exists-fix = choose another file name, or add --force to replace it
store-unwritable = cannot write accepted messages into { $dir } ({ $code })
store-unwritable-fix = give a writable folder
fleet-out-not-folder = { $dir } exists and is not a folder
fleet-out-not-folder-fix = give a folder path for --out
fleet-out-not-empty-fix = choose a new --out folder, or add --force to replace it
ciba-intent-approve = Approve the Pro Santé Connect request for { $address } (code { $code })
ciba-intent-deny = REFUSE the Pro Santé Connect request for { $address } (code { $code })
ciba-intent-ignore = Do NOT answer the Pro Santé Connect request for { $address } (code { $code })
wait-token-expiry = Waiting for the access token to expire
wait-countdown = { $message }: { $seconds } s left
sandbox-profile-comment = msscheck sandbox target profile (valid while this sandbox runs)
defect-fails = fails: { $list }
defect-warns = warns: { $list }
defect-reviews = reviews: { $list }
defect-inconclusive = inconclusive (error, no verdict): { $list }
control-status-pass = pass
control-status-fail = fail
control-status-warn = warn
control-status-error = error
control-status-skip = skip
control-status-not-applicable = not-applicable
control-status-review = review
step-status-ok = ok
step-status-error = error
step-status-skip = skip
step-status-not-applicable = not-applicable
step-status-not-run = not-run
cat-not-manifest = catalogue.yaml must be the manifest (id, version, title), not a requirements file
cat-not-manifest-fix = move the requirements to requirements/<document>.yaml
cat-no-folder = requirement folder not found
cat-no-folder-fix = create requirements/ with one YAML file per document
cat-not-document = a file under requirements/ must hold a document and its requirements
cat-not-document-fix = add document: and requirements:
cat-duplicate = duplicate requirement id "{ $id }" (already in { $where })
cat-duplicate-fix = keep one entry per id; declare the same rule under another id with twins:
cat-p-without-primary = requirement { $id } is marked P but names no primary source
cat-p-without-primary-fix = add primarySource: <id of catalogue.yaml primarySources>, or lower its confidence to S or ?
cat-unknown-primary = primary source "{ $source }" of { $id } is not declared in catalogue.yaml primarySources
cat-unknown-primary-fix = declare it there, or use one of: { $values }
cat-unknown-twin = twin "{ $twin }" is not in the catalogue
cat-unknown-twin-fix = add that requirement, or correct the id
cat-self-twin = a requirement cannot be its own twin
cat-self-twin-fix = remove it
rules-duplicate = rule id { $id } appears twice
rules-duplicate-fix = give each rule a unique id
rules-mdn-block = rule { $id } uses the mdnStructure check, which needs the mdn block
rules-mdn-block-fix = add the mdn block of the built-in rules/message/rules.yaml
pre-no-mailbox = no mailbox { $mailbox } in the target profile
pre-no-mailbox-type = no { $type } mailbox in the target profile
pre-no-mailbox-with = no mailbox with { $needs } in the target profile
pre-no-token = no access token was obtained (the token step did not run)
pre-token-unset = the access token reference { $ref } is not set
pre-no-password = no password reference for { $mailbox } in the target profile
pre-password-unset = the password reference of { $mailbox } is not set
pre-no-client-cert = no client certificate for { $mailbox } in the target profile
pre-no-pkcs12 = no PKCS#12 file for { $mailbox } in the target profile
pre-pkcs12-unreadable = the PKCS#12 file of { $mailbox } cannot be read
pre-pkcs12-passphrase-unset = the PKCS#12 passphrase reference of { $mailbox } is not set
pre-cert-needs-key = the client certificate of { $mailbox } needs cert and key
pre-cert-unreadable = the certificate file of { $mailbox } cannot be read
pre-key-unset = the private key reference of { $mailbox } is not set
pre-no-endpoint = no endpoint { $endpoint } in the target profile
pre-starttls-refused = { $what }: STARTTLS refused ({ $reply }); nothing is tried in the clear
pre-implicit-tls = { $what } uses implicit TLS: no STARTTLS session to examine
pre-dsn-login-refused = { $what }: the login msscheck needs before its DSN envelope was refused ({ $reply }); the AUTH-* scenarios judge logins
pre-dsn-no-address = the login has no mailbox address to use as sender and recipient

## Probe errors: why a step could not reach a verdict (protocol, OIDC/CIBA, certificates)
pe-unknown-mail-endpoint = unknown mail endpoint "{ $name }" (one of { $values })
pe-smtp-not-reply = { $what }: not an SMTP reply line: { $line }
pe-smtp-code-changed = { $what }: reply code changed within a multi-line reply ({ $first } then { $then })
pe-not-url = { $url }: not a URL
pe-http-only = { $url }: only http and https URLs are fetched
pe-http-invalid = { $what }: not a valid HTTP response ({ $code })
pe-tls-failed = { $what }: TLS failed ({ $code })
pe-greeting-not-220 = { $what }: greeting { $code }, not 220
pe-greeting = { $what }: greeting { $code }
pe-imap-greeting-not-ok = { $what }: IMAP greeting is not "* OK"
pe-imap-starttls-unexpected = { $what }: unexpected IMAP line in answer to STARTTLS
pe-dns-refused = { $what }: the DNS server refused the query ({ $code })
pe-dns-answered = { $what }: the DNS server answered { $code }
pe-dns-failed = { $what }: DNS lookup failed ({ $code })
pe-tls-message-too-large = { $what }: the server's TLS handshake message is larger than our TLS library accepts ({ $detail }; an oversized certificate chain)
pe-probe-failed = { $probe } failed: { $message }
pe-limit-exceeded = { $what }: more than { $limit } (limit { $name }); if the server is right, raise it with --limit { $name }=N
pe-limit-exceeded-seen = { $what }: more than { $limit } (limit { $name }); seen: { $seen }; if the server is right, raise it with --limit { $name }=N
pe-inconclusive-once = { $what }: inconclusive once: the server said "{ $reply }" ({ $meaning }; { $ref }), so whether it accepts or refuses is unknown
pe-inconclusive-times = { $what }: inconclusive { $n } times: the server said "{ $reply }" ({ $meaning }; { $ref }), so whether it accepts or refuses is unknown
pe-ehlo-answered = { $what }: EHLO answered { $code }
pe-dsn-plain-mail-refused = { $what }: MAIL FROM without parameters refused ({ $reply }): the negative control cannot run
pe-banner = { $what }: banner { $code }
pe-too-many-334 = { $what }: too many 334 challenges
pe-dsn-mail-refused = { $what }: MAIL FROM with RET/ENVID refused ({ $reply }); no DSN can be asked for
pe-dsn-rcpt-refused = { $what }: RCPT TO with NOTIFY=SUCCESS refused ({ $reply }); no DSN can be asked for
pe-message-not-accepted = { $what }: the message was not accepted ({ $reply })
pe-dsn-no-token = no access token to read the sender's mailbox with (with.token)
pe-dsn-wait-timeout = { $what }: neither the message sent to { $address } nor a delivery status notification arrived within { $seconds } s (the wait's bound); delivery itself did not happen in time, so no conclusion on the DSN
pe-dsn-not-within-wait = { $what }: the message sent to { $address } arrived, but no delivery status notification about it came within msscheck's wait of { $seconds } s. RFC 3461 sets no delay for it, so this is no verdict: look for the notification in the mailbox later, or wait longer with --limit dsnWaitSeconds=N (and a --timeout above N)
pe-token-ref-form = token must be a vault handle (vault:<id>) or a reference (env:NAME, file:PATH)
pe-no-pki-item = no built-in test PKI item named { $name }
pe-certificate-form = certificate must be "mailbox" or "pki:<name>"
pe-not-offered-mechanism = { $what } neither advertises { $mechanism } nor declares the means { $means } (endpoints.*.means): this positive test does not apply, and a mechanism that is not offered is not sent
pe-nul-credential = the credential contains a NUL character, which no IMAP literal can carry (RFC 3501 §4.3; literal8 needs BINARY)
pe-imap-unexpected-greeting = { $what }: unexpected IMAP greeting
pe-imap-malformed-tagged = { $what }: malformed tagged reply
pe-imap-too-many-continuations = { $what }: too many continuation requests
pe-imap-capability-refused = { $what }: CAPABILITY refused
pe-imap-starttls-refused = { $what }: STARTTLS refused ({ $reply }); authentication is not tried in the clear
pe-imap-source-login-refused = { $what }: the server refused the { $mechanism } login{ $code }, so no message could be read (the AUTH-* scenarios judge the login)
pe-connection-timed-out = { $what }: connection timed out
pe-server-stopped-answering = { $what }: the server stopped answering
pe-server-closed = { $what }: the server closed the connection
pe-imap-source-cert-unverified = { $what }: the server certificate does not verify ({ $code }); no token is sent to it
pe-no-imap-endpoint = the target profile has no IMAP endpoint
pe-overall-timeout = { $what }: overall timeout
pe-imap-source-no-starttls = { $what }: the server does not offer STARTTLS, so no message is read (IMAP-STARTTLS judges that)
pe-no-token-mailbox = no access token to read the mailbox with (with.token: the tokenHandle of an oidc.ciba step, or auth: password)
pe-no-message-paths = no message paths given (with.paths)
pe-no-sandbox-store = no sandbox message store (the target is not the in-process sandbox)
pe-starttls-answered = { $what }: STARTTLS answered { $code }
pe-peer-cert-unusable = the peer certificate cannot be used by our client: { $message }
pe-our-tls-failed = { $what }: our TLS client failed ({ $code }), so the server's decision is unknown
pe-why-tls-alert = TLS alert from the server ({ $code })
pe-why-closed-handshake = the server closed the connection during the handshake
pe-handshake-failed-before = { $what }: { $why } before { $before }: the peer certificate was never judged, so this is not a refusal of it
pe-before-cert-sent = our Certificate was sent
pe-before-cert-request = any CertificateRequest
pe-before-cert-request-tls13 = a CertificateRequest could be observed (TLS 1.3)
pe-closed-by-server = { $what }: connection closed by the server
pe-not-smtp-line = { $what }: not an SMTP reply line
pe-oidc-client-refused = { $what }: the provider answered { $code } ({ $meaning }; { $ref }): it refused msscheck's client or the profile's test data, so the flow under test never ran. Fix: { $fix }
pe-introspection-http = introspection answered HTTP { $status }
pe-id-token-not-jws = the ID token is not a JWS (OIDC Core §2: an ID token is a signed JWT)
pe-not-http-url = not an http(s) URL: { $url }
pe-http-temporary = { $what }: temporary failure (HTTP { $status }); no verdict can be drawn from it
pe-http-temporary-retry = { $what }: temporary failure (HTTP { $status }, Retry-After { $retry }); no verdict can be drawn from it
pe-no-mailbox-national-id = no mailbox { $mailbox } with a nationalId in the target profile
pe-no-identity-rank = the target profile has no PSC test identity at rank { $ranks } (mailboxes with a nationalId: { $count })
pe-no-identity-role = the target profile has no PSC test identity with pscTestRole { $roles } (roles listed: { $listed }); to run this scenario, list the test person's mailbox (with its nationalId) again with pscTestRole: { $first }
pe-no-identity-legacy = the target profile has no PSC test identity with role { $roles }: no mailbox has a pscTestRole, and the rank rule finds no mailbox with a nationalId at rank { $ranks } (there are { $count }); add pscTestRole: { $first } to a mailbox
pe-no-oidc-endpoint = the target profile has no endpoints.oidc
pe-no-oidc-client = the target profile has no oidcClient (client id and secret or certificate)
pe-oidc-secret-unset = the OIDC client secret reference { $ref } resolves to nothing (unset variable or missing file)
pe-oidc-key-unset = the OIDC client certificate key reference resolves to nothing
pe-oidc-cert-unreadable = the OIDC client certificate file { $file } cannot be read
pe-oidc-client-no-credential = oidcClient gives neither clientSecret nor clientCertificate (cert and key)
pe-not-json-object = { $what }: the answer is not a JSON object
pe-jwks-unreadable = the token's signature cannot be verified: the JWKS { $url } could not be read ({ $code }: { $message })
pe-jwks-http = the token's signature cannot be verified: { $url } answered HTTP { $status }
pe-jwks-http-no-keys = the token's signature cannot be verified: { $url } answered HTTP { $status } without a JSON key set
pe-token-signature-invalid = the access token's signature does not verify against the provider's JWKS { $url } ({ $code }): its claims are not judged
pe-token-payload-not-json = the access token is signed but its payload is not a JSON claims set
pe-no-token-handle = no token behind handle { $handle } (expected a tokenHandle fact of oidc.ciba or oidc.token-forge)
pe-reference-rp-refused = openid-client (the reference relying party) refused the { $what }: { $detail }
pe-ciba-auth-http = CIBA authentication request answered HTTP { $status }
pe-ciba-auth-http-error = CIBA authentication request answered HTTP { $status } { $error }
pe-ciba-no-expires = CIBA authentication response has no expires_in (CIBA §7.3)
pe-ciba-token-http-no-error = CIBA token request answered HTTP { $status } without an OAuth error
pe-ciba-overall-timeout = overall timeout while waiting for the CIBA approval
pe-overall-timeout-waiting = overall timeout while waiting
pe-forge-no-exp = the token has no readable exp: cannot tell when it expires
pe-forge-expires-late = the token expires in { $seconds } s, longer than maxWaitSeconds ({ $max } s); an expired token cannot be forged against this provider
pe-forge-not-signed = the token is not a signed JWT: no signature to alter
pe-forge-needs-audience = oidc.token-forge kind wrong-audience needs `audience` (another service's resource URI)
pe-forge-audience-refused = the provider refuses to issue a token for { $audience } ({ $error }): no wrong-audience token can be made
pe-forge-audience-same = the provider's token for { $audience } names audience { $aud }: not a token for another service
pe-none = (none)
pe-forge-acr-not-below = the token of identity { $address } has acr { $acr }: not below { $accepted }
pe-forge-revocation-http = the provider's revocation endpoint answered HTTP { $status }: no revoked token can be made
pe-forge-no-valid-token = no valid token to start from: the CIBA flow for { $address } ended { $outcome }
pe-forge-not-jwt = the provider's token is not a JWT: its claims cannot be copied into a foreign token
pe-trust-anchor-file = trust anchor file { $message } (target profile trustAnchors)
pe-no-certificate-presented = { $what } presented no certificate
pe-cert-profile = certificate profile: { $message }
pe-revocation-unknown = the revocation status of { $subject } could not be established (CRL: { $crl }, OCSP: { $ocsp }): { $problems }
pe-no-usable-source = no usable source
pe-no-igc-bundle = the target profile names no igcSanteBundle (the ANS IGC-Santé chain, Chaine_de_certification-IGC-Sante.p7b), so "IGC-Santé only" (ECO.1.1.10) cannot be verified
pe-igc-bundle-error = IGC-Santé bundle { $message } (target profile igcSanteBundle)
pe-igc-bundle-empty = IGC-Santé bundle { $file } holds no certificate (target profile igcSanteBundle)
pe-no-trust-anchors = the target profile declares no trustAnchors (PEM files of the accepted CAs)
pe-not-a-crl = { $what }: not a CRL ({ $message })
pe-no-endpoint-declared = the target profile declares no { $endpoint } endpoint
pe-no-totp-seed = no totpSeed reference for { $mailbox } in the target profile
pe-totp-seed-unset = the totpSeed reference of { $mailbox } is not set
pe-otp-command-failed = the otpCodeSource command of { $mailbox } failed ({ $code })
pe-otp-command-no-code = the otpCodeSource command of { $mailbox } printed no code
pe-otp-env-unset = environment variable { $env } (otpCodeSource of { $mailbox }) is not set
pe-otp-no-code-typed = no code typed in time
pe-otp-no-source = no usable otpCodeSource for { $mailbox } (a command, an environment variable, or a prompt on a terminal)
pe-otp-extract-before = otpFlow: { $template } is used before a step extracts it
pe-otp-unknown-template = otpFlow: unknown template { $template }
pe-otp-step-failed = { $flow }: step { $step }: { $detail }
pe-otp-success-step = otpFlow: success.step "{ $step }" is not one of the steps
pe-otp-stopped-before-code = { $which } stopped at step { $step } (HTTP { $status }) before the code was sent: the server never judged the code
pe-otp-server-error = { $which } answered the code with HTTP { $status } at step { $step }: a server error, not a refusal of the code
pe-otp-the-login = the login
pe-otp-the-second-login = the second login
pe-no-otp-flow = the target profile describes no otpFlow
pe-no-otp-web = the target profile has no endpoints.otpWeb
pe-no-otp-code-source = no otpCodeSource for { $mailbox }
pe-otp-needs-terminal = the otpCodeSource of { $mailbox } needs a terminal (prompt) and there is none
pe-otp-secret-unset = otpFlow uses { $template } but credentials.{ $name } is not set
pe-otp-no-server-clock = the server's clock could not be read from the flow (serverClock), so no code can be computed for it
pe-otp-window-used = every TOTP step of the ±1 window was already used by this run; rerun this scenario alone
pe-peer-pkcs12-unreadable = peerCertificates.{ $role }.pkcs12 cannot be read
pe-peer-needs-key = peerCertificates.{ $role } needs cert and key (or pkcs12)
pe-peer-key-unset = peerCertificates.{ $role }.key does not resolve (unset variable or missing file)
pe-no-peer-certificate = the target profile gives no peerCertificates.{ $role } (an IGC-Santé SERV SSL certificate of a whitelisted domain)
pe-file-unreadable = { $what } { $path } cannot be read ({ $code })
pe-what-checksum-file = whitelist checksum file
pe-what-whitelist = whitelist
pe-no-whitelist = the target profile gives no whitelist
pe-no-whitelist-checksum = the target profile gives no whitelistChecksum (the checksum file ANS publishes beside the whitelist)
pe-checksum-no-value = whitelist checksum file { $file } holds no SHA-256 value (64 hex digits)
pe-no-domain-in-whitelist = none of the target's domains is in the whitelist (TRUST-WHITELIST-DOMAINS says so): no DN to compare
pe-no-whitelist-path = the target profile gives no whitelist (path to the ANS ListeBlancheMSSante XML)
pe-whitelist-error = whitelist { $message }

## Fixed words of requirement source citations (src/i18n/source-citation.ts)
source-rule = rule
source-section-not-identified = section not identified
source-not-read = not read
source-historically-port = historically port { $port }
source-rem-twin = REM twin
source-onwards = onwards
source-implementer-notes = implementer's notes
source-whitelist-format-in = whitelist format in
explain-not-in-catalogue = (not in the requirement catalogue)

## Certificate chain evidence: revocation problems (HTML evidence)
ev-revoked-on = revoked on { $date } ({ $reason }, by { $method }): { $subject }
ev-crl-ocsp-disagree = CRL says { $crl } but OCSP says { $ocsp }: { $subject }
ev-revocation-unknown-for = revocation unknown for { $subject }: { $problem }
pe-client-cannot-offer = this msscheck client cannot offer { $versions } ({ $why }), so a refusal by the server could not be told apart
pe-cipher-policy = cipher policy: { $message }
chain-no-certificate = the server presented no certificate
chain-self-signed-untrusted = self-signed certificate not among the trust anchors: { $subject }
chain-issuer-not-found = issuer not found among the presented certificates and the trust anchors: { $issuer }
chain-issuer-not-ca = issuer is not a CA (basicConstraints): { $subject }
chain-too-long = chain longer than { $max } certificates
chain-expired-on = expired on { $date }: { $subject }
chain-not-yet-valid-on = not yet valid on { $date }: { $subject }
chain-does-not-name = does not name { $host }

## Certificate profile findings (src/x509/cert-profile.ts): English in facts, phrases in the HTML evidence
prof-none = none
prof-missing = ; missing { $list }
prof-forbidden = ; forbidden { $list }
prof-key-usage = key usage { $list }{ $missing }{ $forbidden }
prof-ext-key-usage = extended key usage { $list }{ $missing }{ $forbidden }
prof-key = { $family } { $bits } bits{ $alg }{ $size }
prof-alg-not-allowed = { " " }(algorithm not allowed)
prof-under-bits = { " " }(under { $min } bits)
prof-signed-with = signed with { $algorithm }
prof-not-yet-valid-on = not yet valid on { $date }
prof-expired-on = expired on { $date }
prof-valid-days = valid { $days } days, more than { $max }
prof-and = { $first }; { $next }
prof-validity = { $from } to { $to }{ $problems }
prof-validity-problems = : { $list }
prof-subject = subject { $subject }{ $missing }
prof-san = subjectAltName { $list }{ $missing }
prof-san-missing = ; no { $types } name
prof-policies = policies { $list }{ $expected }
prof-policies-expected = ; expected one of { $values }
prof-issuer-cn = issuer CN { $list }
prof-ca = CA { $value }
prof-crl-dp = CRL distribution points { $list }{ $missing }
prof-crl-dp-missing = ; no { $schemes } URI
prof-no-crl-dp = no CRL distribution points extension
prof-violation = { $rule }: { $detail }
prof-of-profile = profile { $profile }: { $violation }

## explain REQUIREMENT-ID (src/policy/coverage.ts renderRequirementExplanation)
req-explain-confidence = confidence { $confidence }
req-explain-document = Document: { $document } ({ $version })
req-explain-source = Source:   { $source }
req-explain-assumption = Assumption: { $text }
req-explain-twins = Twins:    { $list }
req-explain-verified-by = Verified by:
req-explain-verified-by-none = Verified by: no scenario
req-explain-through-twin = Through a twin:
req-explain-cites = cites { $twin }

## Revocation sources (src/x509/revocation.ts, src/x509/live-clock.ts)
text-verbatim = { $text }
rev-no-crl-dp = the certificate names no CRL distribution point
rev-crl-issuer-unknown = the issuer certificate is unknown, so no CRL signature can be checked
rev-crl-bad-signature = { $url }: CRL signature does not verify with the issuer's key
rev-crl-wrong-issuer = { $url }: CRL issued by { $issuer }, not by { $expected }
rev-crl-outdated = { $url }: CRL outdated: { $why }
rev-crl-not-yet-valid = { $url }: CRL not yet valid: { $why }
rev-ocsp-error = OCSP { $code }: { $message }
rev-ocsp-unknown = OCSP: the responder does not know the certificate (unknown)
ocsp-at = { $url }: { $message }
ocsp-signer-not-issued = the OCSP responder certificate { $subject } is not issued by { $issuer }
ocsp-signer-no-eku = the OCSP responder certificate { $subject } lacks the id-kp-OCSPSigning extended key usage
ocsp-signer-not-valid = the OCSP responder certificate { $subject } is not valid now ({ $now })
ocsp-signer-unknown = the OCSP response is signed neither by the issuing CA nor by a responder certificate it carries
ocsp-unknown-cert-status = unknown certStatus tag [{ $tag }]
ocsp-response-status = the OCSP responder answered { $status }
ocsp-not-basic = the OCSP response is not a BasicOCSPResponse
ocsp-not-a-response = not an OCSP response ({ $detail })
ocsp-signature-algorithm = unsupported OCSP signature algorithm { $algorithm }
ocsp-signature-bad = the OCSP response signature does not verify
ocsp-nonce-other = the OCSP response carries another nonce than the request (a replayed response?)
ocsp-no-certid = the OCSP response says nothing about the certificate asked for (no matching CertID)
ocsp-stale = the OCSP response is stale: { $why }
ocsp-not-yet-valid = the OCSP response is not yet valid: { $why }
ocsp-no-issuer = the issuer certificate is unknown, so no OCSP CertID can be built
fresh-this-update-after-now = thisUpdate { $at } is after the current time { $now } ({ $skew } s of clock skew allowed)
fresh-next-update-before-now = nextUpdate { $at } is before the current time { $now } ({ $skew } s of clock skew allowed)

## This client's TLS capability (src/net/tls-capability.ts), in "cannot offer"
tls-cap-version-reason = { $version }: { $reason }
tls-cap-handshake-failed = handshake failed
tls-cap-no-handshake = no handshake within { $seconds } s
tls-cap-negotiated = negotiated { $protocol }
reply-dropped-mid-exchange = the connection ended during { $what }, before any answer
exchange-before-starttls = { $command } before STARTTLS
list-comma = { $first }, { $next }
what-smtp-session = SMTP session ({ $exchanges }) on { $endpoint }
what-on = { $what } on { $endpoint }
what-peer-session = peer operator session on { $endpoint } (certificate: { $certificate })

## What went past a limit (src/limits/limits.ts callers)
limit-what-reply-lines = { $what }: a multi-line reply has too many lines
limit-what-body = { $what }: response body larger than allowed
limit-what-chain-length = the peer presented too long a certificate chain
limit-what-certificate-size = the peer presented too large a certificate
limit-what-line = { $what }: a line of the server's is longer than allowed
limit-what-untagged-before-literal = { $what }: { $command } got too many untagged responses before its literal could be sent
limit-what-untagged-before-tagged = { $what }: { $command } got too many untagged responses before its tagged reply

## ZIP archives (src/message/zip.ts): why an archive could not be read
zip-too-short = not a ZIP archive (too short)
zip-no-eocd = not a ZIP archive (no end of central directory)
zip64-unsupported = ZIP64 archives are not supported
zip-too-many-entries = archive has { $count } entries, more than the limit of { $limit }
zip-cd-outside = central directory lies outside the archive
zip-cd-entry-damaged = central directory entry { $n } is damaged
zip-cd-entry-truncated = central directory entry { $n } is truncated
zip-entry-zip64 = entry { $name }: ZIP64 sizes are not supported
zip-entry-too-big = entry { $name } declares { $size } bytes, more than the limit of { $limit }
zip-entry-ratio = entry { $name } expands { $ratio } times, more than the limit of { $limit }
zip-total-too-big = archive expands to more than { $limit } bytes
zip-entry-encrypted = entry { $name } is encrypted
zip-local-header-damaged = local header of { $name } is damaged
zip-data-truncated = data of { $name } is truncated
zip-stored-sizes = stored entry { $name } has inconsistent sizes
zip-no-inflate = entry { $name } does not inflate: { $message }
zip-expands-beyond = entry { $name } expands beyond the { $cap } bytes it declared
zip-inflates-to = entry { $name } inflates to { $filled } bytes, not the { $size } it declared
zip-method = entry { $name } uses compression method { $method }
zip-crc = entry { $name } fails its CRC-32 check

## Values message lint found (src/message/xdm.ts, src/message/checks.ts)
xdm-not-well-formed = not well-formed XML: { $message }
xdm-second-metadata = a second METADATA.XML
lint-found-status = { $status }: { $reason }
lint-found-path-problem = { $path }: { $problem }

## msscheck verify: an unreadable evidence bundle (src/evidence/verify.ts)
bundle-not-zip = not a ZIP archive (an evidence bundle is one)
bundle-damaged-zip = damaged ZIP archive: { $message }
bundle-no-manifest = no { $path }: not an msscheck evidence bundle
verify-give-bundle = give an evidence bundle written by `msscheck run --bundle FILE`
verify-cannot-read = cannot read { $file }: { $code }
verify-check-path = check the path

## msscheck's XML parser (src/message/xml.ts): why a file is not well-formed XML
xml-at-line = { $message } (line { $line })
xml-unsupported-encoding = unsupported encoding "{ $enc }"
xml-bytes-invalid = bytes are not valid { $enc }
xml-unterminated-entity = unterminated entity reference "&{ $ref }"
xml-bad-char-ref = bad character reference &{ $ref };
xml-undefined-entity = undefined entity &{ $ref }; (entities other than the predefined ones are refused)
xml-text-outside-root = text outside the root element
xml-unterminated-pi = unterminated processing instruction
xml-unterminated-comment = unterminated comment
xml-unterminated-cdata = unterminated CDATA section
xml-cdata-outside-root = CDATA outside the root element
xml-doctype-after-root = DOCTYPE after the root element
xml-dtd-refused = DTD internal subset refused (entity declarations are not expanded)
xml-unterminated-doctype = unterminated DOCTYPE
xml-markup-declaration-refused = markup declaration refused
xml-unterminated-end-tag = unterminated end tag
xml-end-without-start = end tag </{ $name }> without a start tag
xml-end-mismatch = end tag </{ $name }> does not close <{ $open }> (line { $openLine })
xml-lt-in-tag = '<' inside a tag
xml-unterminated-start-tag = unterminated start tag
xml-bad-element-name = bad element name "{ $name }"
xml-two-roots = more than one root element
xml-too-many-elements = more than { $max } elements
xml-bad-attribute-name = bad attribute name "{ $name }"
xml-attribute-twice = attribute { $name } appears twice
xml-lt-in-attribute = '<' in the value of attribute { $name }
xml-malformed-attributes = malformed attributes in <{ $name }>
xml-undeclared-prefix = undeclared namespace prefix "{ $prefix }"
xml-not-closed = element <{ $name }> is not closed
xml-no-root = no root element
xml-document-too-large = document larger than { $max } bytes
