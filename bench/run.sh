#!/usr/bin/env bash
# The chat-sequencer benchmark, one command: bench/run.sh
#
# Starts its own Redis, the service, the ceiling apps (bench/ceiling, bare and observed) and the PostgreSQL baseline
# (bench/postgres) on this machine, measures them side by side in one run, and writes bench/RESULTS.md,
# bench/results.png and the raw outputs under bench/results/.
# Settings (environment): BENCH_SECONDS (15) per measurement, ROUNDS (2) of alternating measurements,
# WARMUP_SECONDS (45) per load of JIT warm-up per JVM, STREAMS (5000) idle live streams, JAVA17_HOME / JAVA25_HOME
# (the JDKs compared), PGHOST/PGPORT/PGUSER (a PostgreSQL to compare with: 127.0.0.1, 5432, postgres; its rows are
# left out, saying so, when none answers there).
# Needs root once to install wrk, gnuplot and redis-server from Debian packages if they are missing; downloads
# async-profiler from Maven Central once for the profile.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/results
WORK=$(mktemp -d /tmp/chat-bench.XXXXXX)
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
ASYNC_PROFILER_VERSION=4.2
mkdir -p "$OUT"
source bench/lib.sh
# this run's figures replace the last run's; the attack harness's results (attacks-*.txt) are not this script's
find "$OUT" -maxdepth 1 \( -name '*.txt' -o -name '*.wrk' -o -name '*.collapsed' \) ! -name 'attacks-*' -delete
ulimit -n 65536 2>/dev/null || true


