#!/usr/bin/env bash
# Prints the first command of the ```sh block under the README heading given as $1
# ("Run it", "Test it"), so CI runs exactly what the README tells people to run.
set -euo pipefail
readme="${2:-$(dirname "$0")/../README.md}"
awk -v heading="## $1" '
  $0 == heading { found = 1; next }
  found && /^## / { exit }
  found && /^```sh/ { inblock = 1; next }
  inblock && /^```/ { exit }
  inblock && NF { print; exit }
' "$readme"
