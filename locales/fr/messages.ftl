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
