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
