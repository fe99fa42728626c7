#!/usr/bin/env bash
# Writes bench/RESULTS.md and bench/results.png from the raw figures bench/run.sh left in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/results}
source bench/lib.sh
SECONDS_EACH=${2:-$SECONDS_EACH}
WARMUP=${3:-$WARMUP}

ROUNDS=$(cat "$OUT/rounds.txt")
read -r -a APPS < "$OUT/apps.txt"
has_postgres() { [[ " ${APPS[*]} " == *" postgres "* ]]; }

verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=" ? v <= t : v >= t); print (ok ? "met" : "missed") }'; }
# avg LOAD APP FIELD: the mean over the rounds (fields: 1 req/s, 2 p50 ms, 3 p99 ms, 4 CPU us per request)
avg() {
    for r in $(seq 1 "$ROUNDS"); do val "$1_$2_$r" "$3"; done | awk '{ s += $1 } END { printf (s / NR >= 100 ? "%.0f" : "%.2f"), s / NR }'
}
# worst LOAD APP_A APP_B FIELD: the least favourable round's ratio for a target (lowest for throughput, else highest)
worst() {
    local list
    list=$(ratios "$1" "$2" "$3" "$4")
    if [ "$4" = 1 ]; then echo "${list%%-*}"; else echo "${list##*-}"; fi
}

