# Shared by the benchmarks (bench/run.sh, bench/ab.sh): settings, starting the apps, one measured wrk run, rounds.
# Sourced after `cd` to the repository root, with ROOT set by the caller; results_in sets OUT and WORK.
SECONDS_EACH=${BENCH_SECONDS:-15}
WARMUP=${WARMUP_SECONDS:-45}
ROUNDS=${ROUNDS:-2}
STREAMS=${STREAMS:-5000}
JAVA17_HOME=${JAVA17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVM_OPTS="-Xms1g -Xmx1g"
REDIS_PORT=6490
SVC_PORT=18080
CEILING_PORT=18081
OBSERVED_PORT=18083
POSTGRES_PORT=18082
BEFORE_PORT=18084

declare -A PID=()

# ensure_tools [command:package ...]: wrk, curl and redis-server (redis-benchmark, redis-cli) and whatever else is
# named, installed from Debian packages when missing (needs root once)
ensure_tools() {
    local missing=() pair
    for pair in wrk:wrk curl:curl redis-benchmark:redis-server "$@"; do
        command -v "${pair%%:*}" > /dev/null || missing+=("${pair##*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# results_in NAME: OUT is bench/results/NAME (its raw wrk files cleared), WORK a fresh temporary folder
results_in() {
    OUT=$ROOT/bench/results/$1
    WORK=$(mktemp -d "/tmp/chat-$1.XXXXXX")
    mkdir -p "$OUT"
    find "$OUT" -maxdepth 1 \( -name '*.txt' -o -name '*.wrk' \) -delete
}

# stop_all: the apps, the bench's Redis, the worktree of build_both and the temporary folder; for an EXIT trap
stop_all() {
    stop_apps
    redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
    git worktree remove --force "$WORK/before" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}

# build_both GIT_REF: the service at GIT_REF (built in a temporary worktree) and the current checkout; sets BEFORE
# (the short ref), BEFORE_JAR and SVC_JAR
build_both() {
    BEFORE=$(git rev-parse --short "$1")
    log "building the service at $BEFORE and the current checkout"
    git worktree add --detach -q "$WORK/before" "$BEFORE"
    (cd "$WORK/before" && ./mvnw -q -B -DskipTests package)
    ./mvnw -q -B -DskipTests package
    BEFORE_JAR=$(ls "$WORK"/before/target/chat-sequencer-*.jar | head -1)
    SVC_JAR=$(ls target/chat-sequencer-*.jar | head -1)
}

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" | tee -a "$OUT/run.log" >&2; }

start_redis() { # port
    redis-server --port "$1" --save "" --appendonly no --maxmemory-policy noeviction --daemonize yes \
        --dir "$WORK" --logfile "$WORK/redis-$1.log"
    until redis-cli -p "$1" ping >/dev/null 2>&1; do sleep 0.1; done
}

wait_http() { # port
    for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done
    log "nothing answers on :$1"; return 1
}

# The apps under load, by name: port, and pid once started
declare -A PORT=([service]=$SVC_PORT [ceiling]=$CEILING_PORT [observed]=$OBSERVED_PORT [postgres]=$POSTGRES_PORT
    [before]=$BEFORE_PORT)

start_app() { # name java_home jar [args...]
    local name=$1 java_home=$2 jar=$3
    shift 3
    "$java_home/bin/java" $JVM_OPTS -jar "$jar" --server.port="${PORT[$name]}" "$@" > "$OUT/$name.log" 2>&1 &
    PID[$name]=$!
    wait_http "${PORT[$name]}"
}

stop_apps() {
    for name in "${!PID[@]}"; do kill "${PID[$name]}" 2>/dev/null || true; wait "${PID[$name]}" 2>/dev/null || true; done
    PID=()
}

start_service() { # java_home [name] [jar] [args...]: the service as every bench runs it, with any further settings
    # the stream load opens all its streams from one address: lift the per-client and per-instance stream limits;
    # no authentication and no posting or reading rate limit, so the figures are of sequencing itself; no per-client
    # connection cap either, since every load here comes from one address
    start_app "${2:-service}" "$1" "${3:-$SVC_JAR}" --spring.data.redis.host=127.0.0.1 \
        --spring.data.redis.port=$REDIS_PORT --chat.stream.max-per-client="$STREAMS" \
        --chat.security.mode=none --chat.rate-limit.posts.refill-per-second=0 --chat.rate-limit.reads.refill-per-second=0 \
        --chat.web.max-connections-per-client=0 \
        --chat.stream.max-per-instance="$STREAMS" "${@:4}"
}

start_ceilings() { # java_home
    start_app ceiling "$1" "$CEILING_JAR" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT
    start_app observed "$1" "$OBSERVED_JAR" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT
}

to_ms() { # wrk duration (850.00us, 3.49ms, 1.02s) -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk NAME PORT TARGET [SCRIPT] [PID]: 2 threads, 32 connections; records "rps p50 p99 cpu_us_per_request" in
# $OUT/NAME.txt, the CPU (user and system) from /proc of the JVM under load
wrk_run() {
    local name=$1 port=$2 target=$3 script=${4:-} pid=${5:-}
    local args=(-t2 -c32 -d"${SECONDS_EACH}s" --latency)
    [ -n "$script" ] && args+=(-s "bench/wrk/$script")
    local before=0 after=0
    [ -n "$pid" ] && before=$(cpu_ticks "$pid")
    wrk "${args[@]}" "http://127.0.0.1:$port$target" > "$OUT/$name.wrk"
    [ -n "$pid" ] && after=$(cpu_ticks "$pid")
    local rps p50 p99 errors requests cpu
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/$name.wrk")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$OUT/$name.wrk")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$OUT/$name.wrk")")
    requests=$(awk '/requests in/ {print $1}' "$OUT/$name.wrk")
    cpu=$(awk -v a="$before" -v b="$after" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1000000 / hz / n : 0) }')
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$OUT/$name.wrk" | tr '\n' ' ')
    echo "$rps $p50 $p99 $cpu" > "$OUT/$name.txt"
    log "$name: $rps req/s, p50 $p50 ms, p99 $p99 ms, $cpu us CPU/request ${errors}"
}

val() { awk -v f="$2" '{print $f}' "$OUT/$1.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# ratios LOAD APP_A APP_B FIELD: A / B in each of the ROUNDS rounds, as "lowest-highest" (one value when they agree)
ratios() {
    for r in $(seq 1 "$ROUNDS"); do ratio "$(val "$1_$2_$r" "$4")" "$(val "$1_$3_$r" "$4")"; echo; done | sort -n |
        awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "-" hi) }'
}

