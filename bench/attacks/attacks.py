#!/usr/bin/env python3
"""Hostile-client attacks against a running chat-sequencer, loopback only, each bounded in time and size.

For each attack it reports the health probes' worst latency while the attack runs (liveness and readiness in turn,
a fresh connection every 250 ms, as an orchestrator probes), how many probes took over 1 s or failed, the heap after a full GC with the
attack's connections still held, and what the attack left behind. Usage: attacks.py <port> <pid> [attack ...]
"""
import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
import uuid

PORT = int(sys.argv[1])
PID = sys.argv[2]
ONLY = sys.argv[3:]


def heap_mb():
    subprocess.run(["jcmd", PID, "GC.run"], capture_output=True)
    out = subprocess.run(["jcmd", PID, "GC.heap_info"], capture_output=True, text=True).stdout
    used = re.search(r"used (\d+)K", out)
    return int(used.group(1)) // 1024 if used else -1


def probe_once(timeout=5.0, path="/actuator/health/liveness"):
    started = time.monotonic()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
        conn.request("GET", path)
        ok = conn.getresponse().status == 200
        conn.close()
    except OSError:
        ok = False
    return ok, (time.monotonic() - started) * 1000


class Prober(threading.Thread):
    """Probes liveness and readiness (which pings Redis) in turn, every 250 ms, until stopped."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []
        self.stopping = threading.Event()

    def run(self):
        started = time.monotonic()
        paths = ["/actuator/health/liveness", "/actuator/health/readiness"]
        while not self.stopping.is_set():
            at = time.monotonic() - started
            self.samples.append(probe_once(path=paths[len(self.samples) % 2]) + (at,))
            self.stopping.wait(0.25)

    def stop(self):
        self.stopping.set()
        self.join()
        worst = max((ms for _, ms, _ in self.samples), default=0)
        slow = ["%.1f s" % at for ok, ms, at in self.samples if not ok or ms > 1000]
        return worst, slow, len(self.samples)


def active_streams():
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    conn.request("GET", "/actuator/prometheus")
    text = conn.getresponse().read().decode()
    match = re.search(r"^chat_streams_active\S* (\S+)", text, re.M)
    return int(float(match.group(1))) if match else -1


def post(conversation, body, conn=None):
    conn = conn or http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("POST", "/v1/conversations/%s/messages" % conversation,
                 json.dumps({"senderId": "alice", "body": body}), {"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def raw(data, rcvbuf=0):
    """A connection from the attacker, who is another client than the prober: 127.0.0.2 on the loopback."""
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(5)
    s.bind(("127.0.0.2", 0))
    s.connect(("127.0.0.1", PORT))
    s.sendall(data)
    return s


def hold(seconds, sockets=(), trickle=b""):
    """Keeps the attack's sockets open for a while, sending one byte on each every 2 s when told to trickle."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if trickle:
            for s in sockets:
                try:
                    s.sendall(trickle)
                except OSError:
                    pass
        time.sleep(2)


def close_all(sockets):
    for s in sockets:
        try:
            s.close()
        except OSError:
            pass


def attack_head_flood():
    sockets = []
    for _ in range(2000):
        try:
            s = raw(b"HEAD /v1/conversations/x/stream HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            s.recv(512)
            s.close()
        except OSError:
            pass
    hold(5)
    return "streams left open after 2,000 HEAD: %d" % active_streams(), sockets


def attack_stalled_reader():
    stalled, live = "stall-" + uuid.uuid4().hex, "live-" + uuid.uuid4().hex
    never_reads = raw(("GET /v1/conversations/%s/stream?after=0 HTTP/1.1\r\nHost: a\r\n\r\n" % stalled).encode(), 4096)
    reader = raw(("GET /v1/conversations/%s/stream HTTP/1.1\r\nHost: a\r\n\r\n" % live).encode())
    reader.recv(4096)
    big = "\u20ac" * 4000

    def poster():
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        for _ in range(150):
            post(stalled, big, conn)

    threads = [threading.Thread(target=poster) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sent = time.monotonic()
    post(live, "are you there?")
    reader.settimeout(60)
    received = b""
    try:
        while b"event:" not in received:
            chunk = reader.recv(4096)
            if not chunk:
                break
            received += chunk
    except socket.timeout:
        return "unrelated stream's event not delivered within 60 s", [never_reads, reader]
    delay = (time.monotonic() - sent) * 1000
    return "unrelated stream's event after %.0f ms" % delay, [never_reads, reader]


def trickled_bodies(declared):
    head = b"POST /v1/conversations/slow/messages HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n" \
           b"Content-Length: %d\r\n\r\n{" % declared
    sockets = [raw(head) for _ in range(250)]
    hold(12, sockets, b" ")
    return "250 bodies declared %d bytes, trickled 1 byte / 2 s" % declared, sockets


def attack_slow_bodies():
    return trickled_bodies(40)


def attack_oversized_trickle():
    return trickled_bodies(100000)


def attack_stream_flood():
    sockets, accepted = [], 0
    for i in range(3000):
        try:
            s = raw(("GET /v1/conversations/flood-%d/stream HTTP/1.1\r\nHost: a\r\n\r\n" % (i % 50)).encode())
            if s.recv(64).startswith(b"HTTP/1.1 200"):
                accepted += 1
                sockets.append(s)
            else:
                s.close()
        except OSError:
            pass
    hold(5)
    return "%d of 3,000 streams from one client accepted" % accepted, sockets


def attack_slow_headers():
    sockets = [raw(b"GET /v1/conversations/x/messages HTTP/1.1\r\nHost: a\r\nX-A: ") for _ in range(1000)]
    hold(12, sockets, b"a")
    return "1,000 connections trickling headers 1 byte / 2 s", sockets


def attack_connection_flood():
    sockets, refused = [], 0
    for _ in range(9000):
        try:
            sockets.append(raw(b"GET /v1/conversations/x/messages HTTP/1.1\r\nHost: a\r\nX-A: "))
        except OSError:
            refused += 1
    hold(12, sockets, b"a")
    open_now = 0
    for s in sockets:
        s.setblocking(False)
        try:
            open_now += 0 if s.recv(1) == b"" else 1
        except BlockingIOError:
            open_now += 1
        except OSError:
            pass
    return "9,000 connections trickling headers: %d still open after 12 s" % open_now, sockets


ATTACKS = [("head-flood", attack_head_flood), ("stalled-reader", attack_stalled_reader),
           ("slow-bodies", attack_slow_bodies), ("oversized-trickle", attack_oversized_trickle),
           ("stream-flood", attack_stream_flood), ("slow-headers", attack_slow_headers),
           ("connection-flood", attack_connection_flood)]

print("| attack | health worst (ms) | probes > 1 s or failed | heap before -> during (MB) | outcome |")
print("|---|---|---|---|---|")
for name, attack in ATTACKS:
    if ONLY and name not in ONLY:
        continue
    before = heap_mb()
    prober = Prober()
    prober.start()
    outcome, held = attack()
    during = heap_mb()
    worst, slow, total = prober.stop()
    close_all(held)
    slow_at = " (at %s)" % ", ".join(slow) if slow else ""
    print("| %s | %.0f | %d of %d%s | %d -> %d | %s |" % (name, worst, len(slow), total, slow_at, before, during,
                                                        outcome), flush=True)
    # let the instance settle before the next attack
    for _ in range(40):
        if probe_once(2)[0]:
            break
        time.sleep(1)
    time.sleep(3)
