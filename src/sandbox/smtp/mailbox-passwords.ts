import { readFileSync } from 'node:fs';
import type { TargetProfile } from '../../target/profile.js';

/**
 * The password of a sandbox mailbox, looked up in the profile at each attempt (the IMAP component,
 * started later, contributes the mailboxes and their `file:` password references).
 */
export function profilePasswordLookup(profile: TargetProfile): (user: string) => string | undefined {
  return (user) => {
    const ref = (profile.mailboxes ?? []).find((m) => (m.login ?? m.address).toLowerCase() === user.toLowerCase())?.password;
    if (!ref?.startsWith('file:')) return undefined;
    try {
      return readFileSync(ref.slice(5), 'utf8');
    } catch {
      return undefined;
    }
  };
}
