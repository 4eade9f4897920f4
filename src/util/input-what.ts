/**
 * What an input file is (`target profile`, `scenario`...), as the messages of input errors name it:
 * a catalogue phrase for the kinds of file msscheck reads, so that the user reads it in their
 * language; any other name stays as it is written.
 */
import { phrase, type Phrase } from '../i18n/phrase.js';

const KNOWN: Record<string, string> = {
  'target profile': 'what-target-profile',
  scenario: 'what-scenario',
  policy: 'what-policy',
  'requirement catalogue': 'what-requirement-catalogue',
  'requirement catalogue manifest': 'what-requirement-catalogue-manifest',
  'message rules': 'what-message-rules',
  message: 'what-message',
  'cipher policy': 'what-cipher-policy',
  'certificate profile': 'what-certificate-profile',
  'data translations': 'what-data-translations',
  input: 'what-input',
};

export function whatPhrase(what: string): Phrase | string {
  const id = KNOWN[what];
  return id ? phrase(id) : what;
}