PAGE=/v1/conversations/bench-page-1k/messages?limit=50

warm() { # name: JIT warm-up with the loads the measurements use (a page read takes about two minutes to settle)
    local url=http://127.0.0.1:${PORT[$1]}
    wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/post_many.lua "$url" > /dev/null
    wrk -t2 -c32 -d10s -s bench/wrk/post_hot.lua "$url" > /dev/null
    wrk -t2 -c32 -d"$((WARMUP * 2))s" "$url$PAGE" > /dev/null
}

# The member post_message.lua stores is ARGV[1] .. seq .. ARGV[2], as MessageCodec writes them
MESSAGE_HEAD='{"seq":'
MESSAGE_BODY='The quick brown fox jumps over the lazy dog while the sequencer keeps every message in order.'
MESSAGE_TAIL=',"senderId":"alice","body":"'$MESSAGE_BODY'","clientMessageId":null,"sentAt":"2026-11-28T13:23:09.176Z"}'

# script_text NAME: a Lua script of src/main/resources/scripts as the service loads it, with each `--- @include lib/x`
# line replaced by scripts/lib/x.lua (ScriptConfiguration does the same)
script_text() {
    awk '/^--- @include / { lib = "src/main/resources/scripts/" $3 ".lua"; while ((getline line < lib) > 0) print line
        close(lib); next } { print }' "src/main/resources/scripts/$1"
}

# redis-benchmark running the product's post script by EVALSHA into one conversation
evalsha_bench() { # port conversation requests clients idem_ttl_ms [retention policy, lib/timeline.lua: off]
    local c=$2 policy=${6:-0 0 1764336189176}
    redis-benchmark -p "$1" -c "$4" -n "$3" -r 1000000000 -q EVALSHA "$SCRIPT_SHA" 9 \
        "chat:{$c}:seq" "chat:{$c}:messages" "chat:{$c}:idem:s:__rand_int__" "chat:{$c}:participants" \
        "chat:{$c}:read" "chat:{$c}:activity" "chat:{$c}:ages" "chat:{$c}:uncounted" "chat:{$c}:changes" \
        "$MESSAGE_HEAD" "$MESSAGE_TAIL" "$5" alice "chat:{$c}:events" "" 1764336189176 "$policy" \
        2>/dev/null | tr '\r' '\n' | grep 'requests per second' | tail -1
}

# rounds() APP...: every load on every app in alternating rounds, each round starting with the next app, so that
# every app sees the same machine and none always runs first
rounds() {
    local apps=("$@") n=$# round i app
    for round in $(seq 1 "$ROUNDS"); do
        local order=()
        for i in $(seq 0 $((n - 1))); do order+=("${apps[$(((i + round - 1) % n))]}"); done
        for app in "${order[@]}"; do wrk_run "post_many_${app}_$round" "${PORT[$app]}" / post_many.lua "${PID[$app]}"; done
        for app in "${order[@]}"; do wrk_run "post_hot_${app}_$round" "${PORT[$app]}" / post_hot.lua "${PID[$app]}"; done
        for app in "${order[@]}"; do wrk_run "get_page_${app}_$round" "${PORT[$app]}" "$PAGE" "" "${PID[$app]}"; done
    done
}
