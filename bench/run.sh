#!/usr/bin/env bash
# The chat-sequencer benchmark, one command: bench/run.sh
#
# Starts its own Redis and the service (and the ceiling app) on this machine, measures side by side in one run,
# and writes bench/RESULTS.md, bench/results.png and the raw outputs under bench/results/.
# Settings (environment): BENCH_SECONDS (15) per measurement, WARMUP_SECONDS (60) of JIT warm-up per JVM,
# STREAMS (5000) idle live streams, JAVA17_HOME / JAVA25_HOME (the JDKs compared).
# Needs root once to install wrk, gnuplot and redis-server from Debian packages if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/results
WORK=$(mktemp -d /tmp/chat-bench.XXXXXX)
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${WARMUP_SECONDS:-60}
STREAMS=${STREAMS:-5000}
JAVA17_HOME=${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVM_OPTS="-Xms1g -Xmx1g"
REDIS_PORT=6490
SVC_PORT=18080
CEILING_PORT=18081
mkdir -p "$OUT"
# this run's figures replace the last run's; the attack harness's results (attacks-*.txt) are not this script's
find "$OUT" -maxdepth 1 -name '*.txt' ! -name 'attacks-*' -delete
ulimit -n 65536 2>/dev/null || true

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" | tee -a "$OUT/run.log" >&2; }

cleanup() {
    [ -n "${SVC_PID:-}" ] && kill "$SVC_PID" 2>/dev/null || true
    [ -n "${CEILING_PID:-}" ] && kill "$CEILING_PID" 2>/dev/null || true
    redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
    redis-cli -p $((REDIS_PORT + 1)) shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
command -v redis-benchmark >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ -x "$JAVA25_HOME/bin/java" ] || { log "no JDK 25 at $JAVA25_HOME (set JAVA25_HOME)"; exit 1; }

log "building the service and the ceiling app"
./mvnw -q -B -DskipTests package
./mvnw -q -B -f bench/ceiling/pom.xml -DskipTests package
SVC_JAR=$(ls target/chat-sequencer-*.jar | head -1)
CEILING_JAR=$(ls bench/ceiling/target/ceiling-*.jar | head -1)

# --- helpers ----------------------------------------------------------------------------------------------------
start_redis() { # port
    redis-server --port "$1" --save "" --appendonly no --maxmemory-policy noeviction --daemonize yes \
        --dir "$WORK" --logfile "$WORK/redis-$1.log"
    until redis-cli -p "$1" ping >/dev/null 2>&1; do sleep 0.1; done
}

wait_http() { # port
    for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done
    log "nothing answers on :$1"; return 1
}

start_service() { # java_home
    # the stream load opens all its streams from one address: lift the per-client and per-instance stream limits;
    # no authentication and no posting rate limit, so the figures are of sequencing itself; no per-client
    # connection cap either, since every load here comes from one address
    "$1/bin/java" $JVM_OPTS -jar "$SVC_JAR" --server.port=$SVC_PORT --spring.data.redis.host=127.0.0.1 \
        --spring.data.redis.port=$REDIS_PORT --chat.stream.max-per-client="$STREAMS" \
        --chat.security.mode=none --chat.rate-limit.posts.refill-per-second=0 --chat.web.max-connections-per-client=0 \
        --chat.stream.max-per-instance="$STREAMS" > "$OUT/service.log" 2>&1 &
    SVC_PID=$!
    wait_http $SVC_PORT
}

start_ceiling() { # java_home
    "$1/bin/java" $JVM_OPTS -jar "$CEILING_JAR" --server.port=$CEILING_PORT --spring.data.redis.host=127.0.0.1 \
        --spring.data.redis.port=$REDIS_PORT > "$OUT/ceiling.log" 2>&1 &
    CEILING_PID=$!
    wait_http $CEILING_PORT
}

to_ms() { # wrk duration (850.00us, 3.49ms, 1.02s) -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# wrk NAME PORT TARGET [SCRIPT]: 2 threads, 32 connections; records "rps p50 p99 errors" in $OUT/NAME.txt
wrk_run() {
    local name=$1 port=$2 target=$3 script=${4:-}
    local args=(-t2 -c32 -d"${SECONDS_EACH}s" --latency)
    [ -n "$script" ] && args+=(-s "bench/wrk/$script")
    wrk "${args[@]}" "http://127.0.0.1:$port$target" > "$OUT/$name.wrk"
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/$name.wrk")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$OUT/$name.wrk")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$OUT/$name.wrk")")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$OUT/$name.wrk" | tr '\n' ' ')
    echo "$rps $p50 $p99" > "$OUT/$name.txt"
    log "$name: $rps req/s, p50 $p50 ms, p99 $p99 ms ${errors}"
}

