#!/usr/bin/env bash
# Starts the one-JVM launcher (every service, serving this app), waits until it is healthy, runs
# the browser suite against it and stops it. As root the whole run happens inside a private network
# namespace holding only loopback, so browsers, services and media never touch real interfaces.
#
#   web-client/e2e/run-against-launcher.sh [path/to/launcher.jar]
#
# Environment: CHORUS_PORT (default 8080), CHORUS_HEALTH_TIMEOUT seconds (default 180),
# JAVA (default java). The launcher gets a fresh data directory, listens on 127.0.0.1 only and is
# configured the way its README says, by CHORUS_LAUNCHER_* variables.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
client="$(dirname "$here")"
root="$(dirname "$client")"
jar="${1:-$root/launcher/target/chorus-launcher.jar}"
[ -f "$jar" ] || { echo "No launcher jar at $jar: build it (./mvnw -B -pl launcher -am package -DskipTests) or pass its path" >&2; exit 2; }

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
data="$(mktemp -d)"

CHORUS_LAUNCHER_HTTP_PORT="$port" CHORUS_LAUNCHER_BIND_ADDRESS=127.0.0.1 CHORUS_LAUNCHER_BRIDGE_ADDRESS=127.0.0.1 \
  CHORUS_LAUNCHER_DATA_DIR="$data" \
  "${JAVA:-java}" -jar "$jar" >"$logs/launcher.log" 2>&1 &
launcher=$!
# SIGTERM lets the launcher close its services and the embedded servers it started.
trap 'kill "$launcher" 2>/dev/null; wait "$launcher" 2>/dev/null || true; rm -rf "$data"' EXIT

deadline=$((SECONDS + ${CHORUS_HEALTH_TIMEOUT:-180}))
until curl -fsS "$base/launcher/health" >/dev/null 2>&1; do
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
