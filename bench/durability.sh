#!/usr/bin/env bash
# What acknowledging only replicated posts costs: POST throughput and latency of the service with
# chat.durability.replicas=1 against replicas=0, side by side on one master with one replica, in alternating rounds.
# Usage: bench/durability.sh [jar] [rounds] [seconds-each]   (needs wrk and redis-server; prints a table)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-}
rounds=${2:-3}
seconds=${3:-15}
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests package
  jar=$(ls target/chat-sequencer-*.jar | head -1)
fi
work=$(mktemp -d)
master=18401 replica=18402 plain=18411 durable=18412
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p $master shutdown nosave >/dev/null 2>&1 || true
  redis-cli -p $replica shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
redis-server --port $master --save "" --appendonly no --min-replicas-to-write 1 --daemonize yes \
  --dir "$work" --logfile "$work/master.log"
redis-server --port $replica --save "" --appendonly no --replicaof 127.0.0.1 $master --daemonize yes \
  --dir "$work" --logfile "$work/replica.log"
until [ "$(redis-cli -p $master info replication | grep -c 'state=online')" = 1 ]; do sleep 0.2; done
for setting in "$plain 0" "$durable 1"; do
  set -- $setting
  java -Xms1g -Xmx1g -jar "$jar" --server.port=$1 --spring.data.redis.port=$master --chat.security.mode=none \
    --chat.rate-limit.posts.refill-per-second=0 --chat.durability.replicas=$2 > "$work/service-$1.log" 2>&1 &
  pids+=($!)
done
for port in $plain $durable; do
  until curl -fsS -o /dev/null "localhost:$port/actuator/health/readiness" 2>/dev/null; do sleep 0.5; done
  wrk -t2 -c32 -d10s -s bench/wrk/post_many.lua "http://127.0.0.1:$port" > /dev/null
done
echo "| round | replicas=0 req/s | p99 ms | replicas=1 req/s | p99 ms | ratio |"
echo "|---|---|---|---|---|---|"
for round in $(seq "$rounds"); do
  line="| $round"
  declare -A rps=()
  for port in $plain $durable; do
    out=$(wrk -t2 -c32 -d"${seconds}s" --latency -s bench/wrk/post_many.lua "http://127.0.0.1:$port")
    rps[$port]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    line="$line | ${rps[$port]} | $p99"
  done
  echo "$line | $(awk -v a="${rps[$durable]}" -v b="${rps[$plain]}" 'BEGIN { printf "%.2f", a / b }') |"
done