cleanup() {
    stop_apps
    redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
    redis-cli -p $((REDIS_PORT + 1)) shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------------------------------------------
ensure_tools gnuplot:gnuplot-nox unzip:unzip
[ -x "$JAVA25_HOME/bin/java" ] || { log "no JDK 25 at $JAVA25_HOME (set JAVA25_HOME)"; exit 1; }

PROFILER_LIB=$ROOT/bench/.tools/async-profiler-$ASYNC_PROFILER_VERSION/libasyncProfiler.so
if [ ! -f "$PROFILER_LIB" ]; then
    log "downloading async-profiler $ASYNC_PROFILER_VERSION from Maven Central"
    mkdir -p "$(dirname "$PROFILER_LIB")"
    curl -sfL -o "$WORK/ap.jar" "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar"
    unzip -p "$WORK/ap.jar" linux-x64/libasyncProfiler.so > "$PROFILER_LIB"
fi
if pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then POSTGRES=yes; else POSTGRES=no; fi

log "building the service, the ceiling apps and the PostgreSQL baseline"
./mvnw -q -B -DskipTests package
./mvnw -q -B -f bench/ceiling/pom.xml -DskipTests package
./mvnw -q -B -f bench/ceiling/pom.xml -Pobserved -DskipTests package
./mvnw -q -B -f bench/postgres/pom.xml -DskipTests package
SVC_JAR=$(ls target/chat-sequencer-*.jar | head -1)
CEILING_JAR=$(ls bench/ceiling/target/ceiling-*.jar | head -1)
OBSERVED_JAR=bench/ceiling/target/observed/ceiling-observed.jar
POSTGRES_JAR=$(ls bench/postgres/target/postgres-baseline-*.jar | head -1)

# --- helpers (the shared ones are in bench/lib.sh) ----------------------------------------------------------
start_postgres_baseline() { # java_home: a fresh database, the schema, and a conversation of 1,000 messages to page
    psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c 'DROP DATABASE IF EXISTS chat_bench' \
        -c 'CREATE DATABASE chat_bench' > /dev/null
    start_app postgres "$1" "$POSTGRES_JAR" \
        --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/chat_bench" --spring.datasource.username="$PGUSER"
    psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d chat_bench > /dev/null <<SQL
INSERT INTO conversations VALUES ('bench-page-1k', 1000);
INSERT INTO messages SELECT 'bench-page-1k', n, 'alice', '$MESSAGE_BODY', NULL, now() FROM generate_series(1, 1000) n;
VACUUM ANALYZE;
SQL
}

# --- 1. POST and GET on JDK 17: the service beside its ceilings and the PostgreSQL baseline ------------------------
log "JDK 17: $("$JAVA17_HOME/bin/java" -version 2>&1 | head -1); JDK 25: $("$JAVA25_HOME/bin/java" -version 2>&1 | head -1)"
start_redis $REDIS_PORT
SCRIPT_SHA=$(redis-cli -p $REDIS_PORT SCRIPT LOAD "$(script_text post_message.lua)")
evalsha_bench $REDIS_PORT bench-page-1k 1000 8 1 > /dev/null
start_service "$JAVA17_HOME"
start_ceilings "$JAVA17_HOME"
for app in service ceiling observed; do log "warming up $app"; warm "$app"; done

rounds service ceiling observed

# PostgreSQL on its own phase: its checkpoints and autovacuum after a load would otherwise tax whatever runs next.
# The service is measured again beside it, so this comparison too is side by side.
APPS=(service ceiling observed)
if [ "$POSTGRES" = yes ]; then
    start_postgres_baseline "$JAVA17_HOME"
    log "warming up postgres"
    warm postgres
    (
        # the service's rounds beside PostgreSQL are kept apart from those beside the ceilings
        OUT=$OUT/postgres
        mkdir -p "$OUT"
        find "$OUT" -maxdepth 1 \( -name '*.txt' -o -name '*.wrk' \) -delete
        rounds service postgres
    )
    APPS+=(postgres)
else
    log "no PostgreSQL at $PGHOST:$PGPORT: the baseline's rows are left out"
fi
echo "${APPS[*]}" > "$OUT/apps.txt"
echo "$ROUNDS" > "$OUT/rounds.txt"
log "redis-benchmark: post script by EVALSHA, 32 clients, one hot conversation"
evalsha_bench $REDIS_PORT bench-rb 200000 32 600000 | tee "$OUT/evalsha.raw"
awk '{for (i = 1; i <= NF; i++) if ($(i + 1) == "requests") printf "%.0f\n", $i}' "$OUT/evalsha.raw" | head -1 \
    > "$OUT/evalsha.txt"

# --- 2. Where the CPU goes: async-profiler on the service and the observed ceiling, the same loads -----------------
profile() { # name app target [script]
    local pid=${PID[$2]}
    "$JAVA17_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$PROFILER_LIB" '"start,event=itimer,interval=1ms"' > /dev/null
    wrk_run "$1" "${PORT[$2]}" "$3" "${4:-}" "$pid"
    "$JAVA17_HOME/bin/jcmd" "$pid" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$OUT/$1.collapsed,collapsed\"" > /dev/null
}
log "profiling the service and the observed ceiling"
profile profile_post_service service / post_many.lua
profile profile_post_observed observed / post_many.lua
profile profile_get_service service "$PAGE"
profile profile_get_observed observed "$PAGE"

# --- 3. GET newest page: 1,000 vs 1,000,000 messages --------------------------------------------------------------
log "filling a conversation of 1,000,000 messages"
evalsha_bench $REDIS_PORT bench-page-1m 1000000 50 1 > /dev/null
log "sizes: $(redis-cli -p $REDIS_PORT ZCARD 'chat:{bench-page-1k}:messages') and $(redis-cli -p $REDIS_PORT ZCARD 'chat:{bench-page-1m}:messages')"
wrk_run get_1k $SVC_PORT "$PAGE"
wrk_run get_1m $SVC_PORT "/v1/conversations/bench-page-1m/messages?limit=50"
wrk_run get_1k_again $SVC_PORT "$PAGE"
wrk_run get_1m_again $SVC_PORT "/v1/conversations/bench-page-1m/messages?limit=50"

# --- 4. Redis memory per stored message ---------------------------------------------------------------------------
log "memory per message"
MEM_PORT=$((REDIS_PORT + 1))
start_redis $MEM_PORT
redis-cli -p $MEM_PORT SCRIPT LOAD "$(script_text post_message.lua)" > /dev/null
used() { redis-cli -p $MEM_PORT INFO memory | awk -F: '/^used_memory:/ {print $2 + 0}'; }
base=$(used)
evalsha_bench $MEM_PORT bench-mem 200000 16 1 > /dev/null
until [ "$(redis-cli -p $MEM_PORT DBSIZE)" -le 5 ]; do sleep 0.5; done
timeline=$(used)
evalsha_bench $MEM_PORT bench-mem-idem 50000 16 600000 > /dev/null
with_idem=$(used)
stored=$(redis-cli -p $MEM_PORT ZCARD 'chat:{bench-mem}:messages')
stored_idem=$(redis-cli -p $MEM_PORT ZCARD 'chat:{bench-mem-idem}:messages')
member=$(redis-cli -p $MEM_PORT ZRANGE 'chat:{bench-mem}:messages' 0 0)
member_bytes=$(printf '%s' "$member" | wc -c)
api_bytes=$(printf '{"conversationId":"bench-mem",%s' "${member#\{}" | wc -c)
per_message=$(( (timeline - base) / stored ))
per_post_idem=$(( (with_idem - timeline) / stored_idem ))
encoding=$(redis-cli -p $MEM_PORT OBJECT ENCODING 'chat:{bench-mem}:messages')
echo "$per_message $member_bytes $api_bytes $per_post_idem $stored $encoding" > "$OUT/memory.txt"
redis-cli -p $MEM_PORT MEMORY STATS > "$OUT/memory-stats.raw"
log "memory: $per_message B/message (stored JSON $member_bytes B, API JSON $api_bytes B), $per_post_idem B/post with a 10-min retry record, $encoding"

# --- 5. Idle live streams and fan-out latency ---------------------------------------------------------------------
heap_used_mb() { # pid: heap after a full collection
    "$JAVA17_HOME/bin/jcmd" "$1" GC.run > /dev/null
    "$JAVA17_HOME/bin/jcmd" "$1" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%.1f", v / 1024}}'
}
log "live streams: $STREAMS idle streams on one instance"
SVC_PID=${PID[service]}
heap_before=$(heap_used_mb "$SVC_PID")
rm -f "$WORK/go"
"$JAVA25_HOME/bin/java" bench/StreamLoad.java 127.0.0.1 $SVC_PORT "$STREAMS" 2000 "$WORK/go" > "$OUT/streams.raw" 2>&1 &
LOAD_PID=$!
until grep -q READY "$OUT/streams.raw" 2>/dev/null; do
    kill -0 $LOAD_PID 2>/dev/null || { log "stream load died"; cat "$OUT/streams.raw"; exit 1; }
    sleep 1
done
active=$(curl -s "http://127.0.0.1:$SVC_PORT/actuator/prometheus" | awk '/^chat_streams_active/ {printf "%.0f", $2}')
heap_streams=$(heap_used_mb "$SVC_PID")
threads=$(ls /proc/$SVC_PID/task | wc -l)
touch "$WORK/go"
wait $LOAD_PID
log "stream load: $(grep READY "$OUT/streams.raw")"
fanout=$(grep FANOUT "$OUT/streams.raw")
echo "$active $heap_before $heap_streams $threads $fanout" > "$OUT/streams.txt"
log "streams: $active open, heap $heap_before -> $heap_streams MB, $threads threads; $fanout"

cp "$OUT/service.log" "$OUT/service-jdk17.log"
stop_apps

# --- 6. JDK 25 (virtual threads) for the same loads, beside the ceiling on the same JDK -----------------------------
log "JDK 25: the same loads on virtual threads"
start_service "$JAVA25_HOME"
start_app ceiling "$JAVA25_HOME" "$CEILING_JAR" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT
for app in service ceiling; do log "warming up $app on JDK 25"; warm "$app"; done
for app in service ceiling; do wrk_run "post_many_${app}_jdk25" "${PORT[$app]}" / post_many.lua "${PID[$app]}"; done
for app in service ceiling; do wrk_run "get_page_${app}_jdk25" "${PORT[$app]}" "$PAGE" "" "${PID[$app]}"; done

# --- report -------------------------------------------------------------------------------------------------------
bash bench/report.sh "$OUT" "$SECONDS_EACH" "$WARMUP"
log "done: bench/RESULTS.md, bench/results.png"
