#!/usr/bin/env bash
# What retention costs a post: bench/retention.sh
#
# Runs post_message.lua as the service does (EVALSHA, redis-benchmark, 16 clients, one hot conversation each) on one
# Redis, in alternating rounds: retention off; keeping 1,000 entries (the conversation holds 1,000 already, so every
# post also trims one entry with its unread mark and change record); and a max age (every post also keeps the time
# buckets that age retention reads). Writes bench/results/retention.md. The service adds the same Java work to each.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source bench/lib.sh
results_in retention
trap stop_all EXIT
ensure_tools
ROUNDS=${ROUNDS:-3}
POSTS=${POSTS:-200000}
NOW=1764336189176
start_redis $REDIS_PORT
SCRIPT_SHA=$(redis-cli -p $REDIS_PORT SCRIPT LOAD "$(script_text post_message.lua)")

declare -A POLICY=([off]="0 0 $NOW" [entries]="1000 0 $NOW" [age]="0 86400000 $NOW")
for r in warm $(seq 1 "$ROUNDS"); do
    for p in off entries age; do
        # 1,000 messages before the round, as the service stores them
        awk -v c="ret-$p-$r" -v tail="$MESSAGE_TAIL" 'BEGIN {
            for (i = 1; i <= 1000; i += 100) {
                line = "ZADD chat:{" c "}:messages"
                for (j = i; j < i + 100 && j <= 1000; j++) line = line " " j " '"'"'{\"seq\":" j tail "'"'"'"
                print line
            }
            printf "SET chat:{%s}:seq 1000\n", c }' | redis-cli -p $REDIS_PORT > /dev/null
        rate=$(evalsha_bench $REDIS_PORT "ret-$p-$r" "$POSTS" 16 1 "${POLICY[$p]}" \
            | awk '{for (i = 1; i <= NF; i++) if ($(i + 1) == "requests") printf "%.0f\n", $i}' | head -1)
        log "round $r, $p: $rate posts/s"
        echo "$r $p $rate" >> "$OUT/rounds.txt"
    done
done
held=$(redis-cli -p $REDIS_PORT ZCARD "chat:{ret-entries-1}:messages")
buckets=$(redis-cli -p $REDIS_PORT ZCARD "chat:{ret-age-1}:ages")

table=$(awk '$1 != "warm" { rate[$1, $2] = $3; if (!($1 in seen)) { seen[$1]; order[++n] = $1 } }
    END {
        for (i = 1; i <= n; i++) {
            r = order[i]
            printf "| %s | %.0f | %.0f | %.2f | %.0f | %.2f |\n", r, rate[r, "off"], rate[r, "entries"],
                rate[r, "entries"] / rate[r, "off"], rate[r, "age"], rate[r, "age"] / rate[r, "off"]
        }
    }' "$OUT/rounds.txt")
cat > "$ROOT/bench/results/retention.md" <<MD
# What retention costs a post

Made by \`bench/retention.sh\` on $(date -u +%F) (UTC) at $(git rev-parse --short HEAD): post_message.lua by EVALSHA
straight on Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2), redis-benchmark with 16 clients and
$POSTS posts per run, one conversation per run holding 1,000 messages before it; the three runs alternate in each round.

| round | off, posts/s | max-entries 1000, posts/s | / off | max-age 1 day, posts/s | / off |
|---|---|---|---|---|---|
$table

- max-entries 1000: every post trims the oldest entry (its unread mark and change record too); after the run the
  conversation holds $held entries.
- max-age: every post keeps the time buckets (a sorted set of $buckets member(s) here, as all posts share one time);
  nothing is old enough to trim, so this is the bookkeeping alone.
- Reads with retention set add one or two O(log n) lookups to each script that reads entries or counts them; with
  retention off, one (the lowest stored seq, which names what an earlier retention took).
MD
log "wrote bench/results/retention.md"
