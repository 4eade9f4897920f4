/**
 * OAuth / CIBA errors by which the provider refuses msscheck's own client or the profile's test data
 * (protocol/oauth-client-errors.yaml): the flow under test never ran, so the step is `error`
 * ECLIENT_REFUSED with the fix, never a `fail` of the provider. Other error codes are the provider's
 * answer to judge.
 */
import { fileURLToPath } from 'node:url';
import { YamlFile } from '../../util/yaml-file.js';
import { ProbeError } from '../types.js';
import { phrase } from '../../i18n/phrase.js';

interface ClientErrorMeaning {
  ref: string;
  meaning: string;
  fix: string;
}

export const OAUTH_CLIENT_ERRORS_FILE = fileURLToPath(new URL('../../../protocol/oauth-client-errors.yaml', import.meta.url));

let loaded: Record<string, ClientErrorMeaning> | undefined;

function clientErrors(): Record<string, ClientErrorMeaning> {
  return (loaded ??= YamlFile.read<{ errors: Record<string, ClientErrorMeaning> }>(OAUTH_CLIENT_ERRORS_FILE, 'OAuth client errors').validate('oauth-client-errors').errors);
}

/** The error to end the step with when `code` refuses msscheck's client (`what`: the request refused); undefined otherwise. */
export function clientRefusal(code: string | undefined, what: string): ProbeError | undefined {
  const m = code === undefined ? undefined : clientErrors()[code];
  if (!m) return undefined;
  return new ProbeError('ECLIENT_REFUSED', phrase('pe-oidc-client-refused', { what, code, meaning: m.meaning, ref: m.ref, fix: m.fix }));
}
