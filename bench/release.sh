# Sourced by the bench scripts: unpacks a release archive into "$work/release" and sets
# $skysync (its bin/skysync) and $classpath (its client and backend jars), so a benchmark runs the
# command users run, from files no rebuild touches while it runs. SKYSYNC_ARCHIVE names the archive
# (e.g. an older build, for a before/after table); by default the current sources are packaged.
release_unpack() {
  local here="$1" work="$2" archive="${SKYSYNC_ARCHIVE:-}"
  if [ -z "$archive" ]; then
    echo "packaging the release archive (mvn package -pl dist -am, tests skipped)..." >&2
    (cd "$here" && mvn -q -B -DskipTests -Dskip.azurite.install=true -DskipFuzz -pl dist -am package >&2)
    archive="$(ls "$here"/dist/target/skysync-*.tar.gz | head -n 1)"
  fi
  mkdir -p "$work/release"
  tar xzf "$archive" -C "$work/release" --strip-components=1
  skysync="$work/release/bin/skysync"
  classpath="$(ls "$work"/release/lib/*.jar | tr '\n' ':')$(ls "$work"/release/backend/infra-*.jar)"
  export SKYSYNC="$skysync"
}
