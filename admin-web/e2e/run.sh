#!/usr/bin/env bash
# Browser tests of the admin site against one real api: starts the Firebase Auth emulator, a fresh
# PostgreSQL database, a Redis key prefix and the api jar (demo profile, which seeds the demo staff
# accounts), runs every e2e/*.test.mjs with node's test runner in Debian's Chromium, then stops
# and removes everything it started. Exits non-zero when any test fails.
#
# Needs: api/target/carecircle-api.jar (built with this admin-web inside), PostgreSQL on
# 127.0.0.1:5432 (user postgres, trust auth), Redis on 127.0.0.1:6379, java, node, npm.
# Env: CARECIRCLE_API_JAR (default api/target/carecircle-api.jar), E2E_HEALTH_TIMEOUT (s, 300),
#      E2E_SITE=dist tests the site as last built here (target/classes/..., `npm run build`), served
#      by `vite preview` with /api proxied to the api, instead of the copy inside the api jar.
#      E2E_TESTS=e2e/elders.test.mjs runs only those test files (default e2e/*.test.mjs).
set -euo pipefail

started=$(date +%s)
e2e_dir=$(cd "$(dirname "$0")" && pwd)
web_dir=$(dirname "$e2e_dir")
root=$(dirname "$web_dir")
out="$web_dir/target/e2e"
jar=${CARECIRCLE_API_JAR:-"$root/api/target/carecircle-api.jar"}
health_timeout=${E2E_HEALTH_TIMEOUT:-300}

log() { echo "[e2e] $*"; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

rm -rf "$out"
mkdir -p "$out"

# --- Chromium (Debian's, never a downloaded build) and CJK fonts for the Chinese pages ---------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d "$web_dir/node_modules/playwright-core" ]; then
  (cd "$web_dir" && npm ci --no-audit --no-fund --prefer-offline)
fi

if [ ! -f "$jar" ]; then
  echo "[e2e] no api jar at $jar: build it first (./mvnw -B -pl api -am package -DskipTests)" >&2
  exit 1
fi

suffix="$(date +%s)_$$_${RANDOM}"
db="carecircle_e2e_${suffix}"
redis_prefix="e2e:${suffix}:"
emulator_pid=""
api_pid=""
preview_pid=""
db_created=""

cleanup() {
  local status=$?
  set +e
  if [ -n "$api_pid" ]; then
    kill -- -"$api_pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 -- -"$api_pid" 2>/dev/null
  fi
  [ -n "$preview_pid" ] && kill -- -"$preview_pid" 2>/dev/null
  rm -f "$out/carecircle-api.jar"
  [ -n "$emulator_pid" ] && kill -- -"$emulator_pid" 2>/dev/null
  if [ -n "$db_created" ]; then
    psql -h 127.0.0.1 -U postgres -qAtc "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 \
      || log "could not drop database $db"
  fi
  redis-cli --scan --pattern "${redis_prefix}*" | xargs -r redis-cli del >/dev/null 2>&1
  log "finished in $(($(date +%s) - started)) s (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Firebase Auth emulator -----------------------------------------------------------------
emulator_port=$(free_port)
log "Auth emulator on 127.0.0.1:$emulator_port"
# from $out, so that the emulator's firebase-debug.log lands there
emulator_pid=$(cd "$out" && AUTH_EMULATOR_PORT=$emulator_port AUTH_EMULATOR_LOG="$out/auth-emulator.log" \
  "$root/bin/auth-emulator")

# --- a fresh database -----------------------------------------------------------------------
psql -h 127.0.0.1 -U postgres -qAtc "create database \"$db\"" >/dev/null
db_created=1
log "database $db, Redis prefix $redis_prefix"

# --- the api, demo profile --------------------------------------------------------------------
api_port=$(free_port)
log "api on 127.0.0.1:$api_port ($jar)"
# a copy, so that a rebuild of the jar during the run cannot pull it from under the JVM
cp "$jar" "$out/carecircle-api.jar"
FIREBASE_AUTH_EMULATOR_HOST="127.0.0.1:$emulator_port" \
CARECIRCLE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
CARECIRCLE_DB_USER=postgres \
CARECIRCLE_REDIS_URL=redis://127.0.0.1:6379 \
CARECIRCLE_REDIS_PREFIX="$redis_prefix" \
  setsid java -jar "$out/carecircle-api.jar" --spring.profiles.active=demo --server.port="$api_port" \
  >"$out/api.log" 2>&1 </dev/null &
api_pid=$!

deadline=$(($(date +%s) + health_timeout))
until curl -sf "http://127.0.0.1:$api_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    echo "[e2e] the api exited before it was healthy; the end of its log:" >&2
    tail -n 60 "$out/api.log" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "[e2e] the api was not UP within ${health_timeout} s; the end of its log:" >&2
    tail -n 60 "$out/api.log" >&2
    exit 1
  fi
  sleep 1
done
log "api UP after $(($(date +%s) - started)) s"
site_url="http://127.0.0.1:$api_port"

if [ "${E2E_SITE:-jar}" = dist ]; then
  if [ ! -f "$web_dir/target/classes/META-INF/resources/admin/index.html" ]; then
    echo "[e2e] E2E_SITE=dist but the site is not built: cd admin-web && npm run build" >&2
    exit 1
  fi
  preview_port=$(free_port)
  CARECIRCLE_API_URL="http://127.0.0.1:$api_port" setsid "$web_dir/node_modules/.bin/vite" preview \
    "$web_dir" --host 127.0.0.1 --port "$preview_port" --strictPort >"$out/vite-preview.log" 2>&1 </dev/null &
  preview_pid=$!
  until curl -sf "http://127.0.0.1:$preview_port/admin/" >/dev/null 2>&1; do
    kill -0 "$preview_pid" 2>/dev/null || { cat "$out/vite-preview.log" >&2; exit 1; }
    sleep 0.5
  done
  site_url="http://127.0.0.1:$preview_port"
  log "site as built here, served by vite preview at $site_url/admin/"
fi

# --- the browser tests --------------------------------------------------------------------------
set +e
(
  cd "$web_dir"
  E2E_BASE_URL="$site_url" \
  E2E_AUTH_EMULATOR_URL="http://127.0.0.1:$emulator_port" \
  E2E_OUT="$out" \
  E2E_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db" \
    node --test --test-concurrency=1 --test-reporter=spec ${E2E_TESTS:-e2e/*.test.mjs}
)
tests_status=$?
set -e
if [ "$tests_status" -ne 0 ]; then
  echo "[e2e] browser tests failed; the end of the api log:" >&2
  tail -n 40 "$out/api.log" >&2
fi
log "screenshots in $out"
exit "$tests_status"
