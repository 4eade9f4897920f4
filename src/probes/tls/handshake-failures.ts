/**
 * What a failed TLS handshake says about the offer, as data (protocol/tls-handshake-failures.yaml,
 * schema `tls-handshake-failures`): the first rule whose pattern matches the error gives its kind.
 */
import { fileURLToPath } from 'node:url';
import { InputError } from '../../util/input-error.js';
import { YamlFile } from '../../util/yaml-file.js';
import type { HandshakeFailureKind } from './cipher-capability.js';

export const TLS_HANDSHAKE_FAILURES_FILE = fileURLToPath(new URL('../../../protocol/tls-handshake-failures.yaml', import.meta.url));

interface FailuresFile {
  rules: { match: string; kind: HandshakeFailureKind; ref: string; meaning: string }[];
  otherwise: { kind: 'aborted'; ref: string; meaning: string };
}

export type FailureClassifier = (reason: string) => HandshakeFailureKind;

/** Loads and checks the rules (bad data is an InputError naming file, line and field). */
export function loadHandshakeFailures(path: string = TLS_HANDSHAKE_FAILURES_FILE): FailureClassifier {
  const file = YamlFile.read<FailuresFile>(path, 'TLS handshake failures');
  const data = file.validate('tls-handshake-failures');
  const rules = data.rules.map((r, i) => {
    try {
      return { re: new RegExp(r.match, 'i'), kind: r.kind };
    } catch (err) {
      throw new InputError(file.problem(`/rules/${i}/match`, `not a valid regular expression: ${(err as Error).message}`, 'write a JavaScript regular expression over the error'));
    }
  });
  return (reason) => rules.find((r) => r.re.test(reason))?.kind ?? data.otherwise.kind;
}

let loaded: FailureClassifier | undefined;

/** The built-in rules, loaded once. */
export function handshakeFailureKind(reason: string): HandshakeFailureKind {
  return (loaded ??= loadHandshakeFailures())(reason);
}
