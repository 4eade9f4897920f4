#!/usr/bin/env bash
# Installs Debian's Postfix and Dovecot (IMAP + submission) for the real-mail-stack integration test
# (test/integration/mailstack.test.ts). msscheck runs its own instances with their own config dirs
# under a temp dir (scripts/mailstack/stack.sh); the system services are never wanted, so this
# script makes sure none of them is left running (ports 25, 143, 587, ...).
# Idempotent: does nothing but the stop-check when everything is already installed.
set -euo pipefail

PACKAGES=(postfix dovecot-imapd dovecot-submissiond)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "${#missing[@]}" -gt 0 ]; then
  echo "mailstack: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Postfix: "No configuration" so that its postinst writes no main.cf for this host.
  echo 'postfix postfix/main_mailer_type select No configuration' | as_root debconf-set-selections
  echo 'postfix postfix/mailname string localhost' | as_root debconf-set-selections
  # policy-rc.d exit 101 forbids invoke-rc.d from starting services during this install.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created_policy=1
  fi
  cleanup() { if [ "$created_policy" = 1 ]; then as_root rm -f "$policy"; fi; }
  trap cleanup EXIT
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  cleanup
  trap - EXIT
fi

# Whatever the postinst did, no system instance may stay up: stop the ones that run from /etc.
stop_system_daemons() {
  if command -v postfix >/dev/null && as_root postfix status >/dev/null 2>&1; then
    echo "mailstack: stopping the system Postfix"
    as_root postfix stop >/dev/null 2>&1 || true
  fi
  if [ -f /run/dovecot/master.pid ] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
    echo "mailstack: stopping the system Dovecot"
    as_root doveadm stop >/dev/null 2>&1 || as_root kill "$(cat /run/dovecot/master.pid)" || true
  fi
}
stop_system_daemons

# Nothing of ours may hold the standard mail ports (25, 143, 587, 993) after this script.
if command -v ss >/dev/null; then
  held=$(ss -ltnpH 2>/dev/null | awk '$4 ~ /:(25|143|587|993)$/' | grep -E '"(master|dovecot)"' || true)
  if [ -n "$held" ]; then
    echo "mailstack: a system Postfix/Dovecot still listens on a standard port:" >&2
    echo "$held" >&2
    exit 1
  fi
fi

for b in /usr/sbin/postfix /usr/sbin/dovecot /usr/bin/doveadm /usr/sbin/postconf /usr/sbin/postmap; do
  [ -x "$b" ] || { echo "mailstack: $b is missing after install" >&2; exit 1; }
done
echo "mailstack: postfix $(postconf -d -h mail_version 2>/dev/null), dovecot $(dovecot --version 2>/dev/null)"
