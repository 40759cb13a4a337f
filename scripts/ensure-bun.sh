# Sourced by the other scripts: makes the pinned Bun available and the dependencies installed.
# A fresh machine has Node/npm but no Bun; npm installs Bun's official package into .tools/ (no root needed).
BUN_VERSION="1.4.4"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
if [ "$(bun --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  echo "installing bun $BUN_VERSION with npm into .tools/ ..." >&2
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "bun@$BUN_VERSION" >&2
fi
if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/bun.lock" -nt "$ROOT/node_modules/.bun-installed" ]; then
  (cd "$ROOT" && bun install --frozen-lockfile >&2 && touch node_modules/.bun-installed)
fi
