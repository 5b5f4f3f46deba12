#!/usr/bin/env bash
# Starts the one-JVM launcher (every service, serving this app), waits until it is healthy, runs
# the browser suite against it and stops it. As root the whole run happens inside a private network
# namespace holding only loopback, so browsers, services and media never touch real interfaces.
#
#   web-client/e2e/run-against-launcher.sh [path/to/launcher.jar]
#
# Environment: CHORUS_PORT (default 8080), CHORUS_HEALTH_TIMEOUT seconds (default 180),
# JAVA (default java), CHORUS_LAUNCHER_ARGS (extra arguments for the launcher).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
client="$(dirname "$here")"
root="$(dirname "$client")"
jar="${1:-$(ls "$root"/launcher/target/launcher-*.jar 2>/dev/null | grep -v -e '-plain' -e 'original' | head -n1 || true)}"
[ -n "$jar" ] && [ -f "$jar" ] || { echo "No launcher jar: build it (./mvnw -pl launcher -am package) or pass its path" >&2; exit 2; }

if [ "$(id -u)" = 0 ] && [ -z "${CHORUS_IN_NETNS:-}" ] && command -v unshare >/dev/null; then
  exec env CHORUS_IN_NETNS=1 unshare -n -- "$0" "$jar"
fi
if [ -n "${CHORUS_IN_NETNS:-}" ]; then
  ip link set lo up
fi

port="${CHORUS_PORT:-8080}"
base="http://127.0.0.1:$port"
logs="$client/target/e2e-launcher"
mkdir -p "$logs"

# shellcheck disable=SC2086
"${JAVA:-java}" -jar "$jar" --server.port="$port" ${CHORUS_LAUNCHER_ARGS:-} >"$logs/launcher.log" 2>&1 &
launcher=$!
trap 'kill "$launcher" 2>/dev/null; wait "$launcher" 2>/dev/null || true' EXIT

deadline=$((SECONDS + ${CHORUS_HEALTH_TIMEOUT:-180}))
until curl -fsS "$base/actuator/health" >/dev/null 2>&1 || curl -fsS "$base/" >/dev/null 2>&1; do
  if ! kill -0 "$launcher" 2>/dev/null; then
    echo "The launcher exited; see $logs/launcher.log" >&2
    tail -n 40 "$logs/launcher.log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "The launcher did not become healthy at $base; see $logs/launcher.log" >&2
    exit 1
  fi
  sleep 2
done
echo "Platform up at $base; running the browser suite"

cd "$client"
CHORUS_BASE_URL="$base" npm run --silent e2e
