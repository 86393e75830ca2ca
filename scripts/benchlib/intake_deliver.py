#!/usr/bin/python3
"""Writes the first COUNT messages of the bench corpus into MAILDIR/new/ as Dovecot's delivery
would name them, owned by OWNER (uid:gid or user:group), and prints how many it wrote;
MAX_BYTES 0 delivers all of them, else only those under MAX_BYTES.

    scripts/benchlib/intake_deliver.py CORPUS MAILDIR COUNT OWNER MAX_BYTES

Called by scripts/bench-intake, from the repository root.
"""
import json, os, pwd, grp, sys, time
corpus, maildir, count, owner, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
user, group = owner.split(":")
uid = int(user) if user.isdigit() else pwd.getpwnam(user).pw_uid
gid = int(group) if group.isdigit() else grp.getgrnam(group).gr_gid
messages = json.load(open(os.path.join(corpus, "manifest.json"), encoding="utf-8"))["messages"][:count]
if len(messages) < count:
    sys.exit("corpus has only %d messages" % len(messages))
messages = [m for m in messages if limit == 0 or m["bytes"] < limit]
now = int(time.time())
for number, message in enumerate(messages):
    with open(os.path.join(corpus, message["file"]), "rb") as f:
        data = f.read()
    # Maildir name: unique, with the physical (S) and CRLF (W) sizes as Dovecot writes them.
    virtual = len(data) + data.count(b"\n") - data.count(b"\r\n")
    name = "%d.M%06dP%d.thidua-bench,S=%d,W=%d" % (now, number, os.getpid(), len(data), virtual)
    tmp = os.path.join(maildir, "tmp", name)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chown(tmp, uid, gid)
    os.rename(tmp, os.path.join(maildir, "new", name))
print(len(messages))
