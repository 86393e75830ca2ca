"""The stamp of a generated labelled set: a hash of what its files depend on (the
generator's sources, fonts, Pillow's and the tools' versions), kept in OUTDIR/.stamp, so
that generating into an up-to-date folder does nothing."""
import hashlib
import os
import subprocess

import PIL


def stamp(sources, tools=()):
    """The hash of `sources` (paths) and of Pillow's and `tools`' versions (commands whose
    output's lines with "version" in them are hashed)."""
    h = hashlib.sha256()
    for path in sources:
        with open(path, "rb") as f:
            h.update(os.path.basename(path).encode() + b"\0" + f.read())
    h.update(PIL.__version__.encode())
    for tool in tools:
        run = subprocess.run(tool, capture_output=True, text=True)
        h.update("".join(ln for ln in (run.stdout + run.stderr).splitlines() if "version" in ln).encode())
    return h.hexdigest()


def up_to_date(out, mark):
    """Whether OUTDIR holds a set (labels.json) made with stamp `mark`."""
    path = os.path.join(out, ".stamp")
    if not (os.path.exists(os.path.join(out, "labels.json")) and os.path.exists(path)):
        return False
    with open(path) as f:
        return f.read().strip() == mark


def write(out, mark):
    with open(os.path.join(out, ".stamp"), "w") as f:
        f.write(mark + "\n")
