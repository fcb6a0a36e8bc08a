#!/usr/bin/env python3
"""Measures how long `shanshui serve` takes to serve an edited article body.

    bench/serve-edit.py <portal root> [slug] [port]

Starts serve (without the search index) on the portal, waits until it answers, then appends a sentence to the
article's Chinese body five times and reports, for each edit, the time from the write
to the first response that contains the new sentence (polling every 5 ms)."""
import os, subprocess, sys, time, urllib.request

root = sys.argv[1]
slug = sys.argv[2] if len(sys.argv) > 2 else "a00042"
port = int(sys.argv[3]) if len(sys.argv) > 3 else 18333
binary = os.path.join(os.path.dirname(__file__), "..", "target", "release", "shanshui")
server = subprocess.Popen([binary, "--root", root, "serve", "--no-search", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
url = f"http://127.0.0.1:{port}/articles/{slug}/"

def get():
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except Exception:
        return ""

try:
    start = time.time()
    while "<html" not in get():
        if time.time() - start > 600:
            sys.exit("serve did not start")
        time.sleep(0.2)
    print(f"serve ready after {time.time() - start:.1f} s")
    path = os.path.join(root, "content", "articles", f"{slug}.zh.md")
    original = open(path, encoding="utf-8").read()
    times = []
    for i in range(5):
        marker = f"基准测试第{i}次修改。"
        time.sleep(0.5)
        t0 = time.time()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original + f"\n{marker}\n")
        while marker not in get():
            time.sleep(0.005)
        times.append((time.time() - t0) * 1000)
    print("edit → served (ms):", ", ".join(f"{t:.0f}" for t in times), f"; median {sorted(times)[2]:.0f} ms")
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
finally:
    server.terminate()
