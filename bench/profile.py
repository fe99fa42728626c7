#!/usr/bin/env python3
"""Where the CPU of a request goes: async-profiler's collapsed stacks of the service and the observed ceiling under
the same load, as a Markdown table of samples per 1,000 requests by layer (each sample goes to the innermost frame
of a known layer). Usage: profile.py RESULTS_DIR NAME_A NAME_B (reads NAME.collapsed and NAME.wrk of each)."""
import collections
import re
import sys

LAYERS = [
    ("metrics and observation (Micrometer)", r"io/micrometer|Observation"),
    ("Redis client I/O (Lettuce, Netty)", r"io/lettuce|io/netty"),
    ("Spring Data Redis", r"springframework/data/redis"),
    ("bean validation", r"hibernate/validator|MethodValidation|jakarta/validation"),
    ("JSON (Jackson)", r"tools/jackson|com/fasterxml"),
    ("Spring Security filters", r"springframework/security"),
    ("the product's own code", r"dev/chatsequencer"),
    ("Spring MVC and filters", r"springframework/web|springframework/http|springframework/core|springframework/beans"),
    ("Tomcat (HTTP, sockets)", r"org/apache"),
]
OTHER = "JVM, JIT and kernel"


def layer_samples(path):
    samples = collections.Counter()
    for line in open(path):
        stack, count = line.rsplit(" ", 1)
        layer = OTHER
        for frame in reversed(stack.split(";")):
            hit = next((name for name, pattern in LAYERS if re.search(pattern, frame)), None)
            if hit:
                layer = hit
                break
        samples[layer] += int(count)
    return samples


def requests(path):
    for line in open(path):
        if "requests in" in line:
            return int(line.split()[0])
    return 0


def main():
    out, a, b = sys.argv[1:4]
    sa, sb = layer_samples(f"{out}/{a}.collapsed"), layer_samples(f"{out}/{b}.collapsed")
    ra, rb = requests(f"{out}/{a}.wrk"), requests(f"{out}/{b}.wrk")
    print("| layer | service | observed ceiling | service - ceiling |")
    print("|---|---|---|---|")
    for name in [n for n, _ in LAYERS] + [OTHER]:
        va, vb = 1000 * sa[name] / ra, 1000 * sb[name] / rb
        print(f"| {name} | {va:.1f} | {vb:.1f} | {va - vb:+.1f} |")
    ta, tb = 1000 * sum(sa.values()) / ra, 1000 * sum(sb.values()) / rb
    print(f"| **total** | **{ta:.1f}** | **{tb:.1f}** | **{ta - tb:+.1f}** ({ta / tb:.2f}x) |")


if __name__ == "__main__":
    main()
