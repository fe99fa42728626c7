#!/usr/bin/env bash
# Runs bench/attacks/attacks.py against a freshly started jar on a redis-server of its own, and prints the table.
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
redis_port=18379
log=$(mktemp)
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$log.redis"
"$java" -Xms512m -Xmx2g -jar "$jar" --server.port=$port --spring.data.redis.port=$redis_port \
  --chat.security.mode=none >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; redis-cli -p $redis_port shutdown nosave >/dev/null 2>&1 || true' EXIT
for _ in $(seq 60); do
  curl -fsS -o /dev/null "localhost:$port/actuator/health/liveness" 2>/dev/null && break
  sleep 1
done
echo "# $("$java" -version 2>&1 | head -1), $jar"
python3 bench/attacks/attacks.py $port $pid "${@:3}"
