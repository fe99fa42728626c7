#!/usr/bin/env bash
# What an edit and a deletion cost beside a post: bench/changes.sh
#
# Builds the current checkout and measures, in alternating rounds on one instance (the loads and settings of
# bench/run.sh): POST to 1,000 conversations, PATCH (every request a real edit, never a retry) and DELETE (every
# request deletes a message that exists). Then the memory of a stored message, and of a change, from MEMORY USAGE.
# Writes bench/results/changes.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
results_in changes
trap stop_all EXIT

ensure_tools
log "building the current checkout"
./mvnw -q -B -DskipTests package
SVC_JAR=$(ls target/chat-sequencer-*.jar | head -1)
start_redis $REDIS_PORT
start_service "$JAVA17_HOME"

# the messages the loads change: per load, round and wrk thread a conversation of 200,000 messages (more than a
# round changes), written straight into Redis as the service stores them; each is edited or deleted once
log "storing the messages to edit and to delete"
STORED=200000
for r in warm $(seq 1 "$ROUNDS"); do
    for c in edit-$r-1 edit-$r-2 del-$r-1 del-$r-2; do
        awk -v c="$c" -v n=$STORED -v tail="$MESSAGE_TAIL" 'BEGIN {
            for (i = 1; i <= n; i += 100) {
                line = "ZADD chat:{" c "}:messages"
                for (j = i; j < i + 100 && j <= n; j++) line = line " " j " '"'"'{\"seq\":" j tail "'"'"'"
                print line
            }
            printf "SET chat:{%s}:seq %d\n", c, n }' \
            | redis-cli -p $REDIS_PORT > /dev/null
    done
done

log "warming up"
url=http://127.0.0.1:$SVC_PORT
wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/post_many.lua "$url" > /dev/null
CHANGE=edit CONVERSATION=edit-warm wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/change_many.lua "$url" > /dev/null
CHANGE=delete CONVERSATION=del-warm wrk -t2 -c32 -d"${WARMUP}s" -s bench/wrk/change_many.lua "$url" > /dev/null

for r in $(seq 1 "$ROUNDS"); do
    wrk_run "post_$r" $SVC_PORT / post_many.lua "${PID[service]}"
    CHANGE=edit CONVERSATION=edit-$r wrk_run "edit_$r" $SVC_PORT / change_many.lua "${PID[service]}"
    CHANGE=delete CONVERSATION=del-$r wrk_run "delete_$r" $SVC_PORT / change_many.lua "${PID[service]}"
done

# memory: a conversation of 1,000 messages, then the same after 100 edits and 100 deletions
for i in $(seq 1 1000); do
    curl -s -o /dev/null -X POST "$url/v1/conversations/mem/messages" -H 'Content-Type: application/json' \
        -d "{\"senderId\":\"alice\",\"body\":\"$MESSAGE_BODY\"}"
done
memory() { # the bytes of the conversation's timeline and change records
    local total=0 key bytes
    for key in "chat:{mem}:messages" "chat:{mem}:uncounted" "chat:{mem}:changes"; do
        bytes=$(redis-cli -p $REDIS_PORT MEMORY USAGE "$key" SAMPLES 0)
        total=$((total + ${bytes:-0}))
    done
    echo $total
}
BEFORE=$(memory)
for i in $(seq 1 100); do
    curl -s -o /dev/null -X PATCH "$url/v1/conversations/mem/messages/$i" -H 'Content-Type: application/json' \
        -d '{"senderId":"alice","body":"The quick brown fox, edited once."}'
    curl -s -o /dev/null -X DELETE "$url/v1/conversations/mem/messages/$((i + 100))?senderId=alice"
done
AFTER=$(memory)

ratios_of() { # load field: load / post in each round, lowest-highest
    for r in $(seq 1 "$ROUNDS"); do ratio "$(val "$1_$r" "$2")" "$(val "post_$r" "$2")"; echo; done | sort -n |
        awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "-" hi) }'
}
avg() { # load field: the mean over the rounds
    for r in $(seq 1 "$ROUNDS"); do val "$1_$r" "$2"; done | awk '{ s += $1 } END { printf "%.0f", s / NR }'
}
{
    echo "# An edit and a deletion beside a post"
    echo
    echo "Made by \`bench/changes.sh\` on $(date -u +%Y-%m-%d) (UTC) at $(git rev-parse --short HEAD), $ROUNDS"
    echo "alternating rounds of ${SECONDS_EACH} s per load, one instance (JDK 17), wrk 2 threads and 32 connections."
    echo "Every PATCH is a real edit and every DELETE deletes a message that exists: no retries."
    echo
    echo "| work | req/s | / POST | p50 ms | p99 ms | CPU us/request | / POST |"
    echo "|---|---|---|---|---|---|---|"
    for load in post edit delete; do
        case $load in post) label="POST a message";; edit) label="PATCH (edit)";; delete) label="DELETE (for everyone)";; esac
        echo "| $label | $(avg $load 1) | $(ratios_of $load 1) | $(avg $load 2) | $(avg $load 3) | $(avg $load 4) | $(ratios_of $load 4) |"
    done
    echo
    echo "Memory (MEMORY USAGE of the timeline, its uncounted seqs and change records) of a conversation of 1,000"
    echo "messages: $BEFORE bytes, $(awk -v b="$BEFORE" 'BEGIN { printf "%.0f", b / 1000 }') per message; after 100"
    echo "edits and 100 deletions of them: $AFTER bytes ($(awk -v a="$AFTER" 'BEGIN { printf "%.0f", a / 1200 }')"
    echo "per entry of the 1,200 it then holds)."
} > bench/results/changes.md
cat bench/results/changes.md