val() { awk -v f="$2" '{print $f}' "$OUT/$1.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

warm() { # port: JIT warm-up with the same mix the measurements use
    wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/post_many.lua "http://127.0.0.1:$1" > /dev/null
    wrk -t2 -c32 -d10s -s bench/wrk/post_hot.lua "http://127.0.0.1:$1" > /dev/null
}

start_pair() { # java_home: the service and the ceiling on the same JDK, both warmed up
    start_service "$1"
    start_ceiling "$1"
    log "warming up both JVMs (${WARMUP}s each)"
    warm $SVC_PORT
    warm $CEILING_PORT
}

# The member post_message.lua stores is ARGV[1] .. seq .. ARGV[2], as MessageCodec writes them
MESSAGE_HEAD='{"seq":'
MESSAGE_TAIL=',"senderId":"alice","body":"The quick brown fox jumps over the lazy dog while the sequencer keeps every message in order.","clientMessageId":null,"sentAt":"2026-11-28T13:23:09.176Z"}'

# redis-benchmark running the product's post script by EVALSHA into one conversation
evalsha_bench() { # port conversation requests clients idem_ttl_ms
    local c=$2
    redis-benchmark -p "$1" -c "$4" -n "$3" -r 1000000000 -q EVALSHA "$SCRIPT_SHA" 5 \
        "chat:{$c}:seq" "chat:{$c}:messages" "chat:{$c}:idem:s:__rand_int__" "chat:{$c}:participants" \
        "chat:{$c}:read" "$MESSAGE_HEAD" "$MESSAGE_TAIL" "$5" alice "chat:{$c}:events" 2>/dev/null | tr '\r' '\n' | grep 'requests per second' | tail -1
}

# --- 1. POST and GET on JDK 17: the service beside its ceilings -------------------------------------------------
log "JDK 17: $("$JAVA17_HOME/bin/java" -version 2>&1 | head -1); JDK 25: $("$JAVA25_HOME/bin/java" -version 2>&1 | head -1)"
start_redis $REDIS_PORT
SCRIPT_SHA=$(redis-cli -p $REDIS_PORT SCRIPT LOAD "$(cat src/main/resources/scripts/post_message.lua)")
start_pair "$JAVA17_HOME"

# interleaved, so both see the same machine
wrk_run post_many_service $SVC_PORT / post_many.lua
wrk_run post_many_ceiling $CEILING_PORT / post_many.lua
wrk_run post_hot_service $SVC_PORT / post_hot.lua
wrk_run post_hot_ceiling $CEILING_PORT / post_hot.lua
log "redis-benchmark: post script by EVALSHA, 32 clients, one hot conversation"
evalsha_bench $REDIS_PORT bench-rb 200000 32 600000 | tee "$OUT/evalsha.raw"
awk '{for (i = 1; i <= NF; i++) if ($(i + 1) == "requests") printf "%.0f\n", $i}' "$OUT/evalsha.raw" | head -1 \
    > "$OUT/evalsha.txt"

# --- 2. GET newest page: 1,000 vs 1,000,000 messages --------------------------------------------------------------
log "filling conversations of 1,000 and 1,000,000 messages"
evalsha_bench $REDIS_PORT bench-page-1k 1000 8 1 > /dev/null
evalsha_bench $REDIS_PORT bench-page-1m 1000000 50 1 > /dev/null
log "sizes: $(redis-cli -p $REDIS_PORT ZCARD 'chat:{bench-page-1k}:messages') and $(redis-cli -p $REDIS_PORT ZCARD 'chat:{bench-page-1m}:messages')"
wrk -t2 -c32 -d30s "http://127.0.0.1:$SVC_PORT/v1/conversations/bench-page-1k/messages?limit=50" > /dev/null
wrk_run get_1k $SVC_PORT "/v1/conversations/bench-page-1k/messages?limit=50"
wrk_run get_1m $SVC_PORT "/v1/conversations/bench-page-1m/messages?limit=50"
wrk_run get_1k_again $SVC_PORT "/v1/conversations/bench-page-1k/messages?limit=50"
wrk_run get_1m_again $SVC_PORT "/v1/conversations/bench-page-1m/messages?limit=50"

# --- 3. Redis memory per stored message ---------------------------------------------------------------------------
log "memory per message"
MEM_PORT=$((REDIS_PORT + 1))
start_redis $MEM_PORT
redis-cli -p $MEM_PORT SCRIPT LOAD "$(cat src/main/resources/scripts/post_message.lua)" > /dev/null
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

# --- 4. Idle live streams and fan-out latency ---------------------------------------------------------------------
heap_used_mb() { # pid: heap after a full collection
    "$JAVA17_HOME/bin/jcmd" "$1" GC.run > /dev/null
    "$JAVA17_HOME/bin/jcmd" "$1" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%.1f", v / 1024}}'
}
log "live streams: $STREAMS idle streams on one instance"
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
fanout=$(grep FANOUT "$OUT/streams.raw")
echo "$active $heap_before $heap_streams $threads $fanout" > "$OUT/streams.txt"
log "streams: $active open, heap $heap_before -> $heap_streams MB, $threads threads; $fanout"

kill "$SVC_PID" "$CEILING_PID"; wait "$SVC_PID" "$CEILING_PID" 2>/dev/null || true

# --- 5. JDK 25 (virtual threads) for the same load ----------------------------------------------------------------
log "JDK 25: the same POST load on virtual threads"
start_pair "$JAVA25_HOME"
wrk_run post_many_service_jdk25 $SVC_PORT / post_many.lua
wrk_run post_many_ceiling_jdk25 $CEILING_PORT / post_many.lua
wrk -t2 -c32 -d30s "http://127.0.0.1:$SVC_PORT/v1/conversations/bench-page-1k/messages?limit=50" > /dev/null
wrk_run get_1k_jdk25 $SVC_PORT "/v1/conversations/bench-page-1k/messages?limit=50"

# --- 6. Profile of the POST hot path (JFR) ------------------------------------------------------------------------
log "profiling POST with JFR"
"$JAVA25_HOME/bin/jcmd" "$SVC_PID" JFR.start name=bench settings=profile > /dev/null
wrk -t2 -c32 -d"${SECONDS_EACH}s" -s bench/wrk/post_many.lua "http://127.0.0.1:$SVC_PORT" > /dev/null
"$JAVA25_HOME/bin/jcmd" "$SVC_PID" JFR.dump name=bench filename="$WORK/post.jfr" > /dev/null
"$JAVA25_HOME/bin/jfr" view --width 160 hot-methods "$WORK/post.jfr" > "$OUT/hot-methods.txt" 2>&1 || true

# --- report -------------------------------------------------------------------------------------------------------
bash bench/report.sh "$OUT" "$SECONDS_EACH" "$WARMUP"
log "done: bench/RESULTS.md, bench/results.png"
