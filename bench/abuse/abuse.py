#!/usr/bin/env python3
"""What signed-in attackers can make one instance and its Redis do, measured on a running chat-sequencer in gateway
mode with its default limits, loopback only. Usage: abuse.py <port> <redis-port> <label>

Prints one JSON object of figures:
- flood_*: 70 accounts send 2,000 refused adds of alice (404: groups that do not exist); alice's index size after,
  and whether her direct conversation is on her inbox's first page.
- spam_*: accounts create groups with alice until her index is past its cap, then bob writes to alice; whether that
  conversation is in her inbox at all, and the index size.
- redis_us_*: Redis time (INFO commandstats, all commands) per request for the largest page (200 entries of the
  largest body), the state of a 1,000-member group, an inbox at the cap, creating a 1,000-member group, and a join
  of a user whose index is at its cap (the most one costs, when it trims the index, and the mean).
- victim_*: another user's post latency (p50, p99) alone, then while one user reads the largest page at the pace
  their budget allows (20 a second), then while they read it in 6 loops that ignore every 429.
- bytes_*: Redis bytes one post of the largest body and one 1,000-member group add (INFO memory).
"""
import http.client
import json
import re
import subprocess
import sys
import threading
import time
import uuid

PORT = int(sys.argv[1])
REDIS = sys.argv[2]
LABEL = sys.argv[3]
RUN = uuid.uuid4().hex[:6]
LARGEST_BODY = "\U0001F600" * 4096  # 4,096 code points of 4 UTF-8 bytes: the largest body there is


