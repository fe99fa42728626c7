#!/usr/bin/env bash
# What the per-user budgets cost on the hot paths: bench/budgets.sh
#
# The current build twice on one Redis, side by side in alternating rounds with the loads of bench/run.sh (posts to
# 1,000 conversations and to one, the newest page of 1,000 messages): once with every rate limit off (as the other
# benchmarks run it), once with the post and read budgets on but too large to refuse anything, so every request pays
# its bucket (one take_token.lua call) and nothing else changes. Writes bench/results/budgets.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
results_in budgets
trap stop_all EXIT

ensure_tools
./mvnw -q -B -DskipTests package
SVC_JAR=$(ls target/chat-sequencer-*.jar | head -1)
start_redis $REDIS_PORT
SCRIPT_SHA=$(redis-cli -p $REDIS_PORT SCRIPT LOAD "$(script_text post_message.lua)")
evalsha_bench $REDIS_PORT bench-page-1k 1000 8 1 > /dev/null
# "before" is the slot of the build without budgets (as start_service runs every benchmark); "service" pays them
start_service "$JAVA17_HOME" before "$SVC_JAR"
start_app service "$JAVA17_HOME" "$SVC_JAR" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT \
    --chat.stream.max-per-client="$STREAMS" --chat.stream.max-per-instance="$STREAMS" --chat.security.mode=none \
    --chat.web.max-connections-per-client=0 --chat.rate-limit.posts.capacity=1000000000 \
    --chat.rate-limit.posts.refill-per-second=1000000000 --chat.rate-limit.reads.capacity=1000000000 \
    --chat.rate-limit.reads.refill-per-second=1000000000
for app in before service; do log "warming up $app"; warm "$app"; done
rounds before service

{
    echo "# What the per-user budgets cost, side by side ($(git rev-parse --short HEAD))"
    echo
    echo "Made by \`bench/budgets.sh\` on $(date -u +%Y-%m-%d) (UTC), $ROUNDS alternating rounds of ${SECONDS_EACH} s per"
    echo "app and load; ratios per round, lowest-highest. CPU is per request, from /proc of each JVM."
    echo
    echo "| work | throughput, budgets on / off | CPU per request, on / off |"
    echo "|---|---|---|"
    for load in post_many post_hot get_page; do
        case $load in post_many) label="POST, 1,000 conversations";; post_hot) label="POST, one hot conversation";; get_page) label="GET newest 50 of 1,000";; esac
        echo "| $label | $(ratios $load service before 1) | $(ratios $load service before 4) |"
    done
} > bench/results/budgets.md
cat bench/results/budgets.md
