#!/usr/bin/env bash
# The fresh-machine path: clone the repository into a new folder, run the README's start command
# there, wait until the studio answers, render the example story through it with the CLI, check
# the deliverables, stop it. (The README's test command is what .ci/run runs on its own clone.)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${FRESH_CLONE_PORT:-3917}"
work="$(mktemp -d)"
clone="$work/studio"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone --quiet "$repo" "$clone"
start_command="$(bash "$repo/scripts/readme-command.sh" 'Run it' "$clone/README.md")"
[ -n "$start_command" ] || { echo "README has no start command under '## Run it'" >&2; exit 1; }
echo "fresh clone: $start_command (PORT=$port)"

cd "$clone"
# Its own process group, so stopping it stops pnpm and the server under it.
PORT="$port" setsid bash -c "$start_command" >"$work/start.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the studio exited during start:" >&2; tail -n 40 "$work/start.log" >&2; exit 1
  fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz"; echo
curl -fsS "http://127.0.0.1:$port/" | grep -qi '<html' || { echo "no web app at /" >&2; exit 1; }

out="$work/out"
./node_modules/.bin/tsx apps/cli/src/main.ts render examples/shrinkflation.els \
  --server "http://127.0.0.1:$port" --out "$out"
for file in 01_hook.mp3 master.mp3 manifest.json captions.srt captions.vtt labels.txt; do
  [ -s "$out/$file" ] || { echo "missing deliverable: $file" >&2; ls -la "$out" >&2; exit 1; }
done
echo "fresh clone: the studio answered on port $port and rendered $(ls "$out" | wc -l) deliverables"
