#!/usr/bin/env python3
"""How soon `blockstate wait` wakes after the `set` that satisfies it, and
how much CPU it uses while it waits. Used by bench/parallel.

Usage: wait-latency.py BIN STORE_OPTION SAMPLES  (prints JSON)
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time

binary, store, samples = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = [binary, store, "-w", "wf-wait"]


def run_waiter(args):
    """Start a waiter; return (process, a dict filled when it ends)."""
    proc = subprocess.Popen(base + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ended = {}

    def reap():
        _, status, usage = os.wait4(proc.pid, 0)
        ended["at"] = time.monotonic()
        ended["status"] = status
        ended["cpu"] = usage.ru_utime + usage.ru_stime

    thread = threading.Thread(target=reap)
    thread.start()
    return thread, ended


after_set, after_start, set_times = [], [], []
for i in range(samples):
    thread, ended = run_waiter(["wait", "K", "--equals", f"v{i}", "--timeout", "30s"])
    time.sleep(0.15)
    start = time.monotonic()
    subprocess.run(base + ["set", f"K=v{i}"], check=True)
    done = time.monotonic()
    thread.join()
    if os.waitstatus_to_exitcode(ended["status"]) != 0:
        sys.exit(f"wait-latency: the waiter failed (sample {i})")
    after_set.append(ended["at"] - done)
    after_start.append(ended["at"] - start)
    set_times.append(done - start)

thread, ended = run_waiter(["wait", "NEVER", "--timeout", "5s"])
thread.join()
print(json.dumps({
    "samples": samples,
    "after_set_ms": statistics.median(after_set) * 1e3,
    "after_start_ms": statistics.median(after_start) * 1e3,
    "set_ms": statistics.median(set_times) * 1e3,
    "cpu_5s_ms": ended["cpu"] * 1e3,
}))
