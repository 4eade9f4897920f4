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

## Statuts, sévérités, confiance (communs à tous les formats)

status-pass = réussi
status-fail = échec
status-warn = avertissement
status-error = erreur
status-skip = ignoré
status-not-applicable = sans objet
status-review = à revoir
status-count-pass = { $count ->
    [one] 1 réussi
   *[other] { $count } réussis
}
status-count-fail = { $count } en échec
status-count-warn = { $count ->
    [one] 1 avertissement
   *[other] { $count } avertissements
}
status-count-error = { $count ->
    [one] 1 erreur
   *[other] { $count } erreurs
}
status-count-skip = { $count ->
    [one] 1 ignoré
   *[other] { $count } ignorés
}
status-count-not-applicable = { $count } sans objet
status-count-review = { $count } à revoir
severity-critical = critique
severity-high = élevée
severity-medium = moyenne
severity-low = faible
severity-info = info
confidence-P = source officielle (P)
confidence-S = notes d'implémentation (S)
confidence-unconfirmed = non confirmée (?)
means-status-allowed = autorisé
means-status-tolerated = toléré
means-status-forbidden = interdit
means-status-unknown = inconnu
identification-compliant = conforme
identification-non-compliant = non conforme
identification-no-means = aucun moyen
yes = oui
no = non

## Rapport HTML

