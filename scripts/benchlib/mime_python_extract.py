#!/usr/bin/python3
"""What an administrator would script with Python's email package (policy.default): every
attachment of each MESSAGE written to OUTDIR/<message>/<filename>. The MIME benchmark
times it as its "Python email" row.

    scripts/benchlib/mime_python_extract.py OUTDIR MESSAGE.eml...

Called by scripts/bench-mime, from the repository root.
"""
import email, email.policy, os, sys
outdir = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    target = os.path.join(outdir, os.path.basename(path)[:-4])
    os.makedirs(target, exist_ok=True)
    for n, part in enumerate(msg.iter_attachments()):
        name = (part.get_filename() or "part-%d" % n).replace("/", "_")
        with open(os.path.join(target, name), "wb") as w:
            w.write(part.get_payload(decode=True) or b"")
