#!/usr/bin/env bash
# Groups and inboxes, one command: bench/groups.sh (about 6 minutes)
#
# Measures, side by side in alternating rounds on this machine:
#  - a post to a 1,000-member group against a post to a direct conversation (target: at most 1.5x the cost, i.e.
#    no write fan-out per member): throughput, latency and CPU per request of the service's JVM;
#  - the first inbox page (20 rows) of a user in 1,000 conversations (500 groups, 500 direct, one message each)
#    (target: p50 under 20 ms), with one client at a time and with 32 at once.
# Writes bench/results/groups/ (raw wrk outputs, section.md) and the "Groups and inboxes" section of
# bench/RESULTS.md. Settings: BENCH_SECONDS (15), ROUNDS (2), WARMUP_SECONDS (45), JAVA17_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
results_in groups
ulimit -n 65536 2>/dev/null || true
trap stop_all EXIT
ensure_tools

log "building the service"
./mvnw -q -B -DskipTests package
SVC_JAR=$(ls target/chat-sequencer-*.jar | head -1)
start_redis $REDIS_PORT
start_service "$JAVA17_HOME" service "$SVC_JAR" --chat.rate-limit.conversations.refill-per-second=0 \
    --chat.rate-limit.groups.refill-per-second=0
URL=http://127.0.0.1:$SVC_PORT

api() { # method path [json]: the response body; fails on an error status
    curl -sf -X "$1" "$URL$2" ${3:+-H 'Content-Type: application/json' -d "$3"}
}
id_of() { sed -E 's/.*"conversationId":"([^"]+)".*/\1/'; }

log "creating a direct conversation and a group of 1,000 (alice and 999 others)"
DIRECT=$(api POST /v1/conversations/direct '{"participants":["alice","bob"]}' | id_of)
MEMBERS=$(seq -f '"member-%04g"' 1 999 | paste -sd, -)
GROUP=$(api POST /v1/conversations "{\"senderId\":\"alice\",\"title\":\"All hands\",\"participants\":[$MEMBERS]}" | id_of)
[ "$(redis-cli -p $REDIS_PORT SCARD "chat:{$GROUP}:participants")" = 1000 ] || { log "the group is not 1,000"; exit 1; }

log "putting reader in 1,000 conversations (500 groups, 500 direct), one message each"
for i in $(seq 1 500); do
    g=$(api POST /v1/conversations "{\"senderId\":\"reader\",\"title\":\"Group $i\",\"participants\":[\"friend-$i\",\"other-$i\"]}" | id_of)
    d=$(api POST /v1/conversations/direct "{\"participants\":[\"reader\",\"friend-$i\"]}" | id_of)
    api POST "/v1/conversations/$g/messages" "{\"senderId\":\"friend-$i\",\"body\":\"$MESSAGE_BODY\"}" > /dev/null
    api POST "/v1/conversations/$d/messages" "{\"senderId\":\"friend-$i\",\"body\":\"$MESSAGE_BODY\"}" > /dev/null
done
[ "$(redis-cli -p $REDIS_PORT ZCARD 'chat:{u:reader}:conversations')" = 1000 ] || { log "reader is not in 1,000"; exit 1; }
INBOX=/v1/users/reader/conversations
[ "$(api GET "$INBOX" | grep -o '"unreadCount"' | wc -l)" = 20 ] || { log "the inbox page is not 20 rows"; exit 1; }

log "warming up"
CONVERSATION=$DIRECT wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/post_to.lua "$URL" > /dev/null
CONVERSATION=$GROUP wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/post_to.lua "$URL" > /dev/null
wrk -t2 -c32 -d"${WARMUP}s" "$URL$INBOX" > /dev/null

inbox_one_client() { # name: one connection, one request at a time: the latency a single user sees
    wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency "$URL$INBOX" > "$OUT/$1.wrk"
    echo "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/$1.wrk") $(to_ms "$(awk '$1 == "50%" {print $2}' "$OUT/$1.wrk")") $(to_ms "$(awk '$1 == "99%" {print $2}' "$OUT/$1.wrk")")" > "$OUT/$1.txt"
    log "$1: $(cat "$OUT/$1.txt") (req/s p50 p99)"
}