html-title-run = Rapport de conformité msscheck
html-title-lint = Contrôle de messages msscheck
meta-target = Cible
meta-target-profile = Profil de la cible
meta-domains = Domaines
meta-sandbox-defects = Défauts du bac à sable
meta-as-of = Date de référence
meta-verdict = Verdict
meta-run = Exécution
meta-tool = Outil
meta-catalogue = Catalogue
meta-policy = Politique
meta-only = Seulement
meta-tags = Étiquettes
meta-redaction = Masquage
redaction-count = { $count ->
    [one] 1 remplacement
   *[other] { $count } remplacements
}
assumptions = Hypothèses
summary = Synthèse
total = total
identification-title = Moyens d'identification électronique
identification-on = Au { $date } ({ $context }), politique { $policy } : { $verdict }.
first-non-compliant = Première date de non-conformité : { $date }.
no-non-compliant = Aucune date de non-conformité avec cette politique.
means-col-means = Moyen
means-col-declared = Déclaré
means-col-observed = Observé
means-col-status = Statut à la date de référence
means-col-from = Conforme depuis
means-col-until = Conforme jusqu'au
means-col-why = Pourquoi
means-col-source = Source
group-fail = Échecs ({ $count })
group-error = Erreurs : aucun verdict atteint ({ $count })
group-attention = Avertissements et points à revoir ({ $count })
group-rest = Autres scénarios ({ $count }) : { $detail }
nothing-failed = Aucun échec, aucune erreur, aucun avertissement.
scenarios-title = Scénarios ({ $count })
sc-requirements = Exigences
sc-tags = Étiquettes
sc-family = Famille
sc-confidence = Confiance
sc-started = Début
sc-steps = Étapes
sc-assertions = Assertions
sc-observed = Méthodes d'authentification observées
sc-evidence = Preuves
col-step = Étape
col-probe = Sonde
col-status = Statut
col-duration = Durée
col-code = Code
col-message = Message
col-result = Résultat
col-must-hold = Ce qui doit être vrai
col-expected = Attendu
col-found = Constaté
observed-on = { $means } sur { $endpoint } : { $detail }
requirement-says = Ce que dit l'exigence
assertion-confidence = confiance : { $confidence }
downgraded = Un échec abaissé en « { $to } » : { $reason }
not-in-catalogue = (absente du catalogue d'exigences)
filter-tag = étiquette
filter-any = (toutes)
filter-text = texte
filter-placeholder = identifiant, titre, exigence
filter-expand = tout déplier
filter-collapse = tout replier
filter-shown = { $count } affichés
footer-note = Produit à partir du report.json canonique (version de rapport { $version }) ; report.json.sha256 permet à chacun de vérifier qu'il n'a pas été modifié. Les secrets ont été masqués dans les preuves dès leur capture.
timeline-as-of = au { $date }
timeline-outside = (hors de la frise)
timeline-first-bad = première non-conformité { $date }
timeline-legend-as-of = date de référence
timeline-legend-first-bad = première date de non-conformité
timeline-none = Pas de frise : la politique ne donne aucune ligne pour cette cible.
timeline-label = Frise des moyens d'identification du { $from } au { $to }, au { $asOf }
timeline-segment = { $label } : { $status } à partir du { $from } { $until } (règle { $rule })
timeline-until = jusqu'au { $date }
timeline-onwards = sans date de fin

## Pourquoi un scénario n'a pas réussi (console, Markdown, JUnit, SARIF)

why-expected-found = { $what } : attendu { $expected }, constaté { $found }
annotations-more = { $count } autres scénarios demandent attention : voir le résumé du job ou report.html.

## Attente d'une étape longue (une validation CIBA), dans un journal de CI

wait-start = en attente : { $message } (encore { $seconds } s)
wait-heartbeat = toujours en attente : { $message } (encore { $seconds } s)

## Console

console-running = msscheck : exécution de { $count ->
    [one] 1 scénario
   *[other] { $count } scénarios
}
console-in-flight = en cours : { $id }
console-done = { $count ->
    [one] 1 scénario
   *[other] { $count } scénarios
} en { $duration } : { $counts }
console-none-run = aucun exécuté
console-target = cible { $target }, au { $asOf }
console-more = …et { $count } de plus
console-identification = moyens d'identification électronique : { $verdict } au { $asOf }
console-step = étape { $step } ({ $probe }) : { $status }, { $duration }
console-reports = rapports : { $files }
console-warning = avertissement : { $message }
console-sandbox-not-started = msscheck : { $reason } ; aucun scénario n'a été exécuté

## Résumé Markdown

md-target = Cible
md-as-of = Au
md-fail-on = seuil d'échec
md-and-above = { $severity } et plus
md-duration = durée
md-catalogue = Catalogue
md-policy = politique
md-sandbox-defects = Défauts du bac à sable activés : { $defects }
md-col-status = Statut
md-col-count = Nombre
md-col-scenario = Scénario
md-col-severity = Sévérité
md-col-requirements = Exigences
md-col-why = Pourquoi
md-col-means = Moyen
md-col-declared = Déclaré
md-col-observed = Observé
md-col-until = Conforme jusqu'au
md-failures = Échecs et erreurs
md-more = …et { $count } de plus : voir report.html.
md-warnings = Avertissements
md-identification = Moyens d'identification électronique : { $icon } { $verdict } au { $asOf }
md-first-non-compliant = Première date de non-conformité avec cette politique : { $date }
md-assumptions = Hypothèses

## JUnit XML (messages affichés par une CI)

junit-failed = ÉCHEC
junit-warning = AVERTISSEMENT
junit-fact = fait
junit-expected = attendu
junit-found = constaté
junit-requirements = exigences
junit-none = (aucune)
junit-step = étape { $step } ({ $probe }) : { $status }
junit-evidence = preuves : { $list } (voir report.html / report.json)

## Cadre de la CLI

cli-invalid-input = msscheck : entrée invalide
cli-fix-help = correction : lancez `msscheck --help` ou `msscheck <commande> --help` pour les options
cli-internal-error = msscheck : erreur interne : { $detail }
validate-ok = ok       { $file } ({ $kind })
validate-ok-preflight = ok       { $file } ({ $kind }, vérifications préalables réussies)
validate-invalid = invalide { $file }
validate-totals = { $valid } valide(s), { $invalid } invalide(s)

## Preuves HTML

ev-endpoint = Point d'accès
ev-chains = Remonte à une ancre de confiance.
ev-not-chains = Ne remonte pas à une ancre de confiance.
ev-expired-as-of = expiré à la date de référence
ev-not-yet-valid = pas encore valide à la date de référence
ev-col-subject = Sujet
ev-col-issuer = Émetteur
ev-col-serial = Numéro de série
ev-col-validity = Validité
ev-col-key = Clé
ev-col-usage = Usages / politiques
ev-col-problems = Problèmes
ev-bits = { $bits } bits
ev-signed = signé { $algorithm }
ev-key-usage = usage de clé
ev-ext-key-usage = usage étendu
ev-policies = politiques
ev-chain-problems = Problèmes de chaîne :
ev-accepted = accepté
ev-refused = refusé
ev-cipher-protocol = Suite \ protocole
ev-tls-legend = une case interdite ou faible n'est un problème que si elle est acceptée (en gras) ; * a une note.
ev-claims-note = Revendications seulement ; le jeton lui-même n'est jamais enregistré.
ev-no-response = (pas de réponse)
ev-empty = (vide)
ev-step = étape { $step }

## Vérifications préalables de validate

preflight-file = le fichier { $file } ne peut pas être lu ({ $code } ; cherché en { $path })
preflight-file-fix = créez le fichier, corrigez le chemin (relatif au profil) ou donnez le droit de lecture
preflight-env = la variable d'environnement { $name } n'est pas définie
preflight-env-fix = exportez { $name }=… avant de lancer, ou changez la référence
preflight-host = l'hôte { $host } ne se résout pas ({ $why })
preflight-host-fix = corrigez le nom d'hôte, ou lancez depuis un réseau où son nom DNS se résout

## Bac à sable autonome

sandbox-message = message { $n } : { $endpoint } de <{ $from }> à { $to }, { $bytes } octets
sandbox-running = bac à sable lancé ; Ctrl-C pour l'arrêter
sandbox-running-defects = bac à sable lancé avec les défauts { $defects } ; Ctrl-C pour l'arrêter
sandbox-identities = identités de test (XOAUTH2 sur la soumission { $endpoint }, STARTTLS) ; un jeton frais pour chacune :
sandbox-store = les messages acceptés sont écrits dans { $dir } ; contrôlez-les avec : msscheck lint-message { $dir }/*.eml
sandbox-token-note = jeton pour { $address }, valable { $seconds } s : envoyez-le après le 334 du serveur (AUTH XOAUTH2, puis la réponse initiale en base64), pas sur la ligne AUTH

## explain

explain-meta = sévérité { $severity } ; étiquettes { $tags }
explain-confidence = confiance { $confidence }
explain-file = fichier { $file }
explain-assumption = hypothèse : { $text }
explain-requirements = exigences :
explain-instances = instances : { $list }
explain-applies = s'applique quand : { $condition }
explain-steps = étapes :
explain-must = doit
explain-warn = avertit
explain-defects = défauts du bac à sable qui le font échouer :
explain-no-defects = défauts du bac à sable qui le font échouer : aucun

## Rapports de flotte (run --targets, run --whitelist, merge-reports)
fleet-title = msscheck, flotte : { $verdict }
fleet-counts = { $targets } cibles : { $counts }.
fleet-fail-on = seuil à { $severity } et au-dessus
fleet-judged = Évalué au { $asOf } ; catalogue { $catalogue }, politique { $policy }.
fleet-shards = Lots { $shards }.
fleet-run-times = Exécution { $start } → { $end }.
fleet-verdict-conformant = conforme
fleet-verdict-non-conformant = non conforme
fleet-verdict-incomplete = incomplet
fleet-verdict-crashed = interrompu
fleet-section-targets = Cibles
fleet-section-requirements = Exigences
fleet-section-platforms = Plateformes
fleet-col-target = Cible
fleet-col-operator = Opérateur / plateforme
fleet-col-verdict = Verdict
fleet-col-failures = Échecs
fleet-col-non-compliant-from = Identification non conforme à partir du
fleet-col-requirement = Exigence
fleet-col-pass = Réussies
fleet-col-fail = Échecs
fleet-col-error = Erreurs
fleet-col-not-run = Non exécutées
fleet-col-finding = Constat
fleet-col-severity = Gravité
fleet-col-requirements = Exigences
fleet-col-affected = Cibles concernées
fleet-target-count = { $count ->
    [one] 1 cible
   *[other] { $count } cibles
}
fleet-all-targets = toutes ({ $count })
fleet-no-failure = Aucun échec.
fleet-console-start = flotte : { $selected } cibles sur { $total }{ $shard }, { $instances } instances de scénario chacune
fleet-console-shard = {" "}(lot { $index }/{ $count })
fleet-console-target = { $verdict } { $id }{ $detail }
fleet-console-failing = {" "}({ $count } en échec)
fleet-console-end = flotte : { $verdict } ; { $counts }
fleet-console-reports = rapports : { $files } (et targets/<id>/ pour chaque cible)
fleet-console-merged = { $count } rapports de lots fusionnés ({ $targets } cibles) : { $verdict }

## Ce qu'écrit le moteur : raisons, conditions, abaissements (report.json garde l'anglais ; les rapports lisibles montrent ceci)

# Opérateurs des assertions et des conditions, tels qu'une personne les lit
op-equals = égal à
op-notEquals = différent de
op-in = parmi
op-notIn = hors de
op-contains = contient
op-notContains = ne contient pas
op-containsAll = contient tous
op-containsAny = contient au moins un de
op-subsetOf = inclus dans
op-disjointFrom = sans élément commun avec
op-matches = correspond à
op-notMatches = ne correspond pas à
op-exists = présent
op-absent = absent
op-empty = vide
op-notEmpty = non vide
op-gt = supérieur à
op-gte = supérieur ou égal à
op-lt = inférieur à
op-lte = inférieur ou égal à
op-before = avant
op-after = après
expectation = { $operator } { $value }
condition = { $path } { $expectation }
none = aucune
list-semicolon = { $first } ; { $next }
reason-expected-found = { $what } : attendu { $expected }, constaté { $found }
reason-found = { $what } : constaté { $found }
reason-found-why = { $what } : constaté { $found } ({ $why })
reason-no-assertion = aucune assertion n'a été évaluée : aucun verdict ne peut être rendu
reason-not-offered = la cible ne propose pas ceci ({ $condition })
reason-precondition = condition préalable non remplie après l'étape { $step } : { $condition }
step-condition-not-met = condition non remplie : { $condition }
reason-crashed = le scénario n'a pas pu être évalué : { $detail }
where-step = étape { $step }
reason-template = { $where } : { $detail } (un fait qu'une étape précédente n'a pas produit, ou un champ absent du profil de la cible)
reason-at = { $where } : { $detail }
reason-unknown-probe = sonde inconnue { $probe }
reason-probe-input = étape { $step } : l'entrée de { $probe } est invalide après substitution des modèles : { $detail } ({ $file })
reason-probe-facts = étape { $step } ({ $probe }) : la sonde a rendu des faits non conformes au schéma qu'elle déclare ({ $detail }) ; c'est un défaut de msscheck
reason-step-probe = étape { $step } ({ $probe }) : { $detail }
unjudged = étape { $step } : « { $what } » ne peut pas être jugé : { $why }
unjudged-null = le fait { $fact } n'est pas connu (null)
unjudged-absent = le fait { $fact } n'a pas été produit par l'étape
unjudged-template = { $detail } (un fait qu'une étape précédente n'a pas produit, ou un champ absent du profil de la cible)
control-why = { $id } : { $status }
control-why-reason = { $id } : { $status }, { $reason }
control-did-not-run = son contrôle positif n'a pas été exécuté ({ $why })
control-skip = { $what } (contrôle positif { $why })
control-not-accepted = le cas valide correspondant n'a pas été accepté
control-refused-too = le cas valide correspondant a été refusé lui aussi
control-not-tried = le cas valide correspondant n'a pas pu être essayé
control-not-confirmed = l'acceptation du cas valide correspondant n'est pas confirmée (une de ses vérifications n'a donné qu'un avertissement ou demande un examen)
control-unverifiable = invérifiable : { $what } (contrôle positif { $why })
control-step-not-run = l'étape de contrôle n'a pas été exécutée
control-step-no-assertion = l'étape de contrôle n'a aucune assertion
control-not-in-run = absent de cette exécution
downgrade-rule-marked = la règle elle-même est marquée { $confidence } (plus stricte que sa source, ou non confirmée par elle)
downgrade-source = sa source citée la plus forte ({ $sources }) est de confiance { $confidence }
downgrade-review = règle non confirmée : { $why } ; une personne doit trancher
downgrade-warn = source secondaire seulement : { $why } ; --strict en fait un échec
downgrade-unconfirmed = règle non confirmée

## Rapports lisibles : sections Markdown, ligne de la cible, hypothèses, note d'occultation

md-confidence = confiance { $confidence }
md-confidence-why = confiance { $confidence } : { $why }
md-found = { $what } : constaté { $found }
md-reviews = À revoir (règles non confirmées, ou sources en désaccord)
md-rules-failures = Les règles derrière les échecs
md-rules-reviews = Les règles derrière les points à revoir
md-rules-warnings = Les règles derrière les avertissements
target-none = aucune cible
target-none-lint = contrôle de messages (sans cible)
target-platform = {" "}sur la plateforme { $platform }
target-platform-run-by = {" "}sur la plateforme { $platform } (exploitée par { $operator })
assumption-line = { $id }: { $text }
assumption-catalogue = { $id } [{ $confidence }] (catalogue) : { $text }
assumption-message-rules = règles des messages : { $text }
assumption-rules-unconfirmed = Règles fondées sur des notes d'implémenteurs ou des sources non confirmées (MSSANTE.md [S]/[?]) : { $rules } ; leurs valeurs sont des données dans { $path }.
assumption-ins-derogation = Dérogation INS ({ $source }) : active { $period }.
assumption-ins-derogation-placeholder = Dérogation INS ({ $source }) : active { $period } (valeur par défaut : la politique n'a pas de règle ins-derogation).
ins-derogation-from-until = du { $from } au { $until }
ins-derogation-from = à partir du { $from }, sans date de fin
ins-derogation-until = jusqu'au { $until }
ins-derogation-open = sans date de fin
redaction-note-run = Les secrets (mots de passe, jetons, graines OTP, clés privées, échanges SASL) ont été occultés dès leur capture ; ils apparaissent sous la forme [REDACTED].
redaction-note-lint = le contrôle des messages ne lit aucun identifiant secret ; rien n'a eu à être occulté

## Contrôles des messages (src/message/checks.ts) : ce que chaque contrôle exige, et pourquoi une règle ne s'appliquait pas

list-or = { $first } ou { $next }
lint-reason = { $list }
lint-reason-why = { $what } ({ $why })
lint-na-not-judged = pas un message que cette règle juge : { $why }
lint-na-not-client = pas écrit par le logiciel client testé : { $why }
lint-deep-skipped = contrôle approfondi sauté : { $detail }
lint-documents-unreadable = les documents n'ont pas pu être lus : { $detail }
lint-cda-header-absent = { $name } est absent quand aucun document CDA ne circule en IHE_XDM
lint-cda-header-present = { $name } est présent quand des documents CDA circulent
lint-cda-header-once = { $name } figure exactement une fois quand des documents CDA circulent
lint-mime-version = MIME-Version: 1.0 figure une seule fois
lint-header-once = { $name } figure exactement une fois
lint-mime-structure = les multiparts sont fermés, les sections d'en-têtes bien formées, les encodages de transfert connus
lint-line-length = aucune ligne de plus de { $max } caractères
lint-eight-bit = un contenu 8 bits est déclaré 8bit (ou encodé)
lint-content-type-once = le message a au plus un en-tête Content-Type
lint-content-type-declared = le message déclare son Content-Type (absent, la RFC 2045 §5.2 le fixe par défaut à text/plain; charset=us-ascii)
lint-content-type-form = chaque Content-Type est un type/sous-type bien formé avec ses paramètres
lint-boundary = chaque multipart déclare sa frontière (boundary)
lint-message-id-once = exactement un Message-ID
lint-message-id-form = le Message-ID a la forme <id-left@id-right>
lint-na-thread-start = ni In-Reply-To ni References : le message ouvre un fil de discussion
lint-threading-once = In-Reply-To et References figurent au plus une fois
lint-in-reply-to-form = In-Reply-To est une liste de msg-id
lint-references-form = References est une liste de msg-id
lint-reply-references = une réponse porte References en plus de In-Reply-To
lint-references-parent = References se termine par le Message-ID du message auquel on répond
lint-charsets = les parties texte déclarent l'un des jeux de caractères { $charsets }
lint-utf8-bytes = les octets des parties texte sont de l'UTF-8 valide
lint-encoded-words = les mots encodés des en-têtes sont en UTF-8
lint-header-not-empty = { $name } n'est pas vide
lint-header-configured-form = { $name } a la forme configurée (aucune grammaire publiée)
lint-codecda = { $name } liste les codes CDA des documents (dans n'importe quel ordre, séparateur « { $separator } »)
lint-ins-header-qualified = { $name } vaut { $value } : une INS qualifiée identifie le patient
lint-ins-header-not-qualified = { $name } vaut { $value } : aucune INS qualifiée n'identifie le patient
lint-na-derogation-until = la dérogation INS ({ $id }) est active le { $day } (jusqu'au { $until })
lint-na-derogation-open = la dérogation INS ({ $id }) est active le { $day } (sans date de fin)
lint-na-no-cda = aucun document CDA ne circule en IHE_XDM
lint-ins-qualified = le patient est identifié par une INS qualifiée (la dérogation { $id } a pris fin le { $until })
lint-na-no-header = pas d'en-tête { $name }
lint-header-at-most-once = { $name } figure au plus une fois
lint-header-value = { $name } a la valeur { $values }
lint-mes-patient-only = { $name } n'est envoyé qu'à une adresse patient (@{ $domain })
lint-na-no-patient = aucun destinataire en @{ $domain }
lint-patient-address-form = les adresses patient sont de la forme <INS>@{ $domain } (15 caractères, 2A/2B de Corse acceptés)
lint-patient-address-key = l'INS de chaque adresse patient a une clé valide (97 - NIR mod 97)
lint-patient-address-no-ins = une adresse patient n'est construite qu'à partir d'une INS qualifiée, et les documents n'en portent aucune (la dérogation { $id } a pris fin)
lint-patient-address-ins = l'adresse patient est l'INS qualifiée des documents
lint-patient-size = un message à un patient fait au plus { $max } octets
lint-na-no-xdm = aucune archive IHE_XDM
lint-archive-too-big = { $file } est inspecté (contrôle approfondi sauté : au-delà de la limite de taille)
lint-archive-readable = { $file } est une archive ZIP lisible, dans les limites
lint-archive-metadata = { $file } contient METADATA.XML
lint-archive-cda = { $file } contient au moins un document CDA
lint-archive-xml = les fichiers XML de { $file } sont bien formés et sûrs
lint-archive-companion = une copie lisible ({ $types }) accompagne l'archive
lint-metadata-present = { $file } a un METADATA.XML où lire le patientId
lint-metadata-patientid-form = METADATA.XML porte des valeurs patientId de la forme id^^^&OID&ISO
lint-metadata-ins-form = l'INS sous { $oid } a la forme d'une INS
lint-metadata-is-ins = le patientId est une INS (OID du NIR ou du NIA)
lint-metadata-matches-cda = le patientId est l'identifiant du patient de { $path }
lint-cda-code = { $path } a un code de document
lint-cda-patient-id = { $path } identifie son patient (recordTarget/patientRole/id)
lint-cda-traits = { $path } donne les traits d'identité (nom de naissance, prénoms, date de naissance, sexe)
lint-na-no-document-no-patient = ni document ni destinataire patient
lint-one-patient-ins = les documents identifient un seul patient (une seule INS)
lint-one-patient-metadata = METADATA.XML nomme un seul patientId
lint-one-patient-traits = les documents nomment un seul patient (mêmes noms et même date de naissance)
lint-one-patient-address = le message va à au plus une adresse patient
lint-subject-ko = l'objet est un accusé de réception en erreur tel que le volet HL7v2 de l'ANS le forme ([KO …][code] XDM/1.0/DDM+…), ce que l'ECO.2.1.3 du REF2 ne prévoit pas : les sources divergent
lint-subject-form = l'objet a la forme XDM/1.0/DDM+
lint-subject-birth-name = l'objet porte le nom de naissance du patient
lint-na-no-receipt = pas de { $name } : aucun accusé de lecture demandé
lint-mailbox-list = { $name } est une liste de boîtes aux lettres bien formées
lint-na-not-mdn = pas une notification de disposition (MDN) : aucun accusé de lecture à juger
lint-mdn-report = le MDN est un multipart/report; report-type={ $type }
lint-mdn-parts = le rapport a de { $min } à { $max } parties : un texte lisible, la notification, éventuellement le message d'origine
lint-mdn-parts-other-source = le rapport a { $count } parties : { $shape } ; la RFC 8098 §3 en permet de { $min } à { $max } : les sources divergent
lint-mdn-second-part = la deuxième partie est { $type }
lint-mdn-unreadable = la partie { $type } n'a pas pu être lue ({ $size } octets)
lint-mdn-field-once = { $name } figure exactement une fois dans la notification
lint-mdn-final-recipient = { $field } se lit <address-type>; <address>
lint-mdn-disposition = { $field } se lit <action-mode>/<sending-mode>; <displayed|deleted|dispatched|processed>
lint-mdn-original = { $field } nomme le Message-ID du message lu
op-count = nombre
op-sameSet = même ensemble que
op-insKey = clé INS
op-between = entre

## Titres des preuves (ce que chaque transcription, échange ou tableau a enregistré)

ev-ciba-request-unknown = Requête d'authentification CIBA pour une personne inconnue
ev-token-unknown-grant = Demande de jeton avec un auth_req_id inconnu
ev-token-wrong-secret = Demande de jeton avec un secret client erroné
ev-introspect-never-issued = Introspection d'un jeton jamais émis
ev-id-token-claims = Revendications du jeton d'identité (signature vérifiée)
ev-access-token-claims = revendications du jeton d'accès ({ $who })
ev-token-audience-unrestricted = jeton non restreint à l'audience demandée
ev-discovery-document = Document de découverte OpenID
ev-discovery-standard = document de découverte
ev-discovery-wallet = document de découverte (wallet-openid-configuration)
ev-jwks = JWKS
ev-jwks-signature = JWKS (pour vérifier la signature du jeton)
ev-ciba-poll-openid-client = Demande de jeton CIBA par openid-client (interrogation { $poll })
ev-openid-client-call = openid-client : { $method } { $path }
ev-ciba-shared = Flux CIBA partagé dans l'exécution
ev-ciba-asked-again = demande CIBA reposée : notre interrogation est arrivée trop tard pour juger
ev-ciba-request = Requête d'authentification CIBA
ev-ciba-poll = Demande de jeton CIBA (interrogation { $poll })
ev-openid-client-refused-id-token = openid-client (la partie utilisatrice de référence) a refusé le jeton d'identité
ev-refresh-grant = octroi par jeton de rafraîchissement (un nouveau jeton d'accès, sans que personne ne l'ait demandé)
ev-refreshed-token-claims = revendications du jeton d'accès rafraîchi ({ $who })
ev-introspection = introspection du jeton
ev-revocation = révocation du jeton (RFC 7009)
ev-introspection-after-revocation = introspection après révocation
ev-forged-token-claims = revendications du jeton { $kind }
ev-identification = moyens d'identification électronique jugés au { $asOf } (politique { $policy })
ev-smtp-session = Session SMTP avec { $endpoint }
ev-smtp-dsn = Enveloppe SMTP avec DSN sur { $endpoint }
ev-smtp-auth = SMTP AUTH { $mechanism } sur { $endpoint }
ev-imap-session = Session IMAP avec { $endpoint }
ev-imap-auth = IMAP { $mechanism } sur { $endpoint }
ev-imap-mailbox = IMAP { $endpoint } { $mailbox } { $folder }
ev-otp-step = { $flow } : { $step }
ev-otp-login = Connexion OTP { $mailbox }
ev-otp-login-again = Connexion OTP { $mailbox } (même code une seconde fois)
ev-tls-certificate-session = Session TLS avec { $endpoint } (certificat)
ev-certificate-chain = Chaîne de certificats de { $endpoint }
ev-certificate-chain-igc = Chaîne de certificats de { $endpoint } (selon le lot de l'IGC-Santé)
ev-message-selection = sélection des messages : { $judged } sur { $total } jugés écrits par le logiciel client
ev-message = message { $file }
ev-whitelist-checksum = Empreinte de la liste blanche
ev-peer-session = session d'un opérateur pair sur { $endpoint } (certificat : { $certificate })
ev-whitelist-lookup = Recherche dans la liste blanche
ev-whitelist-dn = DN du certificat du MTA dans la liste blanche
ev-tls-versions = Versions de TLS de { $endpoint }
ev-tls-handshake = Négociation { $version } avec { $endpoint }
ev-cipher-enumeration = énumération des suites cryptographiques sur { $endpoint }
ev-cipher-table = Versions de TLS et suites cryptographiques de { $endpoint } (politique { $policy })
ev-lines = ({ $count ->
    [one] 1 ligne
   *[other] { $count } lignes
})

## Lecture de la ligne de commande (messages et mots de l'aide propres à commander)

cmd-unknown-option = erreur : option inconnue « { $option } »
cmd-unknown-command = erreur : commande inconnue « { $command } »
cmd-missing-argument = erreur : argument obligatoire manquant « { $argument } »
cmd-option-argument-missing = erreur : il manque la valeur de l'option « { $option } »
cmd-required-option = erreur : l'option obligatoire « { $option } » n'est pas donnée
cmd-option-invalid = erreur : la valeur « { $value } » de l'option « { $option } » n'est pas valide. { $detail }
cmd-argument-invalid = erreur : la valeur « { $value } » de l'argument « { $argument } » n'est pas valide. { $detail }
cmd-too-many-arguments = erreur : trop d'arguments pour « { $command } » : { $expected } attendus, { $got } donnés.
cmd-too-many-arguments-main = erreur : trop d'arguments : { $expected } attendus, { $got } donnés.
cmd-conflicting-option = erreur : { $option } ne peut pas être utilisée avec { $other }
cmd-allowed-choices = Valeurs permises : { $choices }.
cmd-did-you-mean = (Vouliez-vous dire { $suggestion } ?)
cmd-help-title-usage = Utilisation :
cmd-help-title-options = Options :
cmd-help-title-commands = Commandes :
cmd-help-title-arguments = Arguments :
cmd-help-title-global-options = Options globales :
cmd-help-choices = valeurs :
cmd-help-default = par défaut :
cmd-help-preset = valeur implicite :
cmd-help-env = variable d'environnement :
cmd-help-command = affiche l'aide de la commande
ev-token-exchange = échange de jeton (RFC 8693) : le jeton d'accès de cette exécution pour une autre audience
ev-refresh-resource = octroi par jeton de rafraîchissement avec une ressource (RFC 8707 §2.2) : une autre audience, sans que personne ne l'ait demandé
ev-smtp-dsn-request = Demande de DSN en SMTP sur { $endpoint }
ev-dns = DNS { $service }

## Erreurs d'entrée (fichiers, options, schémas) : ce qui ne va pas et comment le corriger

input-field = champ { $field } :{" "}
input-fix = correction : { $fix }
what-target-profile = profil de cible
what-scenario = scénario
what-policy = politique
what-requirement-catalogue = catalogue des exigences
what-requirement-catalogue-manifest = manifeste du catalogue des exigences
what-message-rules = règles des messages
what-message = message
what-cipher-policy = politique de suites cryptographiques
what-certificate-profile = profil de certificat
what-data-translations = traductions des données
what-input = entrée
input-yaml-invalid = YAML invalide ({ $what }) : { $detail }
input-yaml-invalid-fix = corrigez la syntaxe YAML (indentation, guillemets, clés en double)
input-yaml-aliases = le fichier ({ $what }) développe trop de fois des alias YAML (*nom) (plus de { $max }, limite yamlAliases) : une bombe d'alias, ou un fichier qui ne devrait pas utiliser les alias ainsi
input-yaml-aliases-fix = écrivez les valeurs répétées en entier, ou utilisez moins d'alias
input-empty = le fichier est vide ({ $what })
input-empty-fix = écrivez-y le contenu attendu ({ $what })
input-is-directory = le chemin est un dossier, pas un fichier ({ $what })
input-is-directory-fix = donnez le chemin du fichier qu'il contient ({ $what })
input-not-regular = le chemin est { $kind }, pas un fichier ordinaire ({ $what })
input-not-regular-fix = donnez le chemin du fichier ({ $what })
input-too-large = le fichier fait { $size } octets, plus que les { $max } permis (limite { $limit }) ({ $what })
input-too-large-fix = vérifiez que c'est le bon fichier ; si oui, relevez la borne avec --limit { $limit }=N
input-binary = le fichier est binaire (il contient des octets NUL), pas du texte ({ $what })
input-binary-fix = donnez le fichier lui-même ({ $what }), pas une archive ni un fichier compilé
input-folder-not-found = dossier introuvable ({ $what })
input-check-path = vérifiez le chemin
input-not-folder = le chemin n'est pas un dossier ({ $what })
input-not-folder-fix = donnez le dossier qui contient les fichiers ({ $what })
input-not-found = fichier introuvable ({ $what })
input-not-dir-on-path = le chemin passe par quelque chose qui n'est pas un dossier ({ $what })
input-permission = impossible de lire le fichier ({ $what }) : permission refusée
input-permission-fix = vérifiez les droits du fichier
input-symlink-loop = le chemin est une boucle de liens symboliques ({ $what })
input-unreadable = impossible de lire le fichier ({ $what }) : { $detail }
input-unreadable-fix = vérifiez que le chemin désigne un fichier lisible
flag-not-severity = « { $value } » n'est pas une sévérité
flag-use-one-of = utilisez l'une de ces valeurs : { $values }
flag-not-resolver = « { $value } » n'est pas une adresse de résolveur
flag-not-resolver-fix = écrivez une adresse IP, avec éventuellement un port : --dns-server 127.0.0.1:5353
flag-not-count = « { $value } » n'est pas un nombre entier positif
flag-not-count-fix = écrivez par exemple { $flag } 4
flag-not-date = « { $value } » n'est ni une date ni une date-heure
flag-not-date-fix = écrivez un jour (le début de ce jour, heure de { $zone }) ou une date-heure, par exemple { $flag } 2026-01-01 ou { $flag } 2026-01-01T09:30:00+01:00
explain-unknown = « { $id } » n'est l'identifiant ni d'un scénario ni d'une exigence
explain-unknown-near = « { $id } » n'est l'identifiant ni d'un scénario ni d'une exigence (vouliez-vous dire { $near } ?)
explain-unknown-fix = lancez `msscheck list` ou `msscheck requirements` pour voir les identifiants
validate-unknown-kind = impossible de dire s'il s'agit d'un scénario, d'un profil de cible ou d'une politique
validate-unknown-kind-fix = ajoutez une ligne $schema qui nomme scenario.schema.json, target.schema.json ou policy.schema.json
schema-additional = champ inconnu « { $field } »
schema-additional-fix = retirez-le ou corrigez son orthographe (le schéma donne les champs permis)
schema-required = champ obligatoire manquant « { $field } »
schema-required-fix = ajoutez « { $field } »
schema-not-allowed = valeur non permise
schema-enum-fix = utilisez l'une de ces valeurs : { $values }
schema-dependent = « { $field } » demande « { $needs } » à côté de lui
schema-dependent-fix = ajoutez « { $needs } » ou retirez « { $field } »
schema-const-fix = utilisez { $value }
schema-type = doit être de type { $type }
schema-type-fix = écrivez ici une valeur de type { $type }
schema-type-string = chaîne
schema-type-number = nombre
schema-type-integer = entier
schema-type-boolean = booléen
schema-type-object = objet
schema-type-array = liste
schema-type-null = null
schema-pattern = n'a pas la forme attendue { $pattern }
schema-minLength = doit avoir au moins { $limit } caractères
schema-maxLength = doit avoir au plus { $limit } caractères
schema-minItems = doit avoir au moins { $limit } éléments
schema-maxItems = doit avoir au plus { $limit } éléments
schema-minProperties = doit avoir au moins { $limit } champs
schema-maxProperties = doit avoir au plus { $limit } champs
schema-minimum = doit valoir au moins { $limit }
schema-maximum = doit valoir au plus { $limit }
schema-exclusiveMinimum = doit valoir plus de { $limit }
schema-exclusiveMaximum = doit valoir moins de { $limit }
schema-uniqueItems = les éléments { $j } et { $i } sont identiques ; chacun ne doit figurer qu'une fois
schema-format = doit avoir le format « { $format } »

## msscheck policy

policy-heading = Politique { $id } { $version } ({ $source }) : { $title }
policy-as-of = Au { $date }. Confiance : P texte officiel, S notes d'implémenteurs, ? non confirmé.
policy-assumption = Hypothèse ({ $context }) : { $text }
policy-context = Contexte : { $context }
policy-col-means = MOYEN
policy-col-status = STATUT
policy-col-next = PROCHAIN CHANGEMENT
policy-col-source = SOURCE [CONFIANCE]
policy-next-change = { $status } à partir du { $date }
policy-no-change = (aucun changement)
policy-means-heading = Moyens d'identification électronique, et comment une exécution les reconnaît
policy-observed-as = reconnu dans une exécution comme : { $how }
policy-dated-rules = Règles datées
policy-always = depuis toujours
policy-open-ended = sans fin
policy-in-force = EN VIGUEUR
policy-not-in-force = pas en vigueur
policy-sources = Sources

## Comment une méthode d'authentification a été vue acceptée (rapports : méthodes observées)

observed-auth = { $command } accepté après { $security }
observed-auth-certificate = { $command } accepté après { $security } avec le certificat client { $certificate }
observed-implicit-tls = TLS implicite
observed-starttls = STARTTLS
observed-otp-totp = connexion HTTP acceptée avec mot de passe et code TOTP
observed-otp-code = connexion HTTP acceptée avec mot de passe et code à usage unique

## Qui a écrit un message (contrôle des messages : un message que le logiciel client testé n'a pas écrit n'est pas jugé)

author-no-signs = aucun signe d'un autre auteur n'est configuré
author-report = multipart/report; report-type={ $type } : { $meaning } écrit par un serveur ou un agent de messagerie, pas par le logiciel client (RFC 6522)
author-a-report = un rapport
author-auto = { $header }: { $values } : un message automatique (RFC 3834 §5), pas écrit par le logiciel client
author-null-return-path = Return-Path: <> (chemin de retour nul) : un rejet ou une notification (RFC 5321 §4.5.5), pas écrit par le logiciel client
author-robot-sender = From { $from } correspond au motif d'expéditeur opérateur ou robot { $pattern } : un avis, pas écrit par le logiciel client
author-client = ni type de rapport, ni Auto-Submitted, un chemin de retour non nul et un expéditeur personnel : jugé écrit par le logiciel client

## Erreurs réseau et d'exécution (une étape qui n'a pas pu aboutir à un verdict)

net-refused = { $what } : connexion refusée
net-reset = { $what } : connexion réinitialisée par le pair
net-unreachable = { $what } : hôte injoignable ({ $code })
net-timeout-connect = { $what } : pas de connexion en { $ms } ms
net-timeout-idle = { $what } : pas de réponse en { $ms } ms
net-timeout-overall = { $what } : pas terminé en { $ms } ms
net-closed = { $what } : connexion fermée par le serveur
net-no-tls = { $what } : { $detail }, TLS ne peut donc pas être examiné
net-declared-plain = { $what } est déclaré sans TLS
net-no-endpoint = le profil de la cible n'a pas de { $endpoint }
net-interrupted = { $what } : interrompu (délai global)
net-closed-in-body = { $what } : le serveur a fermé la connexion au milieu du corps de la réponse
tls-versions-inconclusive = { $what } : { $versions } n'a obtenu ni négociation ni refus (coupure sans alerte deux fois, ou fermeture alors qu'aucune version n'aboutit)
tls-suites-inconclusive = { $what } : { $count } suite(s) sans réponse ni refus (coupure sans alerte deux fois, ou fermeture alors qu'aucune négociation n'aboutit) : { $suites }
run-deadline-passed = échéance : l'échéance de l'exécution ({ $deadline }) est passée avant la fin de ceci (relevez-la avec --deadline)
run-interrupted = l'exécution a été interrompue
sandbox-worker-died = le fil d'exécution du bac à sable intégré s'est arrêté pendant l'exécution ({ $reason }) ; les scénarios encore en cours se terminent en erreur
sandbox-worker-no-answer = le fil d'exécution du bac à sable intégré n'a pas répondu en { $seconds } s
sandbox-worker-start-timeout = le bac à sable intégré n'a pas démarré en { $seconds } s
sandbox-worker-start-failed = le bac à sable intégré n'a pas pu démarrer : { $reason }
env-sandbox-thread = MSSCHECK_SANDBOX_THREAD vaut « { $value } »
env-sandbox-thread-fix = donnez-lui la valeur worker (par défaut : le bac à sable tourne dans son propre fil) ou main (dans le fil de l'exécution), ou supprimez-la
run-step-overall = { $probe } ne s'est pas terminé en { $ms } ms

## msscheck requirements --coverage

coverage-heading = Catalogue des exigences { $id } { $version } ({ $source })
coverage-totals = { $requirements } exigences : { $covered } vérifiées par un scénario, { $twins } seulement par une exigence jumelle, { $uncovered } sans scénario ({ $scenarios } scénarios).
coverage-totals-hidden = { $requirements } exigences : { $covered } vérifiées par un scénario, { $twins } seulement par une exigence jumelle, { $uncovered } sans scénario (dont { $hidden } obligations du logiciel client ou non observables de l'extérieur) ({ $scenarios } scénarios).
coverage-unknown = Scénarios qui citent des exigences absentes du catalogue ({ $count }) :
coverage-did-you-mean = { $id } (vouliez-vous dire { $suggestion } ?)
coverage-verified = Vérifiées :
coverage-twins = Vérifiées seulement par une exigence jumelle :
coverage-without = Sans scénario :
coverage-client = Obligations du logiciel client (tester l'opérateur ne les vérifie pas ; il faut un logiciel client testé) :
coverage-hidden = Non observables de l'extérieur (aucun scénario ne peut les vérifier) :
select-no-match = aucun scénario ne correspond à { $ids }
select-no-match-fix = lancez `msscheck list` pour voir les identifiants des scénarios
select-unknown-tags = aucun scénario n'a { $count ->
    [one] l'étiquette
   *[other] les étiquettes
} { $tags }
select-no-tag = aucun scénario n'a l'une des étiquettes { $tags }
select-no-tag-in-only = aucun scénario choisi par --only n'a l'une des étiquettes { $tags }
select-tags-fix = utilisez des étiquettes qui existent : { $tags }
select-empty = la sélection ne retient aucun scénario
select-empty-fix = lancez `msscheck list` pour voir les identifiants et les étiquettes des scénarios
limit-unknown = « { $value } » n'est pas une limite
limit-not-number = « { $value } » : la valeur n'est pas un nombre
limit-not-number-fix = écrivez par exemple --limit { $example }
flag-sign-without-bundle = seul un paquet de preuves est signé
flag-sign-without-bundle-fix = ajoutez --bundle FICHIER, ou retirez les options de signature
flag-passphrase-without-key = une phrase de passe sans clé
flag-passphrase-without-key-fix = ajoutez --sign-key FICHIER
flag-bundle-fleet = les paquets de preuves s'écrivent pour une seule cible à la fois
flag-bundle-fleet-fix = retirez --bundle/--sign-key, ou lancez chaque cible avec --target FICHIER --bundle FICHIER
flag-defects-with-target = les défauts du bac à sable ne s'appliquent qu'au bac à sable intégré
flag-defects-with-target-fix = retirez --target, ou retirez --sandbox-defects
flag-targets-and-whitelist = --targets et --whitelist donnent tous deux la flotte
flag-targets-and-whitelist-fix = n'en utilisez qu'un
flag-out-not-empty = { $dir } contient déjà des fichiers
flag-out-not-empty-fix = choisissez un dossier vide, ou ajoutez --force pour écraser les profils
format-none = aucun format de rapport donné
format-unknown = format de rapport inconnu « { $format } »
format-fix = donnez une liste séparée par des virgules parmi : { $formats }
out-holds-report = { $dir } contient déjà un rapport ({ $files })
out-holds-report-fix = choisissez un autre dossier { $flag }, ou ajoutez --force pour remplacer ce rapport
out-not-directory = { $dir } existe et n'est pas un dossier
out-not-directory-fix = donnez le chemin d'un dossier pour --out
sandbox-unknown-defects = { $count ->
    [one] défaut
   *[other] défauts
} du bac à sable inconnu{ $count ->
    [one] {""}
   *[other] s
} : { $names }
sandbox-unknown-defects-fix = lancez `msscheck sandbox --list-defects` pour voir leurs noms
profile-not-means = « { $value } » n'est pas un moyen d'identification électronique de la politique { $policy }
profile-use-means = utilisez l'un de ceux-ci : { $values } (msscheck policy)
profile-not-context = « { $value } » n'est pas un contexte de la politique { $policy }
fleet-duplicate-id = deux cibles ont l'identifiant « { $id } » : { $first } et { $second }
fleet-duplicate-id-fix = renommez l'un des fichiers (l'identifiant d'une cible est le nom de son fichier)
fleet-unknown-defect = { $spec } : défaut du bac à sable inconnu { $names }
fleet-no-such-path = { $spec } : ni fichier ni dossier de ce nom
fleet-no-such-path-fix = donnez des fichiers de profil de cible, ou des dossiers qui en contiennent
fleet-empty-folder = { $spec } : le dossier ne contient aucun profil de cible (*.yaml)
fleet-empty-folder-fix = faites pointer --targets sur le dossier des profils de cible
fleet-no-target = aucune cible donnée
fleet-no-target-fix = donnez des fichiers de profil de cible ou des dossiers
merge-no-such-path = ni fichier ni dossier de ce nom
merge-no-such-path-fix = donnez les dossiers que les lots ont écrits avec --out
merge-unreadable = pas un rapport de flotte lisible ({ $detail })
merge-unreadable-fix = donnez les dossiers que les lots ont écrits (chacun contient fleet.json)
merge-not-fleet = pas un rapport de flotte (kind n'est pas « fleet »)
merge-not-fleet-fix = donnez les dossiers qu'a écrits `msscheck run --targets … --shard I/N --out DOSSIER`
merge-none = aucun rapport donné
merge-none-fix = donnez les dossiers des lots
merge-differs = { $what } de ce lot diffère de celui de { $first }
merge-differs-fix = ne fusionnez que les lots d'une même exécution (mêmes catalogue, politique, --as-of, sélection et --fail-on)
merge-duplicate-target = la cible « { $id } » figure aussi dans { $other }
merge-duplicate-target-fix = fusionnez chaque lot une seule fois ; les lots d'une exécution ne partagent jamais de cible
report-not-json = pas du JSON : { $detail }
report-give = donnez un report.json, un dossier de rapports ou un paquet de preuves
report-not-msscheck = pas un rapport msscheck (ni kind ni scenarios)
report-not-msscheck-fix = donnez un report.json écrit par msscheck, un dossier de rapports ou un paquet de preuves
report-unreadable = illisible : { $detail }
report-folder-fix = vérifiez le chemin (un dossier de rapports doit contenir report.json)
report-bundle-no-report = le paquet n'a pas de { $path } lisible
report-bundle-no-report-fix = donnez un paquet écrit par msscheck run/lint-message --bundle
key-fix = donnez une clé Ed25519 ou ECDSA P-256 au format PEM (par exemple `openssl genpkey -algorithm ed25519 -out sign.pem`)
key-unreadable = impossible de lire le fichier de clé : { $detail }
key-algorithm = la clé est de type { $alg }
key-passphrase-clear = la phrase de passe doit être donnée par référence, pas en clair
key-passphrase-clear-fix = écrivez env:NOM (une variable qui la contient) ou file:CHEMIN (un fichier qui la contient)
key-passphrase-unset = { $ref } n'est pas définie ou pas lisible
key-passphrase-unset-fix = définissez la variable ou créez le fichier
key-encrypted = la clé est chiffrée et aucune phrase de passe n'a été donnée
key-wrong-passphrase = la phrase de passe n'ouvre pas la clé
key-not-private = pas une clé privée PEM ({ $code })
key-encrypted-fix = donnez --sign-key-passphrase env:NOM ou file:CHEMIN
key-not-public = ni clé publique, ni certificat, ni clé privée non chiffrée au format PEM ({ $code })
key-not-public-fix = donnez la clé publique du signataire, par exemple tirée de `openssl pkey -in sign.pem -pubout -out sign.pub.pem`
vendor-no-identity = pas d'identité de test « { $name } » dans le bac à sable
vendor-no-sandbox = aucun bac à sable en cours d'exécution trouvé ici
vendor-no-sandbox-fix = lancez-en un avec `msscheck sandbox` (dans un autre terminal), ou donnez --target FICHIER écrit par `msscheck sandbox --print-target FICHIER`
vendor-not-sandbox = ce n'est pas le bac à sable msscheck (jetons du bac à sable seulement ; un vrai Pro Santé Connect n'est jamais sollicité)
vendor-not-sandbox-fix = donnez le profil d'un `msscheck sandbox` en cours d'exécution
vendor-http = { $what } : HTTP { $status }{ $error }
vendor-http-fix = le bac à sable tourne-t-il encore ? (`msscheck sandbox`)
vendor-no-secret = le profil du bac à sable ne nomme aucun fichier de secret client
vendor-no-secret-fix = utilisez le profil d'un `msscheck sandbox` en cours d'exécution
vendor-ciba-refused = le bac à sable a refusé la requête CIBA pour { $address }{ $error }
vendor-use-approve = utilisez une identité dont le rôle approuve (par exemple dr.approve)
vendor-no-token-in-time = pas de jeton pour { $address } dans le délai (son rôle : { $role })
vendor-no-token = le bac à sable n'a donné aucun jeton pour { $address } ({ $error })
policy-unknown-context = contexte « { $context } » inconnu dans la politique { $policy }
date-invalid = date invalide
date-not-calendar = « { $value } » n'est pas une date du calendrier
date-fix = écrivez une date AAAA-MM-JJ, par exemple 2026-01-01
ref-var-undefined = la variable « { $name } » n'est pas définie
ref-var-undefined-variant = la variable « { $name } » n'est pas définie dans la variante { $variant }
ref-var-undefined-fix = définissez-la sous vars (du scénario ou de chaque variante), ou écrivez target.…, steps.<id>.facts.… ou asOf
ref-no-fact = la sonde { $probe } n'a pas de fait « { $fact } »
ref-no-fact-fix = utilisez l'un de ceux-ci : { $facts } (msscheck list --probes --json montre les faits de chaque sonde)
ref-name-declared-fact = nommez un fait que la sonde déclare
ref-exists-always = le fait « { $fact } » de { $probe } est toujours présent : `exists` ne peut pas échouer
ref-exists-always-fix = affirmez plutôt quelque chose de sa valeur
ref-op-no-value = l'opérateur { $op } ne prend pas de valeur
ref-op-no-value-fix = retirez value, ou utilisez un opérateur qui compare (equals, contains…)
ref-op-needs-value = l'opérateur { $op } demande une valeur
ref-op-needs-value-fix = ajoutez value: la valeur à laquelle comparer le fait
ref-op-needs-list = l'opérateur { $op } demande une liste comme valeur
ref-op-needs-list-fix = écrivez value: [a, b]
ref-op-needs-number = l'opérateur { $op } demande un nombre comme valeur
ref-op-needs-number-fix = écrivez un nombre, par exemple value: 0
ref-op-needs-date = l'opérateur { $op } demande une date comme valeur
ref-op-needs-date-fix = écrivez une date ISO, par exemple value: "2026-01-01"
ref-op-needs-regex = l'opérateur { $op } demande une expression régulière (une chaîne) comme valeur
ref-op-needs-regex-fix = écrivez value: "^motif$"
ref-regex-invalid = expression régulière invalide : { $detail }
ref-regex-invalid-fix = corrigez le motif (syntaxe RegExp de JavaScript ; échappez ( ) [ ] . * + ? par une barre oblique inverse)
ref-op-needs-type = l'opérateur { $op } demande { $what }, mais le fait est de type { $types }
ref-op-needs-type-fix = utilisez un opérateur qui convient au fait (voir docs/ARCHITECTURE.md, Operators)
ref-need-string-or-list = une chaîne ou une liste
ref-need-list = une liste
ref-need-string = une chaîne
ref-need-number = un nombre
ref-use = utilisez { $schema }
ref-never-equal = la valeur { $values } ne peut jamais être égale à ce fait ({ $schema })
ref-never-equal-list = { $values } ne peut jamais être égal à ce fait ({ $schema })
ref-list-never-holds = la liste ne contient jamais { $values } ({ $schema })
ref-schema-one-of = l'une de ces valeurs : { $values }
ref-schema-a = une valeur de type { $types }
ref-schema-an = une valeur de type { $types }
ref-step-not-run = « { $path } » nomme l'étape « { $step } », qui n'a pas encore été exécutée à ce stade
ref-step-not-run-fix = nommez une étape antérieure : { $steps }
ref-step-earlier-only = une étape ne peut utiliser que les faits des étapes qui la précèdent
ref-facts-expected = « { $path } » doit se poursuivre par .facts.
ref-facts-expected-fix = écrivez steps.{ $step }.facts.<fait>
ref-step-no-fact = l'étape { $step } n'a pas de fait « { $fact } »
ref-name-probe-fact = nommez un fait que sa sonde déclare
ref-no-target-field = le profil de la cible n'a pas de champ « { $path } »
ref-no-target-field-fix = voyez schemas/target.schema.json pour les champs du profil
ref-asof-field = asOf n'a pas de champ « { $field } »
ref-asof-field-fix = écrivez ${"{"}asOf{"}"}
ref-define-under-vars = définissez-la sous vars
ref-unknown-root = « { $path } » n'est ni une variable, ni target.…, steps.<id>.facts.… ou asOf
ref-unknown-root-variant = « { $path } » n'est ni une variable de la variante { $variant }, ni target.…, steps.<id>.facts.… ou asOf
ref-unknown-root-fix = définissez la variable « { $name } » sous vars (du scénario ou de chaque variante), ou corrigez le chemin
load-duplicate-step = identifiant d'étape « { $id } » en double
load-duplicate-step-fix = donnez à chaque étape son propre identifiant
load-unknown-probe = sonde inconnue « { $probe } »
load-unknown-probe-fix = lancez `msscheck list --probes` pour voir les noms des sondes
load-no-input = la sonde { $probe } n'a pas d'entrée « { $key } »
load-needs-input = la sonde { $probe } demande l'entrée « { $key } »
load-needs-input-fix = ajoutez with.{ $key }
load-duplicate-variant = identifiant de variante « { $id } » en double
load-duplicate-variant-fix = donnez à chaque variante son propre identifiant
load-control-either = un contrôle nomme soit un scénario, soit une étape
load-control-either-fix = écrivez control: {"{"} scenario: ID {"}"} ou control: {"{"} step: id {"}"}
load-control-step = l'étape de contrôle « { $step } » n'est pas une étape de ce scénario
load-control-step-variant = l'étape de contrôle « { $step } » (variante { $variant }) n'est pas une étape de ce scénario
load-name-one-of = nommez l'un de ceux-ci : { $values }
load-control-var = le contrôle nomme une variable que le scénario ne définit pas
load-control-var-variant = le contrôle nomme une variable que la variante { $variant } ne définit pas
load-control-reason = un contrôle avec ifUnverified: skip demande une raison (ce que le profil doit fournir)
load-control-reason-fix = ajoutez reason
load-control-meanwhile-scenario = meanwhile va avec un scénario de contrôle (une étape de contrôle s'exécute déjà dans ce scénario)
load-control-meanwhile-scenario-fix = retirez meanwhile, ou nommez le scénario de contrôle
load-control-meanwhile-step = meanwhile du contrôle nomme « { $step } », qui n'est pas une étape de ce scénario
load-duplicate-scenario = l'identifiant de scénario « { $id } » est déjà utilisé par { $other }
load-duplicate-scenario-fix = donnez à ce scénario son propre identifiant
load-control-missing = le scénario de contrôle « { $id } » de { $of } n'existe pas
load-control-missing-fix = nommez l'identifiant d'une instance de scénario (msscheck list)
load-control-negative = le scénario de contrôle « { $id } » de { $of } est lui-même un scénario négatif avec un contrôle
load-control-negative-fix = nommez le scénario positif qui accepte le cas valide correspondant
archive-is-directory = { $path } est un dossier
archive-is-directory-fix = donnez un chemin de fichier pour { $flag }, par exemple { $example }
archive-exists = { $path } existe déjà
archive-exists-fix = choisissez un autre nom de fichier, ou ajoutez --force pour le remplacer
store-unwritable = impossible d'écrire les messages acceptés dans { $dir } ({ $code })
store-unwritable-fix = donnez un dossier où l'écriture est permise
fleet-out-not-folder = { $dir } existe et n'est pas un dossier
fleet-out-not-folder-fix = donnez le chemin d'un dossier pour --out
fleet-out-not-empty-fix = choisissez un nouveau dossier --out, ou ajoutez --force pour le remplacer
ciba-intent-approve = Approuvez la demande Pro Santé Connect pour { $address } (code { $code })
ciba-intent-deny = REFUSEZ la demande Pro Santé Connect pour { $address } (code { $code })
ciba-intent-ignore = Ne répondez PAS à la demande Pro Santé Connect pour { $address } (code { $code })
wait-token-expiry = Attente de l'expiration du jeton d'accès
wait-countdown = { $message } : encore { $seconds } s
sandbox-profile-comment = profil de cible du bac à sable msscheck (valable tant que ce bac à sable tourne)
defect-fails = en échec : { $list }
defect-warns = en avertissement : { $list }
defect-reviews = à revoir : { $list }
defect-inconclusive = non concluant (erreur, pas de verdict) : { $list }
control-status-pass = réussi
control-status-fail = échec
control-status-warn = avertissement
control-status-error = erreur
control-status-skip = ignoré
control-status-not-applicable = sans objet
control-status-review = à revoir
step-status-ok = ok
step-status-error = erreur
step-status-skip = ignorée
step-status-not-applicable = sans objet
step-status-not-run = non exécutée
cat-not-manifest = catalogue.yaml doit être le manifeste (id, version, title), pas un fichier d'exigences
cat-not-manifest-fix = déplacez les exigences dans requirements/<document>.yaml
cat-no-folder = dossier des exigences introuvable
cat-no-folder-fix = créez requirements/ avec un fichier YAML par document
cat-not-document = un fichier sous requirements/ doit contenir un document et ses exigences
cat-not-document-fix = ajoutez document: et requirements:
cat-duplicate = identifiant d'exigence « { $id } » en double (déjà dans { $where })
cat-duplicate-fix = gardez une entrée par identifiant ; déclarez la même règle sous un autre identifiant avec twins:
cat-p-without-primary = l'exigence { $id } est marquée P mais ne nomme aucune source primaire
cat-p-without-primary-fix = ajoutez primarySource: <id des primarySources de catalogue.yaml>, ou abaissez sa confiance à S ou ?
cat-unknown-primary = la source primaire « { $source } » de { $id } n'est pas déclarée dans les primarySources de catalogue.yaml
cat-unknown-primary-fix = déclarez-la là, ou utilisez l'une de celles-ci : { $values }
cat-unknown-twin = l'exigence jumelle « { $twin } » n'est pas dans le catalogue
cat-unknown-twin-fix = ajoutez cette exigence, ou corrigez l'identifiant
cat-self-twin = une exigence ne peut pas être sa propre jumelle
cat-self-twin-fix = retirez-la
rules-duplicate = l'identifiant de règle { $id } figure deux fois
rules-duplicate-fix = donnez à chaque règle un identifiant unique
rules-mdn-block = la règle { $id } utilise le contrôle mdnStructure, qui demande le bloc mdn
rules-mdn-block-fix = ajoutez le bloc mdn du fichier intégré rules/message/rules.yaml
pre-no-mailbox = pas de boîte { $mailbox } dans le profil de la cible
pre-no-mailbox-type = pas de boîte de type { $type } dans le profil de la cible
pre-no-mailbox-with = pas de boîte avec { $needs } dans le profil de la cible
pre-no-token = aucun jeton d'accès n'a été obtenu (l'étape du jeton n'a pas été exécutée)
pre-token-unset = la référence du jeton d'accès { $ref } n'est pas définie
pre-no-password = pas de référence de mot de passe pour { $mailbox } dans le profil de la cible
pre-password-unset = la référence du mot de passe de { $mailbox } n'est pas définie
pre-no-client-cert = pas de certificat client pour { $mailbox } dans le profil de la cible
pre-no-pkcs12 = pas de fichier PKCS#12 pour { $mailbox } dans le profil de la cible
pre-pkcs12-unreadable = le fichier PKCS#12 de { $mailbox } est illisible
pre-pkcs12-passphrase-unset = la référence de la phrase de passe PKCS#12 de { $mailbox } n'est pas définie
pre-cert-needs-key = le certificat client de { $mailbox } demande cert et key
pre-cert-unreadable = le fichier de certificat de { $mailbox } est illisible
pre-key-unset = la référence de la clé privée de { $mailbox } n'est pas définie
pre-no-endpoint = pas de point d'accès { $endpoint } dans le profil de la cible
pre-starttls-refused = { $what } : STARTTLS refusé ({ $reply }) ; rien n'est essayé en clair
pre-implicit-tls = { $what } utilise TLS implicite : pas de session STARTTLS à examiner
pre-dsn-login-refused = { $what } : la connexion dont msscheck a besoin avant son enveloppe DSN a été refusée ({ $reply }) ; les scénarios AUTH-* jugent les connexions
pre-dsn-no-address = la connexion n'a pas d'adresse de boîte à utiliser comme expéditeur et destinataire

## Probe errors: why a step could not reach a verdict (protocol, OIDC/CIBA, certificates)
pe-unknown-mail-endpoint = point d'accès de messagerie « { $name } » inconnu (l'un de { $values })
pe-smtp-not-reply = { $what } : ligne qui n'est pas une réponse SMTP : { $line }
pe-smtp-code-changed = { $what } : le code de réponse change au sein d’une réponse multiligne ({ $first } puis { $then })
pe-not-url = { $url } : pas une URL
pe-http-only = { $url } : seules les URL http et https sont récupérées
pe-http-invalid = { $what } : réponse HTTP invalide ({ $code })
pe-tls-failed = { $what } : échec TLS ({ $code })
pe-greeting-not-220 = { $what } : message d'accueil { $code }, et non 220
pe-greeting = { $what } : message d'accueil { $code }
pe-imap-greeting-not-ok = { $what } : le message d'accueil IMAP n'est pas « * OK »
pe-imap-starttls-unexpected = { $what } : ligne IMAP inattendue en réponse à STARTTLS
pe-dns-refused = { $what } : le serveur DNS a refusé la requête ({ $code })
pe-dns-answered = { $what } : le serveur DNS a répondu { $code }
pe-dns-failed = { $what } : échec de la résolution DNS ({ $code })
pe-tls-message-too-large = { $what } : un message de négociation TLS du serveur dépasse ce que notre bibliothèque TLS accepte ({ $detail } ; chaîne de certificats trop grande)
pe-probe-failed = échec de { $probe } : { $message }
pe-limit-exceeded = { $what } : plus de { $limit } (limite { $name }) ; si le serveur a raison, relevez-la avec --limit { $name }=N
pe-limit-exceeded-seen = { $what } : plus de { $limit } (limite { $name }) ; vu : { $seen } ; si le serveur a raison, relevez-la avec --limit { $name }=N
pe-inconclusive-once = { $what } : non concluant une fois : le serveur a dit « { $reply } » ({ $meaning } ; { $ref }), on ne sait donc pas s'il accepte ou refuse
pe-inconclusive-times = { $what } : non concluant { $n } fois : le serveur a dit « { $reply } » ({ $meaning } ; { $ref }), on ne sait donc pas s'il accepte ou refuse
pe-ehlo-answered = { $what } : EHLO a répondu { $code }
pe-dsn-plain-mail-refused = { $what } : MAIL FROM sans paramètres refusé ({ $reply }) : le contrôle négatif ne peut pas être mené
pe-banner = { $what } : bannière { $code }
pe-too-many-334 = { $what } : trop de défis 334
pe-dsn-mail-refused = { $what } : MAIL FROM avec RET/ENVID refusé ({ $reply }) ; aucun DSN ne peut être demandé
pe-dsn-rcpt-refused = { $what } : RCPT TO avec NOTIFY=SUCCESS refusé ({ $reply }) ; aucun DSN ne peut être demandé
pe-message-not-accepted = { $what } : le message n'a pas été accepté ({ $reply })
pe-dsn-no-token = aucun jeton d'accès pour lire la boîte de l'expéditeur (with.token)
pe-dsn-wait-timeout = { $what } : ni le message envoyé à { $address } ni une notification d'état de remise ne sont arrivés en { $seconds } s (la borne d'attente) ; la remise elle-même n'a pas eu lieu à temps, donc aucune conclusion sur le DSN
pe-dsn-not-within-wait = { $what } : le message envoyé à { $address } est arrivé, mais aucune notification d'état de remise le concernant n'est venue pendant l'attente de msscheck ({ $seconds } s). La RFC 3461 ne fixe aucun délai pour elle, ce n'est donc pas un verdict : cherchez la notification plus tard dans la boîte, ou attendez plus longtemps avec --limit dsnWaitSeconds=N (et un --timeout supérieur à N)
pe-token-ref-form = token doit être un identifiant du coffre de jetons (vault:<id>) ou une référence (env:NOM, file:CHEMIN)
pe-no-pki-item = aucun élément de l'IGC de test intégrée nommé { $name }
pe-certificate-form = certificate doit valoir « mailbox » ou « pki:<nom> »
pe-not-offered-mechanism = { $what } n'annonce pas { $mechanism } et ne déclare pas le moyen { $means } (endpoints.*.means) : ce test positif ne s'applique pas, et un mécanisme non proposé n'est pas envoyé
pe-nul-credential = l'identifiant contient un caractère NUL, qu'aucun littéral IMAP ne peut transporter (RFC 3501 §4.3 ; literal8 exige BINARY)
pe-imap-unexpected-greeting = { $what } : message d'accueil IMAP inattendu
pe-imap-malformed-tagged = { $what } : réponse étiquetée mal formée
pe-imap-too-many-continuations = { $what } : trop de demandes de continuation
pe-imap-capability-refused = { $what } : CAPABILITY refusée
pe-imap-starttls-refused = { $what } : STARTTLS refusé ({ $reply }) ; l'authentification n'est pas tentée en clair
pe-imap-source-login-refused = { $what } : le serveur a refusé la connexion { $mechanism }{ $code }, donc aucun message n'a pu être lu (les scénarios AUTH-* jugent la connexion)
pe-connection-timed-out = { $what } : délai de connexion dépassé
pe-server-stopped-answering = { $what } : le serveur a cessé de répondre
pe-server-closed = { $what } : le serveur a fermé la connexion
pe-imap-source-cert-unverified = { $what } : le certificat du serveur ne se vérifie pas ({ $code }) ; aucun jeton ne lui est envoyé
pe-no-imap-endpoint = le profil de la cible n'a pas de point d'accès IMAP
pe-overall-timeout = { $what } : délai global dépassé
pe-imap-source-no-starttls = { $what } : le serveur ne propose pas STARTTLS, donc aucun message n'est lu (IMAP-STARTTLS en juge)
pe-no-token-mailbox = aucun jeton d'accès pour lire la boîte (with.token : le tokenHandle d'une étape oidc.ciba, ou auth: password)
pe-no-message-paths = aucun chemin de message donné (with.paths)
pe-no-sandbox-store = pas de magasin de messages du bac à sable (la cible n'est pas le bac à sable intégré)
pe-starttls-answered = { $what } : STARTTLS a répondu { $code }
pe-peer-cert-unusable = le certificat pair ne peut pas être utilisé par notre client : { $message }
pe-our-tls-failed = { $what } : notre client TLS a échoué ({ $code }), la décision du serveur est donc inconnue
pe-why-tls-alert = alerte TLS du serveur ({ $code })
pe-why-closed-handshake = le serveur a fermé la connexion pendant la négociation
pe-handshake-failed-before = { $what } : { $why } avant { $before } : le certificat pair n'a jamais été jugé, ce n'est donc pas un refus de celui-ci
pe-before-cert-sent = l'envoi de notre Certificate
pe-before-cert-request = tout CertificateRequest
pe-before-cert-request-tls13 = qu'un CertificateRequest puisse être observé (TLS 1.3)
pe-closed-by-server = { $what } : connexion fermée par le serveur
pe-not-smtp-line = { $what } : ligne qui n'est pas une réponse SMTP
pe-oidc-client-refused = { $what } : le fournisseur a répondu { $code } ({ $meaning } ; { $ref }) : il a refusé le client de msscheck ou les données de test du profil, le parcours testé n'a donc jamais eu lieu. Correction : { $fix }
pe-introspection-http = l'introspection a répondu HTTP { $status }
pe-id-token-not-jws = le jeton d'identité n'est pas un JWS (OIDC Core §2 : un jeton d'identité est un JWT signé)
pe-not-http-url = pas une URL http(s) : { $url }
pe-http-temporary = { $what } : échec temporaire (HTTP { $status }) ; aucun verdict ne peut en être tiré
pe-http-temporary-retry = { $what } : échec temporaire (HTTP { $status }, Retry-After { $retry }) ; aucun verdict ne peut en être tiré
pe-no-mailbox-national-id = pas de boîte { $mailbox } avec un nationalId dans le profil de la cible
pe-no-identity-rank = le profil de la cible n'a pas d'identité de test PSC au rang { $ranks } (boîtes avec un nationalId : { $count })
pe-no-identity-role = le profil de la cible n'a pas d'identité de test PSC avec pscTestRole { $roles } (rôles listés : { $listed }) ; pour mener ce scénario, listez de nouveau la boîte de la personne de test (avec son nationalId) avec pscTestRole: { $first }
pe-no-identity-legacy = le profil de la cible n'a pas d'identité de test PSC de rôle { $roles } : aucune boîte n'a de pscTestRole, et la règle des rangs ne trouve aucune boîte avec un nationalId au rang { $ranks } (il y en a { $count }) ; ajoutez pscTestRole: { $first } à une boîte
pe-no-oidc-endpoint = le profil de la cible n'a pas de endpoints.oidc
pe-no-oidc-client = le profil de la cible n'a pas d'oidcClient (identifiant client et secret, ou certificat)
pe-oidc-secret-unset = la référence { $ref } du secret du client OIDC ne donne rien (variable non définie ou fichier absent)
pe-oidc-key-unset = la référence de la clé du certificat du client OIDC ne donne rien
pe-oidc-cert-unreadable = le fichier { $file } du certificat du client OIDC est illisible
pe-oidc-client-no-credential = oidcClient ne donne ni clientSecret ni clientCertificate (cert et key)
pe-not-json-object = { $what } : la réponse n'est pas un objet JSON
pe-jwks-unreadable = la signature du jeton ne peut pas être vérifiée : le JWKS { $url } n'a pas pu être lu ({ $code } : { $message })
pe-jwks-http = la signature du jeton ne peut pas être vérifiée : { $url } a répondu HTTP { $status }
pe-jwks-http-no-keys = la signature du jeton ne peut pas être vérifiée : { $url } a répondu HTTP { $status } sans jeu de clés JSON
pe-token-signature-invalid = la signature du jeton d'accès ne se vérifie pas avec le JWKS { $url } du fournisseur ({ $code }) : ses revendications ne sont pas jugées
pe-token-payload-not-json = le jeton d'accès est signé mais son contenu n'est pas un ensemble de revendications JSON
pe-no-token-handle = aucun jeton derrière l'identifiant { $handle } (il faut un fait tokenHandle de oidc.ciba ou oidc.token-forge)
pe-reference-rp-refused = openid-client (le client OIDC de référence) a refusé : { $what } : { $detail }
pe-ciba-auth-http = la requête d'authentification CIBA a répondu HTTP { $status }
pe-ciba-auth-http-error = la requête d'authentification CIBA a répondu HTTP { $status } { $error }
pe-ciba-no-expires = la réponse d'authentification CIBA n'a pas d'expires_in (CIBA §7.3)
pe-ciba-token-http-no-error = la requête de jeton CIBA a répondu HTTP { $status } sans erreur OAuth
pe-ciba-overall-timeout = délai global dépassé en attendant l'approbation CIBA
pe-overall-timeout-waiting = délai global dépassé pendant l'attente
pe-forge-no-exp = le jeton n'a pas d'exp lisible : impossible de savoir quand il expire
pe-forge-expires-late = le jeton expire dans { $seconds } s, au-delà de maxWaitSeconds ({ $max } s) ; aucun jeton expiré ne peut être fabriqué face à ce fournisseur
pe-forge-not-signed = le jeton n'est pas un JWT signé : aucune signature à altérer
pe-forge-needs-audience = oidc.token-forge de type wrong-audience exige `audience` (l'URI de ressource d'un autre service)
pe-forge-audience-refused = le fournisseur refuse d'émettre un jeton pour { $audience } ({ $error }) : aucun jeton destiné à une autre audience ne peut être fait
pe-forge-audience-same = le jeton du fournisseur pour { $audience } nomme l'audience { $aud } : pas un jeton destiné à un autre service
pe-none = (aucune)
pe-forge-acr-not-below = le jeton de l'identité { $address } a l'acr { $acr } : pas en dessous de { $accepted }
pe-forge-revocation-http = le point de révocation du fournisseur a répondu HTTP { $status } : aucun jeton révoqué ne peut être fait
pe-forge-no-valid-token = aucun jeton valide d'où partir : le parcours CIBA de { $address } s'est terminé par { $outcome }
pe-forge-not-jwt = le jeton du fournisseur n'est pas un JWT : ses revendications ne peuvent pas être copiées dans un jeton étranger
pe-trust-anchor-file = fichier d'ancres de confiance { $message } (trustAnchors du profil de la cible)
pe-no-certificate-presented = { $what } n'a présenté aucun certificat
pe-cert-profile = profil de certificat : { $message }
pe-revocation-unknown = le statut de révocation de { $subject } n'a pas pu être établi (CRL : { $crl }, OCSP : { $ocsp }) : { $problems }
pe-no-usable-source = aucune source utilisable
pe-no-igc-bundle = le profil de la cible ne nomme pas d'igcSanteBundle (la chaîne IGC-Santé de l'ANS, Chaine_de_certification-IGC-Sante.p7b), donc « IGC-Santé seulement » (ECO.1.1.10) ne peut pas être vérifié
pe-igc-bundle-error = bundle IGC-Santé { $message } (igcSanteBundle du profil de la cible)
pe-igc-bundle-empty = le bundle IGC-Santé { $file } ne contient aucun certificat (igcSanteBundle du profil de la cible)
pe-no-trust-anchors = le profil de la cible ne déclare pas de trustAnchors (fichiers PEM des AC acceptées)
pe-not-a-crl = { $what } : pas une CRL ({ $message })
pe-no-endpoint-declared = le profil de la cible ne déclare pas de point d'accès { $endpoint }
pe-no-totp-seed = pas de référence totpSeed pour { $mailbox } dans le profil de la cible
pe-totp-seed-unset = la référence totpSeed de { $mailbox } n'est pas définie
pe-otp-command-failed = la commande otpCodeSource de { $mailbox } a échoué ({ $code })
pe-otp-command-no-code = la commande otpCodeSource de { $mailbox } n'a affiché aucun code
pe-otp-env-unset = la variable d'environnement { $env } (otpCodeSource de { $mailbox }) n'est pas définie
pe-otp-no-code-typed = aucun code saisi à temps
pe-otp-no-source = pas d'otpCodeSource utilisable pour { $mailbox } (une commande, une variable d'environnement, ou une saisie sur un terminal)
pe-otp-extract-before = otpFlow : { $template } est utilisé avant qu'une étape ne l'extraie
pe-otp-unknown-template = otpFlow : gabarit inconnu { $template }
pe-otp-step-failed = { $flow } : étape { $step } : { $detail }
pe-otp-success-step = otpFlow : success.step « { $step } » n'est pas l'une des étapes
pe-otp-stopped-before-code = { $which } s'est arrêtée à l'étape { $step } (HTTP { $status }) avant l'envoi du code : le serveur n'a jamais jugé le code
pe-otp-server-error = { $which } a répondu au code par HTTP { $status } à l'étape { $step } : une erreur du serveur, pas un refus du code
pe-otp-the-login = la connexion
pe-otp-the-second-login = la seconde connexion
pe-no-otp-flow = le profil de la cible ne décrit pas d’otpFlow
pe-no-otp-web = le profil de la cible n'a pas de endpoints.otpWeb
pe-no-otp-code-source = pas d'otpCodeSource pour { $mailbox }
pe-otp-needs-terminal = l'otpCodeSource de { $mailbox } exige un terminal (saisie) et il n'y en a pas
pe-otp-secret-unset = otpFlow utilise { $template } mais credentials.{ $name } n'est pas défini
pe-otp-no-server-clock = l'horloge du serveur n'a pas pu être lue dans le parcours (serverClock), aucun code ne peut donc être calculé pour lui
pe-otp-window-used = chaque pas TOTP de la fenêtre ±1 a déjà servi dans cette exécution ; relancez ce scénario seul
pe-peer-pkcs12-unreadable = peerCertificates.{ $role }.pkcs12 est illisible
pe-peer-needs-key = peerCertificates.{ $role } exige cert et key (ou pkcs12)
pe-peer-key-unset = peerCertificates.{ $role }.key ne donne rien (variable non définie ou fichier absent)
pe-no-peer-certificate = le profil de la cible ne donne pas de peerCertificates.{ $role } (un certificat IGC-Santé SERV SSL d'un domaine de la liste blanche)
pe-file-unreadable = { $what } { $path } illisible ({ $code })
pe-what-checksum-file = fichier de somme de contrôle de la liste blanche
pe-what-whitelist = liste blanche
pe-no-whitelist = le profil de la cible ne donne pas de liste blanche (whitelist)
pe-no-whitelist-checksum = le profil de la cible ne donne pas de whitelistChecksum (le fichier de somme de contrôle que l'ANS publie à côté de la liste blanche)
pe-checksum-no-value = le fichier de somme de contrôle de la liste blanche { $file } ne contient aucune valeur SHA-256 (64 chiffres hexadécimaux)
pe-no-domain-in-whitelist = aucun des domaines de la cible n'est dans la liste blanche (TRUST-WHITELIST-DOMAINS le dit) : aucun DN à comparer
pe-no-whitelist-path = le profil de la cible ne donne pas de liste blanche (whitelist : chemin du XML ListeBlancheMSSante de l'ANS)
pe-whitelist-error = liste blanche { $message }

## Fixed words of requirement source citations (src/i18n/source-citation.ts)
source-rule = règle
source-section-not-identified = section non identifiée
source-not-read = non lu
source-historically-port = historiquement port { $port }
source-rem-twin = jumeau REM
source-onwards = et versions suivantes
source-implementer-notes = notes d'implémenteur
source-whitelist-format-in = format de la liste blanche dans
explain-not-in-catalogue = (absente du catalogue des exigences)

## Certificate chain evidence: revocation problems (HTML evidence)
ev-revoked-on = révoqué le { $date } ({ $reason }, par { $method }) : { $subject }
ev-crl-ocsp-disagree = la CRL dit { $crl } mais OCSP dit { $ocsp } : { $subject }
ev-revocation-unknown-for = révocation inconnue pour { $subject } : { $problem }
pe-client-cannot-offer = ce client msscheck ne peut pas proposer { $versions } ({ $why }), un refus du serveur ne pourrait donc pas être distingué
pe-cipher-policy = politique de chiffrement : { $message }
chain-no-certificate = le serveur n'a présenté aucun certificat
chain-self-signed-untrusted = certificat auto-signé absent des ancres de confiance : { $subject }
chain-issuer-not-found = émetteur introuvable parmi les certificats présentés et les ancres de confiance : { $issuer }
chain-issuer-not-ca = l'émetteur n'est pas une AC (basicConstraints) : { $subject }
chain-too-long = chaîne de plus de { $max } certificats
chain-expired-on = expiré le { $date } : { $subject }
chain-not-yet-valid-on = pas encore valide le { $date } : { $subject }
chain-does-not-name = ne nomme pas { $host }

## Certificate profile findings (src/x509/cert-profile.ts): English in facts, phrases in the HTML evidence
prof-none = aucun
prof-missing = { " " }; manquant : { $list }
prof-forbidden = { " " }; interdit : { $list }
prof-key-usage = usage de clé { $list }{ $missing }{ $forbidden }
prof-ext-key-usage = usage de clé étendu { $list }{ $missing }{ $forbidden }
prof-key = { $family } { $bits } bits{ $alg }{ $size }
prof-alg-not-allowed = { " " }(algorithme non autorisé)
prof-under-bits = { " " }(moins de { $min } bits)
prof-signed-with = signé avec { $algorithm }
prof-not-yet-valid-on = pas encore valide le { $date }
prof-expired-on = expiré le { $date }
prof-valid-days = valide { $days } jours, plus de { $max }
prof-and = { $first } ; { $next }
prof-validity = du { $from } au { $to }{ $problems }
prof-validity-problems = { " " }: { $list }
prof-subject = sujet { $subject }{ $missing }
prof-san = subjectAltName { $list }{ $missing }
prof-san-missing = { " " }; aucun nom { $types }
prof-policies = politiques { $list }{ $expected }
prof-policies-expected = { " " }; attendu : l’une de { $values }
prof-issuer-cn = CN de l’émetteur { $list }
prof-ca = AC { $value }
prof-crl-dp = points de distribution de CRL { $list }{ $missing }
prof-crl-dp-missing = { " " }; aucune URI { $schemes }
prof-no-crl-dp = pas d’extension des points de distribution de CRL
prof-violation = { $rule } : { $detail }
prof-of-profile = profil { $profile } : { $violation }

## explain REQUIREMENT-ID (src/policy/coverage.ts renderRequirementExplanation)
req-explain-confidence = confiance { $confidence }
req-explain-document = Document : { $document } ({ $version })
req-explain-source = Source :   { $source }
req-explain-assumption = Hypothèse : { $text }
req-explain-twins = Jumelles : { $list }
req-explain-verified-by = Vérifiée par :
req-explain-verified-by-none = Vérifiée par : aucun scénario
req-explain-through-twin = Par une exigence jumelle :
req-explain-cites = cite { $twin }

## Revocation sources (src/x509/revocation.ts, src/x509/live-clock.ts)
text-verbatim = { $text }
rev-no-crl-dp = le certificat ne désigne aucun point de distribution de CRL
rev-crl-issuer-unknown = le certificat de l'émetteur est inconnu : aucune signature de CRL ne peut être vérifiée
rev-crl-bad-signature = { $url } : la signature de la CRL ne se vérifie pas avec la clé de l'émetteur
rev-crl-wrong-issuer = { $url } : CRL émise par { $issuer }, et non par { $expected }
rev-crl-outdated = { $url } : CRL périmée : { $why }
rev-crl-not-yet-valid = { $url } : CRL pas encore valide : { $why }
rev-ocsp-error = OCSP { $code } : { $message }
rev-ocsp-unknown = OCSP : le répondeur ne connaît pas le certificat (unknown)
ocsp-at = { $url } : { $message }
ocsp-signer-not-issued = le certificat du répondeur OCSP { $subject } n'est pas émis par { $issuer }
ocsp-signer-no-eku = le certificat du répondeur OCSP { $subject } n'a pas l'usage étendu de clé id-kp-OCSPSigning
ocsp-signer-not-valid = le certificat du répondeur OCSP { $subject } n'est pas valide maintenant ({ $now })
ocsp-signer-unknown = la réponse OCSP n'est signée ni par l'AC émettrice ni par un certificat de répondeur qu'elle porte
ocsp-unknown-cert-status = étiquette certStatus inconnue [{ $tag }]
ocsp-response-status = le répondeur OCSP a répondu { $status }
ocsp-not-basic = la réponse OCSP n'est pas une BasicOCSPResponse
ocsp-not-a-response = ce n'est pas une réponse OCSP ({ $detail })
ocsp-signature-algorithm = algorithme de signature OCSP non pris en charge : { $algorithm }
ocsp-signature-bad = la signature de la réponse OCSP ne se vérifie pas
ocsp-nonce-other = la réponse OCSP porte un autre nonce que la requête (une réponse rejouée ?)
ocsp-no-certid = la réponse OCSP ne dit rien du certificat demandé (aucun CertID correspondant)
ocsp-stale = la réponse OCSP est périmée : { $why }
ocsp-not-yet-valid = la réponse OCSP n'est pas encore valide : { $why }
ocsp-no-issuer = le certificat de l'émetteur est inconnu : aucun CertID OCSP ne peut être construit
fresh-this-update-after-now = thisUpdate { $at } est postérieur à l'heure actuelle { $now } ({ $skew } s de décalage d'horloge admis)
fresh-next-update-before-now = nextUpdate { $at } est antérieur à l'heure actuelle { $now } ({ $skew } s de décalage d'horloge admis)

## This client's TLS capability (src/net/tls-capability.ts), in "cannot offer"
tls-cap-version-reason = { $version } : { $reason }
tls-cap-handshake-failed = échec de la négociation TLS
tls-cap-no-handshake = aucune négociation TLS en { $seconds } s
tls-cap-negotiated = { $protocol } négocié
reply-dropped-mid-exchange = la connexion s'est terminée pendant { $what }, avant toute réponse
exchange-before-starttls = { $command } avant STARTTLS
list-comma = { $first }, { $next }
what-smtp-session = session SMTP ({ $exchanges }) sur { $endpoint }
what-on = { $what } sur { $endpoint }
what-peer-session = session d'opérateur pair sur { $endpoint } (certificat : { $certificate })

## What went past a limit (src/limits/limits.ts callers)
limit-what-reply-lines = { $what } : une réponse multiligne a trop de lignes
limit-what-body = { $what } : corps de réponse plus grand que permis
limit-what-chain-length = le pair a présenté une chaîne de certificats trop longue
limit-what-certificate-size = le pair a présenté un certificat trop grand
limit-what-line = { $what } : une ligne du serveur est plus longue que permis
limit-what-untagged-before-literal = { $what } : { $command } a reçu trop de réponses non étiquetées avant de pouvoir envoyer son littéral
limit-what-untagged-before-tagged = { $what } : { $command } a reçu trop de réponses non étiquetées avant sa réponse étiquetée

## ZIP archives (src/message/zip.ts): why an archive could not be read
zip-too-short = pas une archive ZIP (trop courte)
zip-no-eocd = pas une archive ZIP (pas de fin de répertoire central)
zip64-unsupported = les archives ZIP64 ne sont pas prises en charge
zip-too-many-entries = l'archive a { $count } entrées, plus que la limite de { $limit }
zip-cd-outside = le répertoire central est hors de l'archive
zip-cd-entry-damaged = l'entrée { $n } du répertoire central est endommagée
zip-cd-entry-truncated = l'entrée { $n } du répertoire central est tronquée
zip-entry-zip64 = entrée { $name } : les tailles ZIP64 ne sont pas prises en charge
zip-entry-too-big = l'entrée { $name } déclare { $size } octets, plus que la limite de { $limit }
zip-entry-ratio = l'entrée { $name } se décompresse { $ratio } fois, plus que la limite de { $limit }
zip-total-too-big = l'archive se décompresse en plus de { $limit } octets
zip-entry-encrypted = l'entrée { $name } est chiffrée
zip-local-header-damaged = l'en-tête local de { $name } est endommagé
zip-data-truncated = les données de { $name } sont tronquées
zip-stored-sizes = l'entrée stockée { $name } a des tailles incohérentes
zip-no-inflate = l'entrée { $name } ne se décompresse pas : { $message }
zip-expands-beyond = l'entrée { $name } se décompresse au-delà des { $cap } octets déclarés
zip-inflates-to = l'entrée { $name } se décompresse en { $filled } octets, et non les { $size } déclarés
zip-method = l'entrée { $name } utilise la méthode de compression { $method }
zip-crc = l'entrée { $name } échoue à son contrôle CRC-32

## Values message lint found (src/message/xdm.ts, src/message/checks.ts)
xdm-not-well-formed = XML mal formé : { $message }
xdm-second-metadata = un second METADATA.XML
lint-found-status = { $status } : { $reason }
lint-found-path-problem = { $path } : { $problem }

## msscheck verify: an unreadable evidence bundle (src/evidence/verify.ts)
bundle-not-zip = pas une archive ZIP (un paquet de preuves en est une)
bundle-damaged-zip = archive ZIP endommagée : { $message }
bundle-no-manifest = pas de { $path } : ce n'est pas un paquet de preuves msscheck
verify-give-bundle = donnez un paquet de preuves écrit par `msscheck run --bundle FILE`
verify-cannot-read = impossible de lire { $file } : { $code }
verify-check-path = vérifiez le chemin

## msscheck's XML parser (src/message/xml.ts): why a file is not well-formed XML
xml-at-line = { $message } (ligne { $line })
xml-unsupported-encoding = encodage non pris en charge « { $enc } »
xml-bytes-invalid = octets non valides en { $enc }
xml-unterminated-entity = référence d'entité non terminée « &{ $ref } »
xml-bad-char-ref = référence de caractère invalide &{ $ref };
xml-undefined-entity = entité non définie &{ $ref }; (les entités autres que les entités prédéfinies sont refusées)
xml-text-outside-root = texte hors de l'élément racine
xml-unterminated-pi = instruction de traitement non terminée
xml-unterminated-comment = commentaire non terminé
xml-unterminated-cdata = section CDATA non terminée
xml-cdata-outside-root = CDATA hors de l'élément racine
xml-doctype-after-root = DOCTYPE après l'élément racine
xml-dtd-refused = sous-ensemble interne de DTD refusé (les déclarations d'entités ne sont pas développées)
xml-unterminated-doctype = DOCTYPE non terminé
xml-markup-declaration-refused = déclaration de balisage refusée
xml-unterminated-end-tag = balise de fin non terminée
xml-end-without-start = balise de fin </{ $name }> sans balise de début
xml-end-mismatch = la balise de fin </{ $name }> ne ferme pas <{ $open }> (ligne { $openLine })
xml-lt-in-tag = '<' à l'intérieur d'une balise
xml-unterminated-start-tag = balise de début non terminée
xml-bad-element-name = nom d'élément invalide « { $name } »
xml-two-roots = plus d'un élément racine
xml-too-many-elements = plus de { $max } éléments
xml-bad-attribute-name = nom d'attribut invalide « { $name } »
xml-attribute-twice = l'attribut { $name } apparaît deux fois
xml-lt-in-attribute = '<' dans la valeur de l'attribut { $name }
xml-malformed-attributes = attributs mal formés dans <{ $name }>
xml-undeclared-prefix = préfixe d'espace de noms non déclaré « { $prefix } »
xml-not-closed = l'élément <{ $name }> n'est pas fermé
xml-no-root = aucun élément racine
xml-document-too-large = document plus grand que { $max } octets