def call(method, path, user, body=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    headers = {"X-User-Id": user}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if own:
        conn.close()
    return response.status, data


def redis(*args):
    return subprocess.run(["redis-cli", "-p", REDIS, *args], capture_output=True, text=True).stdout


def command_usec():
    total = 0
    for line in redis("INFO", "commandstats").splitlines():
        match = re.search(r"usec=(\d+)", line)
        if match:
            total += int(match.group(1))
    return total


def used_memory():
    redis("MEMORY", "PURGE")
    return int(re.search(r"used_memory:(\d+)", redis("INFO", "memory")).group(1))


def redis_us_per_request(method, path, user, times=20):
    call(method, path, user)
    redis("CONFIG", "RESETSTAT")
    for _ in range(times):
        status, _ = call(method, path, user)
        assert status == 200, (path, status)
    return round(command_usec() / times)


def group(owner, others, title=None):
    body = {"participants": others}
    if title:
        body["title"] = title
    status, data = call("POST", "/v1/conversations", owner, json.dumps(body))
    assert status == 201, (status, data[:300])
    return json.loads(data)["conversationId"]


def direct(a, b):
    status, data = call("POST", "/v1/conversations/direct", a, json.dumps({"participants": [a, b]}))
    assert status in (200, 201), (status, data)
    return json.loads(data)["conversationId"]


def post(conversation, sender, body, conn=None):
    return call("POST", f"/v1/conversations/{conversation}/messages", sender, json.dumps({"body": body}), conn)


def in_parallel(work, threads):
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def inbox_ids(user, pages=100):
    ids, cursor = [], ""
    for _ in range(pages):
        status, data = call("GET", f"/v1/users/me/conversations?limit=100{cursor}", user)
        assert status == 200, (status, data[:300])
        page = json.loads(data)
        ids += [row["conversationId"] for row in page["conversations"]]
        if not page["nextCursor"]:
            break
        cursor = "&cursor=" + page["nextCursor"]
    return ids


def flood(figures):
    alice, bob = f"alice-f-{RUN}", f"bob-f-{RUN}"
    dm = direct(alice, bob)
    post(dm, bob, "hi alice")
    statuses = {}

    def attacker(i):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        for j in range(2000 // 70 + (1 if i < 2000 % 70 else 0)):
            status, _ = call("POST", f"/v1/conversations/gr_{RUN}{i:03d}{j:03d}nothing/participants",
                             f"mallory{i}-{RUN}", json.dumps({"userId": alice}), conn)
            statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    started = time.monotonic()
    in_parallel(attacker, 70)
    figures["flood_seconds"] = round(time.monotonic() - started, 1)
    figures["flood_statuses"] = statuses
    figures["flood_index_size"] = int(redis("ZCARD", f"chat:{{u:{alice}}}:conversations"))
    started = time.monotonic()
    status, data = call("GET", "/v1/users/me/conversations?limit=20", alice)
    figures["flood_inbox_ms"] = round((time.monotonic() - started) * 1000, 1)
    figures["flood_dm_on_first_page"] = dm in [row["conversationId"] for row in json.loads(data)["conversations"]]


def spam(figures, cap=2000):
    alice, bob = f"alice-s-{RUN}", f"bob-s-{RUN}"
    dm = direct(alice, bob)
    post(dm, alice, "hi bob")
    accounts = cap // 10 + 10

    def spammer(i):
        for _ in range(10):
            group(f"spammer{i}-{RUN}", [alice])

    in_parallel(lambda t: [spammer(i) for i in range(t, accounts, 16)], 16)
    # one more join of alice at a time, until one trims her index: the most a join costs Redis, and the mean
    index, costs = f"chat:{{u:{alice}}}:conversations", []
    for i in range(200):
        size = int(redis("ZCARD", index))
        redis("CONFIG", "RESETSTAT")
        group(f"late{i}-{RUN}", [alice])
        costs.append(command_usec())
        if int(redis("ZCARD", index)) <= size:
            break
    figures["redis_us_join_max"], figures["redis_us_join_mean"] = max(costs), round(sum(costs) / len(costs))
    post(dm, bob, "a new message for alice")
    ids = inbox_ids(alice)
    figures["spam_groups"] = accounts * 10
    figures["spam_index_size"] = int(redis("ZCARD", f"chat:{{u:{alice}}}:conversations"))
    figures["spam_dm_listed"] = dm in ids
    figures["spam_dm_position"] = ids.index(dm) + 1 if dm in ids else None
    figures["redis_us_inbox_at_cap"] = redis_us_per_request("GET", "/v1/users/me/conversations?limit=100", alice)


def largest_requests(figures):
    writers = [f"writer{i}-{RUN}" for i in range(10)]
    page_group = group(writers[0], writers[1:])
    before = used_memory()
    for i in range(200):
        status, _ = post(page_group, writers[i % 10], LARGEST_BODY)
        assert status == 201, status
    figures["bytes_per_largest_post"] = round((used_memory() - before) / 200)
    figures["redis_us_largest_page"] = redis_us_per_request(
        "GET", f"/v1/conversations/{page_group}/messages?limit=200", writers[0])
    _, data = call("GET", f"/v1/conversations/{page_group}/messages?limit=200", writers[0])
    page = json.loads(data)
    figures["largest_page_entries"] = len(page["messages"])
    figures["largest_page_kb"] = round(len(data) / 1024)
    owner = f"owner-{RUN}"
    members = [f"member{i:04d}-{RUN}" for i in range(999)]
    before = used_memory()
    redis("CONFIG", "RESETSTAT")
    big = group(owner, members, "A thousand")
    figures["redis_us_create_1000_members"] = command_usec()
    figures["bytes_per_1000_member_group"] = used_memory() - before
    figures["redis_us_state_1000_members"] = redis_us_per_request("GET", f"/v1/conversations/{big}", owner)
    return page_group, writers[0]


def read_flood(page_group, reader, loops, per_second, stop, answered):
    """Reads the largest page in `loops` loops, each at most `per_second` a second (0: as fast as it can)."""
    counts = {}

    def loop(_):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while not stop.is_set():
            started = time.monotonic()
            status, _ = call("GET", f"/v1/conversations/{page_group}/messages?limit=200", reader, conn=conn)
            counts[status] = counts.get(status, 0) + 1
            if per_second:
                time.sleep(max(0.0, 1 / per_second - (time.monotonic() - started)))
        conn.close()
    in_parallel(loop, loops)
    answered.update(counts)


def flooding(page_group, reader, loops, per_second):
    """The read flood in a process of its own, so it never holds the victim's interpreter lock."""
    import multiprocessing
    stop = multiprocessing.Event()
    answered = multiprocessing.Manager().dict()
    process = multiprocessing.Process(target=read_flood, args=(page_group, reader, loops, per_second, stop, answered))
    process.start()
    time.sleep(2)
    return process, stop, answered


def victim(figures, page_group, reader):
    victims = [f"victim{i}-{RUN}" for i in range(20)]
    room = group(victims[0], victims[1:])

    def latencies(count=600, rate=30):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        took = []
        for i in range(count):
            started = time.monotonic()
            status, _ = post(room, victims[i % 20], f"message {i}", conn)
            took.append((time.monotonic() - started) * 1000)
            assert status == 201, status
            time.sleep(max(0.0, 1 / rate - took[-1] / 1000))
        conn.close()
        took.sort()
        return round(took[len(took) // 2], 2), round(took[int(len(took) * 0.99)], 2)

    figures["victim_alone_p50_ms"], figures["victim_alone_p99_ms"] = latencies()
    # one reader at exactly the pace its budget allows (the default 20 a second), and one who ignores every 429
    for name, loops, per_second in (("paced", 1, 20), ("flooded", 6, 0)):
        process, stop, answered = flooding(page_group, reader, loops, per_second)
        figures[f"victim_{name}_p50_ms"], figures[f"victim_{name}_p99_ms"] = latencies()
        stop.set()
        process.join()
        figures[f"{name}_reads"] = dict(answered)
        time.sleep(3)


def main():
    figures = {"label": LABEL}
    flood(figures)
    page_group, reader = largest_requests(figures)
    victim(figures, page_group, reader)
    spam(figures)
    print(json.dumps(figures))


main()
