#!/usr/bin/env bash
# Runs bench/attacks/attacks.py against a freshly started jar on its own embedded Redis, and prints the table.
# Usage: bench/attacks.sh [jar] [java-home]   (defaults: the jar ./mvnw package builds, the default java)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-}
java=${2:+$2/bin/}java
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests package
  jar=$(ls target/chat-sequencer-*.jar | head -1)
fi
port=18099
log=$(mktemp)
"$java" -Xms512m -Xmx2g -jar "$jar" --server.port=$port --chat.redis.embedded.data-dir= >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "localhost:$port/actuator/health/liveness" 2>/dev/null && break
  sleep 1
done
echo "# $("$java" -version 2>&1 | head -1), $jar"
python3 bench/attacks/attacks.py $port $pid "${@:3}"
