#!/usr/bin/env bash
# Signed-in attackers, before and after: bench/abuse.sh [GIT_REF]   (default: ea56185, main before issue 19)
#
# Builds the service at GIT_REF (in a temporary worktree) and the current checkout, runs bench/abuse/abuse.py against
# each in gateway mode with its default limits, each on a fresh redis-server of its own, and writes
# bench/results/abuse.md: the figures side by side, and the worst-case Redis bytes one account adds per hour at each
# build's default limits. Needs python3, redis-server and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
REF=${1:-ea56185}
WORK=$(mktemp -d /tmp/chat-abuse.XXXXXX)
PORT=18095
REDIS_PORT=18395
pid=

cleanup() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
    redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
    git worktree remove --force "$WORK/before" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

BEFORE=$(git rev-parse --short "$REF")
git worktree add --detach -q "$WORK/before" "$BEFORE"
(cd "$WORK/before" && ./mvnw -q -B -DskipTests package)
./mvnw -q -B -DskipTests package
declare -A JAR=([before]=$(ls "$WORK"/before/target/chat-sequencer-*.jar | head -1)
    [after]=$(ls target/chat-sequencer-*.jar | head -1))

for build in before after; do
    redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --logfile "$WORK/redis.log"
    until redis-cli -p $REDIS_PORT ping >/dev/null 2>&1; do sleep 0.1; done
    java -Xms1g -Xmx1g -jar "${JAR[$build]}" --server.port=$PORT --spring.data.redis.port=$REDIS_PORT \
        --chat.security.mode=gateway > "$WORK/$build.log" 2>&1 &
    pid=$!
    until curl -fsS -o /dev/null "localhost:$PORT/actuator/health/readiness" 2>/dev/null; do sleep 0.5; done
    python3 bench/abuse/abuse.py $PORT $REDIS_PORT "$build" > "$WORK/$build.json"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
done

python3 - "$WORK/before.json" "$WORK/after.json" "$BEFORE" "$(git rev-parse --short HEAD)" > bench/results/abuse.md <<'PY'
import json, sys
before, after = (json.load(open(path)) for path in sys.argv[1:3])
# each build's default limits, per account and hour: burst + refill * 3600
limits = {"before": {"posts": 30 + 10 * 3600, "groups": 10 + 0.2 * 3600},
          "after": {"posts": 30 + 2 * 3600, "groups": 10 + 0.0027778 * 3600}}
for figures in (before, after):
    hour = limits[figures["label"]]
    figures["bytes_per_account_hour_mb"] = round((hour["posts"] * figures["bytes_per_largest_post"]
        + hour["groups"] * figures["bytes_per_1000_member_group"]) / 1e6)
rows = [
    ("refused adds of alice (70 accounts, 2,000 requests): statuses", "flood_statuses"),
    ("  alice's index entries after the refused adds", "flood_index_size"),
    ("  her direct conversation on her inbox's first page", "flood_dm_on_first_page"),
    ("  inbox read after the flood (ms, one request)", "flood_inbox_ms"),
    ("groups created with alice (10 per account)", "spam_groups"),
    ("  alice's index entries after them", "spam_index_size"),
    ("  her direct conversation (new message after the spam) in her inbox", "spam_dm_listed"),
    ("  its position in her inbox", "spam_dm_position"),
    ("Redis us per request: largest page (limit=200, largest bodies)", "redis_us_largest_page"),
    ("  that page: entries / KB", None),
    ("Redis us per request: state of a 1,000-member group", "redis_us_state_1000_members"),
    ("Redis us per request: inbox page at the index cap", "redis_us_inbox_at_cap"),
    ("Redis us: creating a 1,000-member group (all its members indexed)", "redis_us_create_1000_members"),
    ("Redis us: a join of a user at the index cap, the most (a trim) / the mean", None),
    ("victim posts alone: p50 / p99 ms", None),
    ("victim posts while one user reads the largest page 20 times a second: p50 / p99 ms", None),
    ("  victim p99 paced / alone", None),
    ("  the reader's answers by status", "paced_reads"),
    ("victim posts while one user reads it in 6 loops, ignoring every 429: p50 / p99 ms", None),
    ("  victim p99 flooded / alone", None),
    ("  the reader's answers by status", "flooded_reads"),
    ("Redis bytes per post of the largest body", "bytes_per_largest_post"),
    ("Redis bytes per 1,000-member group (indexes included)", "bytes_per_1000_member_group"),
    ("worst-case Redis MB one account adds per hour at default limits", "bytes_per_account_hour_mb"),
]
def cell(figures, key, label):
    if key:
        return str(figures.get(key))
    if "entries / KB" in label:
        return f"{figures['largest_page_entries']} / {figures['largest_page_kb']}"
    if "the most (a trim)" in label:
        return f"{figures['redis_us_join_max']} / {figures['redis_us_join_mean']}"
    if "alone: p50" in label:
        return f"{figures['victim_alone_p50_ms']} / {figures['victim_alone_p99_ms']}"
    name = "paced" if ("20 times" in label or "paced /" in label) else "flooded"
    if "p50 / p99" in label:
        return f"{figures[f'victim_{name}_p50_ms']} / {figures[f'victim_{name}_p99_ms']}"
    return f"{figures[f'victim_{name}_p99_ms'] / figures['victim_alone_p99_ms']:.2f}"
print(f"# Signed-in attackers, before ({sys.argv[3]}) and after ({sys.argv[4]}), side by side\n")
print("Made by `bench/abuse.sh`: each build in gateway mode with its default limits, on a fresh redis-server, "
      "loopback only (bench/abuse/abuse.py says what each figure is).\n")
print("| figure | before | after |\n|---|---|---|")
for label, key in rows:
    print(f"| {label} | {cell(before, key, label)} | {cell(after, key, label)} |")
PY
cat bench/results/abuse.md
