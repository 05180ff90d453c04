#!/usr/bin/env bash
# Builds (or tests) the console for Maven: finds node and npm, runs `npm ci` when the lock changed, then the Vite
# builds into $2 (the console app with hashed file names, and the self-contained picker.js).
#   build.sh build <out-dir>     build.sh test <out-dir>
# Without Node.js it says plainly that the console is skipped, and /console then answers a page saying how to get
# it; with CI=true a missing Node.js is an error, because CI must build and test the console.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
action=${1:?build or test}
out=${2:?output directory}
cd "$here"

find_tool() { # prints the path of $1 from PATH, NODE_HOME/bin or the usual places, or nothing
  local t=$1 dir
  command -v "$t" 2>/dev/null && return 0
  for dir in "${NODE_HOME:-}/bin" /usr/local/bin /usr/bin /opt/node/bin "$HOME/.local/bin"; do
    [ -x "$dir/$t" ] && { echo "$dir/$t"; return 0; }
  done
  return 0
}
node=$(find_tool node)
npm=$(find_tool npm)
if [ -z "$node" ] || [ -z "$npm" ]; then
  if [ "${CI:-}" = true ]; then
    echo "modelgate console: node and npm are required when CI=true (install Node.js 20 or newer)" >&2
    exit 1
  fi
  echo "modelgate console: Node.js (node and npm) not found: the console is SKIPPED. /console will say how to" \
    "get it; install Node.js 20+ and rebuild to include it." >&2
  exit 0
fi
major=$("$node" -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "modelgate console: Node.js $major is too old (20 or newer needed): the console is SKIPPED" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
export PATH="$(dirname "$node"):$PATH"

# npm ci only when node_modules is missing or older than the lock.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  "$npm" ci --no-audit --no-fund --loglevel=error
fi

case "$action" in
  build)
    stamp="$out/.built"
    if [ -f "$stamp" ] && [ -z "$(find src index.html package-lock.json vite.config.ts vite.picker.config.ts \
        -newer "$stamp" -print -quit)" ]; then
      echo "modelgate console: up to date"
      exit 0
    fi
    rm -rf "$out"
    "$node" node_modules/vite/bin/vite.js build --logLevel warn --outDir "$out"
    "$node" node_modules/vite/bin/vite.js build --logLevel warn --config vite.picker.config.ts --outDir "$out"
    touch "$stamp"
    ;;
  test)
    "$node" node_modules/vitest/vitest.mjs run
    ;;
  *)
    echo "build.sh: unknown action '$action'" >&2
    exit 2
    ;;
esac