for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order=(direct group); else order=(group direct); fi
    for kind in "${order[@]}"; do
        target=$DIRECT; [ "$kind" = group ] && target=$GROUP
        CONVERSATION=$target wrk_run "post_${kind}_$round" $SVC_PORT / post_to.lua "${PID[service]}"
    done
    inbox_one_client "inbox_c1_$round"
    wrk_run "inbox_c32_$round" $SVC_PORT "$INBOX" "" "${PID[service]}"
done
LAST_SEQ=$(redis-cli -p $REDIS_PORT GET "chat:{$GROUP}:seq")

# --- the section of bench/RESULTS.md ------------------------------------------------------------------------------
range() { # file-prefix field: "lowest-highest" over the rounds
    for r in $(seq 1 "$ROUNDS"); do val "$1_$r" "$2"; done | sort -n |
        awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "-" hi) }'
}
SECTION=$OUT/section.md
cat > "$SECTION" <<MD
<!-- groups: written by bench/groups.sh -->
## Groups and inboxes

\`bench/groups.sh\`, $(date -u +%Y-%m-%d), $(nproc) shared cores, one Redis, the service on JDK 17 (same settings as
above), wrk 2 threads and 32 connections for ${SECONDS_EACH} s per measurement, $ROUNDS alternating rounds; ranges are
lowest-highest over the rounds, ratios are taken within each round.

**A post to a 1,000-member group against a post to a direct conversation** (target: at most 1.5x the cost). A post
touches only its conversation's keys: membership is one \`SISMEMBER\` in the post script, and nobody's inbox is
written (the inbox reads activity instead), so the member count does not enter a post's cost.

| | direct (2 members) | group (1,000 members) | cost of a group post / a direct post |
|---|---|---|---|
| requests/s | $(range post_direct 1) | $(range post_group 1) | $(ratios post direct group 1) (direct ÷ group) |
| p50 ms | $(range post_direct 2) | $(range post_group 2) | $(ratios post group direct 2) |
| p99 ms | $(range post_direct 3) | $(range post_group 3) | $(ratios post group direct 3) |
| CPU µs per request (service JVM) | $(range post_direct 4) | $(range post_group 4) | $(ratios post group direct 4) |

The group's timeline reached seq $LAST_SEQ in this run.

**The first inbox page of a user in 1,000 conversations** (target: p50 under 20 ms): 500 groups and 500 direct
conversations, each with a message; the page is the 20 most recently active, with each one's last entry, lastSeq,
readSeq and unreadCount. The read is three steps to Redis, however many conversations: the user's index (one
ZREVRANGE), the last activity of all 1,000 (one MGET), then, pipelined, the membership and row of the 21 most
recent (the 21st says whether there is a next page).

| | requests/s | p50 ms | p99 ms | CPU µs per request |
|---|---|---|---|---|
| one client, one request at a time | $(range inbox_c1 1) | $(range inbox_c1 2) | $(range inbox_c1 3) | |
| 32 connections | $(range inbox_c32 1) | $(range inbox_c32 2) | $(range inbox_c32 3) | $(range inbox_c32 4) |
<!-- /groups -->
MD
# Replace the section in RESULTS.md (bench/report.sh writes it back in from section.md when it regenerates the file)
python3 - "$SECTION" bench/RESULTS.md <<'PY'
import re, sys
section, results = open(sys.argv[1]).read(), open(sys.argv[2]).read()
pattern = re.compile(r'<!-- groups: .*?<!-- /groups -->\n', re.S)
results = pattern.sub(lambda _: section, results) if pattern.search(results) else results.rstrip('\n') + '\n\n' + section
open(sys.argv[2], 'w').write(results)
PY
log "wrote $SECTION and its section in bench/RESULTS.md"
