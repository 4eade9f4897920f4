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
