#!/usr/bin/python3
"""Drops every regular file under DIR from the page cache (posix_fadvise DONTNEED), as
deleting them would, without deleting them.

    scripts/benchlib/intake_uncache.py DIR

Called by scripts/bench-intake, from the repository root.
"""
import os, stat, sys
for directory, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(directory, name)
        if not stat.S_ISREG(os.lstat(path).st_mode):
            continue  # a set-aside mail stack's sockets and pipes
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
