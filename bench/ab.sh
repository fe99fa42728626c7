#!/usr/bin/env bash
# Before and after, side by side: bench/ab.sh GIT_REF
#
# Builds the service at GIT_REF (in a temporary worktree) and the current checkout, and measures both beside the
# ceiling app in alternating rounds, with the loads and settings of bench/run.sh (posts to 1,000 conversations and to
# one, the newest page of 1,000 messages). Writes bench/results/ab-<ref>.md. Settings as bench/run.sh; installs wrk
# and redis-server from Debian packages if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REF=${1:?usage: bench/ab.sh GIT_REF}
source bench/lib.sh
results_in ab

trap stop_all EXIT

ensure_tools
build_both "$REF"
log "building the ceiling"
./mvnw -q -B -f bench/ceiling/pom.xml -DskipTests package
CEILING_JAR=$(ls bench/ceiling/target/ceiling-*.jar | head -1)

start_redis $REDIS_PORT
SCRIPT_SHA=$(redis-cli -p $REDIS_PORT SCRIPT LOAD "$(script_text post_message.lua)")
evalsha_bench $REDIS_PORT bench-page-1k 1000 8 1 > /dev/null
start_service "$JAVA17_HOME"
start_service "$JAVA17_HOME" before "$BEFORE_JAR"
start_app ceiling "$JAVA17_HOME" "$CEILING_JAR" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT
for app in before service ceiling; do log "warming up $app"; warm "$app"; done
rounds before service ceiling

{
    echo "# Before ($BEFORE) and after ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with uncommitted changes')), side by side"
    echo
    echo "Made by \`bench/ab.sh $REF\` on $(date -u +%Y-%m-%d) (UTC), $ROUNDS alternating rounds of ${SECONDS_EACH} s per app"
    echo "and load; ratios per round, lowest-highest. CPU is per request, from /proc of each JVM."
    echo
    echo "| work | before / ceiling | after / ceiling | after / before | CPU before / ceiling | CPU after / ceiling |"
    echo "|---|---|---|---|---|---|"
    for load in post_many post_hot get_page; do
        case $load in post_many) label="POST, 1,000 conversations";; post_hot) label="POST, one hot conversation";; get_page) label="GET newest 50 of 1,000";; esac
        echo "| $label | $(ratios $load before ceiling 1) | $(ratios $load service ceiling 1) | $(ratios $load service before 1) | $(ratios $load before ceiling 4) | $(ratios $load service ceiling 4) |"
    done
} > "bench/results/ab-$BEFORE.md"
cat "bench/results/ab-$BEFORE.md"