evalsha=$(cat "$OUT/evalsha.txt")
get1k_p50=$(val get_1k 2); get1m_p50=$(val get_1m 2); get1k_p99=$(val get_1k 3); get1m_p99=$(val get_1m 3)
get1k2_p50=$(val get_1k_again 2); get1m2_p50=$(val get_1m_again 2)
read -r per_message member_bytes api_bytes per_post_idem stored encoding < "$OUT/memory.txt"
read -r active heap_before heap_streams threads fanout_rest < "$OUT/streams.txt"
fanout_p50=$(echo "$fanout_rest" | sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p')
fanout_p99=$(echo "$fanout_rest" | sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p')
delivered=$(echo "$fanout_rest" | sed -n 's/.*delivered=\([0-9]*\) of \([0-9]*\).*/\1 of \2/p')

r_get=$(ratio "$get1m_p50" "$get1k_p50"); r_get2=$(ratio "$get1m2_p50" "$get1k2_p50"); r_get99=$(ratio "$get1m_p99" "$get1k_p99")
r_mem=$(ratio "$per_message" "$api_bytes"); r_mem_stored=$(ratio "$per_message" "$member_bytes")
per_stream_kb=$(awk -v a="$heap_before" -v b="$heap_streams" -v n="$active" 'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1024 / n : 0) }')
cat > bench/RESULTS.md <<EOF
# Benchmark results

Produced by \`bench/run.sh\` on $(date -u +%Y-%m-%d) (UTC). Machine: $(nproc) cores
($(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo),
shared with other workloads: absolute figures move from run to run, so every comparison below is a ratio of two
figures measured side by side in the same run. Load: wrk, 2 threads, 32 connections, ${SECONDS_EACH} s per figure
after a JIT warm-up of every JVM with every load (${WARMUP} s of posts to many conversations, 10 s to one,
$((WARMUP * 2)) s of page reads); wrk, Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2), PostgreSQL and every JVM (\`-Xms1g -Xmx1g\`) share the same
2 cores. Redis runs without persistence here.

![Throughput and p99 latency](results.png)

## The service beside its ceilings (JDK 17)

Each figure is the mean of $ROUNDS rounds of ${SECONDS_EACH} s, the apps measured one after another in every round,
each round starting with the next app; ratios are per round (lowest-highest). CPU is the JVM's user and system time from \`/proc\` divided by the requests
served.

| work | service req/s | ceiling req/s | observed ceiling req/s | **service / ceiling** | service / observed | CPU µs per request: service, ceiling, observed | **CPU service / ceiling** | p99 ms: service, ceiling |
|---|---|---|---|---|---|---|---|---|
$(for load in post_many post_hot get_page; do
    case $load in post_many) label="POST, 1,000 conversations";; post_hot) label="POST, one hot conversation";; get_page) label="GET newest 50 of 1,000";; esac
    echo "| $label | $(avg $load service 1) | $(avg $load ceiling 1) | $(avg $load observed 1) | **$(ratios $load service ceiling 1)** | $(ratios $load service observed 1) | $(avg $load service 4), $(avg $load ceiling 4), $(avg $load observed 4) | **$(ratios $load service ceiling 4)** | $(avg $load service 3), $(avg $load ceiling 3) |"
done)

- **Ceiling** (\`bench/ceiling\`): Spring MVC on the same Boot version, JVM and server settings. Its POST parses
  the same JSON, does one Redis \`INCR\` and answers the same JSON; its GET does one \`ZREVRANGE 0 49\` of the
  service's own timeline key and writes the stored members out unparsed, with the conversation id spliced in,
  byte for byte the service's page.
- **Observed ceiling**: the same app built with \`-Pobserved\`: the service's actuator, Prometheus registry and
  HTTP server observation (SLO buckets included). Observed / bare ceiling, what the required metrics cost on their
  own: POST $(ratios post_many observed ceiling 1), GET $(ratios get_page observed ceiling 1) in throughput;
  CPU per request $(ratios post_many observed ceiling 4) and $(ratios get_page observed ceiling 4).
- redis-benchmark running the product's post script by EVALSHA, 32 clients, one hot conversation: $evalsha
  req/s, the most Redis itself does with the script on this machine.
- Targets (the least favourable round):
  - GET newest page at least 0.8 of the ceiling: **$(verdict "$(worst get_page service ceiling 1)" ">=" 0.8)**
    ($(worst get_page service ceiling 1); of the observed ceiling $(worst get_page service observed 1)).
  - POST at least 0.8 of the ceiling: **$(verdict "$(worst post_many service ceiling 1)" ">=" 0.8)**
    ($(worst post_many service ceiling 1); of the observed ceiling $(worst post_many service observed 1)).
  - CPU per request within 1.3x of the ceiling's: GET **$(verdict "$(worst get_page service ceiling 4)" "<=" 1.3)**
    ($(worst get_page service ceiling 4)), POST **$(verdict "$(worst post_many service ceiling 4)" "<=" 1.3)**
    ($(worst post_many service ceiling 4)).
  - p99 under 10 ms at 32 connections wherever the ceiling's is: the ceiling's own p99 was
    $(avg post_many ceiling 3) ms (POST) and $(avg get_page ceiling 3) ms (GET) in this run.

## The service beside PostgreSQL (JDK 17)

$(if has_postgres; then cat <<TABLE
What a team would build instead (\`bench/postgres\`): the same two operations as a Spring MVC app on PostgreSQL
$(psql -At -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -c 'show server_version' 2>/dev/null | cut -d' ' -f1) on the same machine, as it comes (\`synchronous_commit\` on, so a 201 means on disk; the service's Redis
here keeps nothing on disk and relies on replicas for durability, see \`bench/results/durability.md\`). A post is
one transaction: an upsert that increments \`conversations.last_seq\` \`RETURNING\` it (the row lock orders
concurrent posts) and an \`INSERT\` into \`messages\`; a page is one query on the primary key
\`(conversation_id, seq)\` joined to the counter. Pool of 32 connections, one per load connection. Measured in a
phase of its own after the ceilings (PostgreSQL's checkpoints and autovacuum after a load would tax whatever ran
next), with the service measured again beside it in alternating rounds.

| work | service req/s | PostgreSQL req/s | **service / PostgreSQL** | p50 ms: service, PostgreSQL | p99 ms: service, PostgreSQL | CPU µs per request in the app JVM: service, PostgreSQL |
|---|---|---|---|---|---|---|
$(OUT=$OUT/postgres; for load in post_many post_hot get_page; do
    case $load in post_many) label="POST, 1,000 conversations";; post_hot) label="POST, one hot conversation";; get_page) label="GET newest 50 of 1,000";; esac
    echo "| $label | $(avg $load service 1) | $(avg $load postgres 1) | **$(ratios $load service postgres 1)** | $(avg $load service 2), $(avg $load postgres 2) | $(avg $load service 3), $(avg $load postgres 3) | $(avg $load service 4), $(avg $load postgres 4) |"
done)

The PostgreSQL server's own CPU is not in the last column (it runs outside the JVM), as Redis's is not in the
service's.
TABLE
else echo "No PostgreSQL answered when this run was made, so its rows are left out (set PGHOST, PGPORT, PGUSER)."; fi)

## GET newest page (limit 50)

| conversation | req/s | p50 ms | p99 ms |
|---|---|---|---|
| 1,000 messages | $(val get_1k 1) | $get1k_p50 | $get1k_p99 |
| 1,000,000 messages | $(val get_1m 1) | $get1m_p50 | $get1m_p99 |
| 1,000 again | $(val get_1k_again 1) | $get1k2_p50 | $(val get_1k_again 3) |
| 1,000,000 again | $(val get_1m_again 1) | $get1m2_p50 | $(val get_1m_again 3) |

p50 ratio 1M / 1k: **$r_get** (second pair: $r_get2; p99: $r_get99). Target at most 1.3:
**$(verdict "$r_get" "<=" 1.3)**. A page read is a ZREVRANGEBYSCORE with LIMIT on a skiplist, O(log n + 50).

## Redis memory per stored message

| figure | value |
|---|---|
| messages stored in one conversation | $stored ($encoding) |
| used_memory per message (timeline and counter) | **$per_message B** |
| the message's JSON as the API returns it | $api_bytes B |
| the message's JSON as stored (no conversationId) | $member_bytes B |
| memory / API JSON | **$r_mem** (target at most 2: **$(verdict "$r_mem" "<=" 2)**) |
| memory / stored JSON | $r_mem_stored |
| per post while its 10-minute server retry record lives (message and record) | $per_post_idem B |

What dominates beyond the JSON itself: each sorted-set entry costs a skiplist node (score, forward pointers and
span levels) and a dict entry plus the SDS header of the member, roughly 60-80 B, whatever the message. What we
did about it: the stored member leaves out the conversation id (the key holds it) and fields are not repeated
elsewhere; the counter is one key per conversation. A retry record per post is the other cost; records of posts
without a clientMessageId live only 10 minutes (\`chat.idempotency.server-token-ttl\`), those with one 24 h.

## Live streams (one instance, JDK 17)

| figure | value |
|---|---|
| idle SSE streams held open | **$active** |
| heap after full GC, no streams | $heap_before MB |
| heap after full GC, with the streams | $heap_streams MB (about $per_stream_kb KB per stream) |
| JVM threads with the streams open | $threads |
| fan-out, post sent to event received (p50 / p99) | $fanout_p50 ms / **$fanout_p99 ms** ($delivered delivered) |

Streams are asynchronous requests: an idle stream holds no thread, only its emitter and its Tomcat connection; the
instance has one pattern subscription for all conversations. Heap stays within the fixed 1 GiB bound; most of the
per-stream heap is Tomcat's per-connection buffers (request and response byte and char buffers, about 8 KiB each),
which an asynchronous request keeps for its whole life.

## JDK 17 vs JDK 25 (virtual threads), the same loads beside the ceiling on the same JDK

| JDK | work | service req/s | p99 ms | ceiling req/s | ceiling p99 ms | service / ceiling |
|---|---|---|---|---|---|---|
| 17 (platform threads) | POST, 1,000 conversations | $(avg post_many service 1) | $(avg post_many service 3) | $(avg post_many ceiling 1) | $(avg post_many ceiling 3) | $(ratios post_many service ceiling 1) |
| 25 (virtual threads) | POST, 1,000 conversations | $(val post_many_service_jdk25 1) | $(val post_many_service_jdk25 3) | $(val post_many_ceiling_jdk25 1) | $(val post_many_ceiling_jdk25 3) | $(ratio "$(val post_many_service_jdk25 1)" "$(val post_many_ceiling_jdk25 1)") |
| 17 (platform threads) | GET newest 50 | $(avg get_page service 1) | $(avg get_page service 3) | $(avg get_page ceiling 1) | $(avg get_page ceiling 3) | $(ratios get_page service ceiling 1) |
| 25 (virtual threads) | GET newest 50 | $(val get_page_service_jdk25 1) | $(val get_page_service_jdk25 3) | $(val get_page_ceiling_jdk25 1) | $(val get_page_ceiling_jdk25 3) | $(ratio "$(val get_page_service_jdk25 1)" "$(val get_page_ceiling_jdk25 1)") |

Each JVM is warmed with every load before it is measured (a page read needs about two minutes of load before its
figures settle); an earlier version of this script warmed with posts only and measured the JDK 25 page read on a
cold JIT, which is where its 46 ms p99 came from. The tail on JDK 25 is compared with the ceiling's on the same JDK,
so what the virtual-thread scheduler adds on 2 shared cores shows in both.

## Where the CPU goes: the service beside the observed ceiling

async-profiler (CPU, \`itimer\` at 1 ms) on each JVM during a ${SECONDS_EACH} s run of the same load; profiler
samples per 1,000 requests (about µs of sampled CPU per request), each sample put in the innermost layer of its
stack. A run leaves the collapsed stacks in \`bench/results/profile_*.collapsed\` (open them with any flame-graph tool); they are raw output, never committed.

POST, 1,000 conversations:

$(python3 bench/profile.py "$OUT" profile_post_service profile_post_observed)

GET newest 50:

$(python3 bench/profile.py "$OUT" profile_get_service profile_get_observed)

What the service does that the ceiling does not, and why it stays:
- **Spring Security's filter chain** (security headers, CORS, the caller's identity, authorization): required for
  participants-only access. Its per-filter observations (a dozen per request) are switched off
  (\`SecurityConfiguration.securityObservationSettings\`).
- **Bean validation** of the conversation id, paging bounds and the post body: every bad input is a 400 before Redis.
- **One Lua script instead of one command**: the script checks the caller is a participant, assigns the seq, stores
  the message and its retry record, and publishes the stream doorbell in one atomic step; the command and its reply
  are larger than an \`INCR\`'s, and the doorbell comes back to every instance over pub/sub (the Lettuce share).
- **The product's own meters** (Redis script latency, page sizes, posts): a timer and a counter per request.

What was removed on the way (issue 12): pages are spliced from the stored bytes as Redis sent them (no JSON decode and
encode, no UTF-8 decode into Java strings and back); Spring Security's per-filter observations; earlier, the script
source check on every call, parsing back a just-written message and Lettuce's per-command tracing observation.

Raw outputs: \`bench/results/\`.
EOF

{
    for load in post_many post_hot get_page; do
        case $load in post_many) label="POST many";; post_hot) label="POST hot";; get_page) label="GET page";; esac
        for app in "${APPS[@]}"; do
            dir=$OUT
            [ "$app" = postgres ] && dir=$OUT/postgres
            echo "\"$label\\n$app\" $(OUT=$dir; avg $load "$app" 1) $(OUT=$dir; avg $load "$app" 3)"
        done
    done
} > "$OUT/chart.dat"
gnuplot <<EOF
set terminal pngcairo size 1600,560 font "sans,10"
set output "bench/results.png"
set multiplot layout 1,2 title "chat-sequencer on $(nproc) shared cores, wrk 32 connections ($(date -u +%Y-%m-%d))"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.8
set grid ytics
set xtics rotate by 90 right font ",7"
set yrange [0:*]
set key off
set title "Throughput (requests/s)"
plot "$OUT/chart.dat" using 2:xtic(1) lc rgb "#3b75af"
set title "p99 latency (ms)"
plot "$OUT/chart.dat" using 3:xtic(1) lc rgb "#d9822b"
unset multiplot
EOF
