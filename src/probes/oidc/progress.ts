/**
 * Progress while msscheck waits for a person (CIBA approval on a real PSC) or for a token to expire.
 * The hook belongs to one run (`OidcRun`, reached as `ctx.oidc`): the CLI gives real targets a
 * countdown (e.g. `stderrCountdown`); tests and the sandbox give none, so nothing is printed.
 */
import { translator, type Translator } from '../../i18n/index.js';
import { renderPhrase, type Phrase } from '../../i18n/phrase.js';

export interface OidcProgress {
  kind: 'ciba-wait' | 'expiry-wait';
  secondsLeft: number;
  /** What the person should do, or what is awaited: a catalogue phrase (src/i18n/phrase.ts). */
  message: Phrase;
}

export type OidcProgressHook = (p: OidcProgress) => void;

/** A one-line countdown on stderr (rewritten in place on a terminal). Never prints a secret: only the message and seconds. */
export function stderrCountdown(stream: NodeJS.WriteStream = process.stderr, tr: Translator = translator('en')): OidcProgressHook {
  return (p) => {
    const line = tr.t('wait-countdown', { message: renderPhrase(p.message, tr), seconds: Math.max(0, Math.ceil(p.secondsLeft)) });
    if (stream.isTTY) stream.write(`\r\x1b[2K${line}${p.secondsLeft <= 0 ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}
