#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator, from npm) for the Azure integration tests and the
# local Azure backend. Idempotent: a second run only checks the version and returns at once.
# Prints progress on stderr and, as the last line on stdout, the Azurite package folder to
# export as AZURITE_HOME.
#
#   AZURITE_HOME="$(bash .ci/install-azurite.sh | tail -n 1)"
#
# SKYSYNC_CACHE moves the cache (default: ~/.cache/skysync); the AzuriteEmulator class looks in
# the same default place when AZURITE_HOME is unset.
set -euo pipefail

version="3.37.0"
cache="${SKYSYNC_CACHE:-$HOME/.cache/skysync}"
prefix="$cache/azurite-$version"
package="$prefix/node_modules/azurite"
entry="$package/dist/src/azurite.js"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-azurite: node and npm are needed (Node.js 18 or newer); install them first" >&2
  exit 1
fi

installed_version() {
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$package/package.json" 2>/dev/null || true
}

if [[ -f "$entry" && "$(installed_version)" == "$version" ]]; then
  echo "install-azurite: azurite $version already in $package" >&2
else
  echo "install-azurite: installing azurite@$version into $prefix (about a minute)" >&2
  mkdir -p "$prefix"
  # A private prefix with its own package.json: npm never touches the repository's tree.
  [[ -f "$prefix/package.json" ]] || echo '{"name":"skysync-azurite","private":true}' > "$prefix/package.json"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "azurite@$version" >&2
  if [[ ! -f "$entry" || "$(installed_version)" != "$version" ]]; then
    echo "install-azurite: npm finished but $entry is missing or not version $version" >&2
    exit 1
  fi
fi

echo "$package"
