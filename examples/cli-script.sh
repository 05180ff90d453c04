#!/usr/bin/env bash
# Modelgate from a script: the CLI's --json output and exit codes are stable, so scripts can rely on them.
# Run from the repository root: examples/cli-script.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export MODELGATE_HOME="${MODELGATE_HOME:-$(mktemp -d)}"   # a throwaway database unless you point it elsewhere

./modelgate models discover >/dev/null
# Approve every pending text model of the demo provider (there are none: the demo auto-enables its models).
pending=$(./modelgate models list --provider demo --status pending --json | { grep -o '"id": "[^"]*"' || true; } | cut -d'"' -f4)
if [ -n "$pending" ]; then
  # shellcheck disable=SC2086
  ./modelgate models enable $pending
fi

./modelgate models list --category text
reply=$(./modelgate chat -m demo:echo --json "Hello from a script" | grep -o '"text": "[^"]*"' | cut -d'"' -f4)
echo "the model said: $reply"

if ./modelgate chat -m demo:nope "x" 2>/dev/null; then
  echo "unexpected success" >&2; exit 1
else
  echo "an unknown model fails with exit code $?"
fi
