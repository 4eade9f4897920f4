/**
 * Whether this machine can run the real mail stack: Debian's Postfix and Dovecot binaries
 * (scripts/mailstack/install.sh installs them), their system users, and root (Postfix's master
 * and Dovecot's master start as root, then drop privileges).
 */
import { existsSync, readFileSync } from 'node:fs';

export const BINARIES = {
  postfix: '/usr/sbin/postfix',
  postconf: '/usr/sbin/postconf',
  dovecot: '/usr/sbin/dovecot',
  doveconf: '/usr/bin/doveconf',
} as const;

/** Modules the Dovecot configuration needs (IMAP and submission login processes). */
const DOVECOT_PARTS = ['/usr/lib/dovecot/imap-login', '/usr/lib/dovecot/submission-login', '/usr/lib/dovecot/submission'];
const USERS = ['postfix', 'dovecot', 'dovenull'];
const GROUPS = ['postdrop'];

export interface Availability {
  ok: boolean;
  /** Why not, in one sentence with the fix; empty when ok. */
  reason: string;
}

function names(file: string): Set<string> {
  try {
    return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.split(':')[0]!).filter(Boolean));
  } catch {
    return new Set();
  }
}

export function mailStackAvailability(): Availability {
  const missing = [...Object.values(BINARIES), ...DOVECOT_PARTS].filter((b) => !existsSync(b));
  if (missing.length) return { ok: false, reason: `Postfix/Dovecot not installed (missing ${missing.join(', ')}): run \`sudo bash scripts/mailstack/install.sh\`` };
  const users = names('/etc/passwd');
  const groups = names('/etc/group');
  const noUser = USERS.filter((u) => !users.has(u));
  const noGroup = GROUPS.filter((g) => !groups.has(g));
  if (noUser.length || noGroup.length) return { ok: false, reason: `system users/groups missing (${[...noUser, ...noGroup].join(', ')}): reinstall with scripts/mailstack/install.sh` };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, reason: 'the real mail stack must be started as root (Postfix and Dovecot masters drop privileges themselves)' };
  return { ok: true, reason: '' };
}

/** uid and gid of a system account, from /etc/passwd. */
export function accountIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`MAILSTACK_USER: no system account ${name}`);
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}
