# Messages de l'interface de msscheck, en français. Mêmes identifiants que locales/en/messages.ftl.
# Vocabulaire des documents de l'ANS : opérateur, liste blanche, moyen d'identification électronique,
# INS qualifiée, espace de confiance MSSanté.

## Verdict et seuil d'échec de la CI

verdict-conformant = conforme
verdict-non-conformant = non conforme
verdict-incomplete = incomplet
gate-passed = contrôle CI réussi avec --fail-on { $failOn }
gate-failed = contrôle CI en échec avec --fail-on { $failOn }
verdict-and-gate = { $verdict } ; { $gate }
exit-code = code de sortie { $code }

## Exemples à la fin du --help de chaque commande (première ligne : le titre ; puis un exemple par ligne)

help-examples-main =
    Exemples :
    msscheck run                                   # tout le catalogue contre le bac à sable intégré
    msscheck run --target mon-operateur.yaml       # contre votre opérateur
    msscheck explain tls-versions                  # ce qu'un scénario vérifie, et pourquoi
    msscheck <commande> --help                     # options et exemples de chaque commande
    Codes de sortie : 0 contrôle CI réussi, 1 contrôle CI en échec (--fail-on), 2 entrée invalide, 3 incomplet.
help-examples-run =
    Exemples :
    msscheck run                                                    # tout le catalogue, bac à sable intégré
    msscheck run --target operateur.yaml --as-of 2026-01-01         # votre opérateur, jugé à une date
    msscheck run --target operateur.yaml --fail-on high --format json,junit,sarif --out out
    msscheck run --sandbox-defects imap-accepts-tls10 --only TLS-*  # voir un défaut faire échouer des scénarios
    msscheck run --lang fr --verbose                                # en français, chaque étape et chaque échange
    Codes de sortie : 0 contrôle CI réussi, 1 contrôle CI en échec (--fail-on), 2 entrée invalide, 3 incomplet.
help-examples-sandbox =
    Exemples :
    msscheck sandbox --print-target bac-a-sable.yaml --store envoyes   # le lancer ; écrire son profil et chaque message
    msscheck sandbox token --identity dr.test                          # un jeton XOAUTH2 frais du bac à sable lancé
    msscheck sandbox --list-defects                                    # les défauts nommés
help-examples-list =
    Exemples :
    msscheck list
    msscheck list --tags tls,auth
    msscheck list --json | jq -r '.[].id'
    msscheck list --probes
help-examples-explain =
    Exemples :
    msscheck explain TLS-VERSIONS          # un scénario (identifiants insensibles à la casse)
    msscheck explain eco.1.1.1             # une exigence
    msscheck explain AUTH-XOAUTH2-EXPIRED/imap --json
help-examples-validate =
    Exemples :
    msscheck validate operateur.yaml                  # schéma, puis vérifications préalables : fichiers, références env:, DNS
    msscheck validate --no-preflight operateur.yaml   # schéma seul (p. ex. dans un dépôt sans secrets)
    msscheck validate scenarios/*.yaml policy/*.yaml
help-examples-lint-message =
    Exemples :
    msscheck lint-message envoyes/*.eml
    msscheck lint-message message.eml --as-of 2026-01-01 --format json
    msscheck lint-message envoyes/*.eml --out rapport-lint --format html,md
help-examples-verify =
    Exemples :
    msscheck verify audit.zip --key sign.pub.pem
    msscheck verify audit.zip --list
help-examples-diff =
    Exemples :
    msscheck diff reports/2026-05/report.json audit.zip
    msscheck diff last-audit.zip audit.zip --format json --fail-on high
help-examples-policy =
    Exemples :
    msscheck policy                              # moyens d'identification électronique admis aujourd'hui
    msscheck policy --as-of 2026-01-01 --context remote-access
    msscheck policy --json
help-examples-requirements =
    Exemples :
    msscheck requirements
    msscheck requirements --coverage
    msscheck requirements --json
