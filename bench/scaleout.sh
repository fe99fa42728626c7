#!/usr/bin/env bash
# Doorbells with more instances, before and after: bench/scaleout.sh [GIT_REF]
#
# Builds the service at GIT_REF (default: the commit before per-conversation doorbell subscriptions, when every
# instance heard every post on one pattern subscription) and the current checkout. For each build and 1, 2 and 4
# instances on one Redis: every instance holds one live stream of a conversation of its own; posts to 1,000 other
# conversations go through the first instance for SECONDS_EACH (wrk, bench/run.sh's post load, after WARMUP_SECONDS
# of it unmeasured). Measured: posts/s, the JVM CPU the other instances spent meanwhile (their only work is
# doorbells), the bytes Redis sent per post (INFO stats, pub/sub delivery included) and, where the build counts
# them, the doorbells each instance heard.
# Writes bench/results/scaleout.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REF=${1:-500df9c}
source bench/lib.sh
results_in scaleout
cleanup() {
    for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
    stop_all
}
trap cleanup EXIT
ensure_tools
build_both "$REF"
declare -A JAR=([before]=$BEFORE_JAR [after]=$SVC_JAR)

net_out() { redis-cli -p $REDIS_PORT INFO stats | awk -F: '/^total_net_output_bytes:/ {print $2 + 0}'; }
echo "| build | instances | posts/s | CPU of the other instances, ms per 1,000 posts | Redis bytes out per post | doorbells heard per instance, per post |" > "$OUT/table.md"
echo "|---|---|---|---|---|---|" >> "$OUT/table.md"
for build in before after; do
    for n in 1 2 4; do
        start_redis $REDIS_PORT
        names=()
        for i in $(seq 1 "$n"); do
            PORT[i$i]=$((18090 + i))
            start_service "$JAVA17_HOME" "i$i" "${JAR[$build]}"
            names+=("i$i")
            curl -sN "http://127.0.0.1:${PORT[i$i]}/v1/conversations/follow-$i/stream" > /dev/null &
        done
        sleep 2
        # JIT warm-up of the posting instance, not measured
        wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/post_many.lua "http://127.0.0.1:${PORT[i1]}" > /dev/null
        declare -A ticks=()
        for i in $(seq 2 "$n"); do ticks[i$i]=$(cpu_ticks "${PID[i$i]}"); done
        bytes=$(net_out)
        wrk_run "post_${build}_$n" "${PORT[i1]}" "" post_many.lua "${PID[i1]}"
        bytes=$(( $(net_out) - bytes ))
        posts=$(awk '/requests in/ {print $1}' "$OUT/post_${build}_$n.wrk")
        other=0
        for i in $(seq 2 "$n"); do other=$((other + $(cpu_ticks "${PID[i$i]}") - ticks[i$i])); done
        cpu_ms=$(awk -v t="$other" -v p="$posts" -v n="$n" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { printf "%.1f", (n > 1 ? t * 1000 / hz / p * 1000 / (n - 1) : 0) }')
        heard=$(for i in $(seq 1 "$n"); do curl -s "http://127.0.0.1:${PORT[i$i]}/actuator/prometheus" \
            | awk '/^chat_stream_doorbells_total/ {print $2}'; done | awk -v p="$posts" -v n="$n" \
            '{ s += $1; c++ } END { if (c) printf "%.3f", s / n / p; else print "not counted" }')
        rps=$(val "post_${build}_$n" 1)
        echo "| $build ($([ $build = before ] && echo "$BEFORE" || git rev-parse --short HEAD)) | $n | $rps | $cpu_ms (each) | $((bytes / posts)) | $heard |" >> "$OUT/table.md"
        log "$build, $n instances: $rps posts/s, others $cpu_ms ms CPU per 1,000 posts each, $((bytes / posts)) B out per post, heard $heard"
        for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
        stop_apps
        redis-cli -p $REDIS_PORT shutdown nosave > /dev/null 2>&1 || true
    done
done
{
    echo "# Doorbells with more instances, before and after"
    echo
    echo "Made by \`bench/scaleout.sh $REF\` on $(date -u +%F) (UTC): one Redis, every instance holding one stream of a"
    echo "conversation of its own, posts to 1,000 other conversations through the first instance for ${SECONDS_EACH} s"
    echo "(wrk 2 threads, 32 connections, after ${WARMUP} s of warm-up). All on one 2-core machine, so the instances share"
    echo "it: posts/s falls with more instances because they share two cores, whatever they do."
    echo
    cat "$OUT/table.md"
} > "$ROOT/bench/results/scaleout.md"
log "wrote bench/results/scaleout.md"
