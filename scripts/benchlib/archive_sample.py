#!/usr/bin/python3
"""Samples a process's resident memory for scripts/bench-archive while a download runs.

    scripts/benchlib/archive_sample.py PID DOWNLOAD OUT [INTERVAL_S]

Every INTERVAL_S (0.1 by default) appends "unix_time vmrss_kb bytes" to OUT: VmRSS from
/proc/PID/status and the size of the file DOWNLOAD so far (0 before it exists). Runs until
SIGTERM or until PID is gone; every line is flushed as written.
"""
import os
import signal
import sys
import time

pid, download, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 0.1
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
with open(out, "w", encoding="ascii") as f:
    next_at = time.monotonic()
    while running:
        try:
            with open("/proc/%d/status" % pid, encoding="ascii") as status:
                rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            break
        try:
            size = os.stat(download).st_size
        except OSError:
            size = 0
        f.write("%.3f %d %d\n" % (time.time(), rss, size))
        f.flush()
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))
