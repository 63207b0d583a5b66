#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a downloaded browser). On a fresh machine of
# this kind it is not installed yet: install it with apt when we can, else say how.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
  echo "The browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
  exit 1
fi
