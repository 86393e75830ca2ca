"""Test mail for thidua: what schools send to the office, made deterministically with the
standard library only.

One package for the generators that used to carry their own copies of this code:
deploy/demo-mail.py (the demo mailbox), Tests/MIMETests/Corpus/generate.py (the MIME
corpus), Tests/IntakeTests/Labelled/generate.py (the labelled set) and
scripts/bench-corpus.py (the benchmarks' corpus). Each keeps its plan of messages; the
pieces are here:

    encoding  charsets (windows-1258 as Windows writes it), base64 and quoted-printable
    headers   RFC 2047 encoded words, RFC 2231 parameters, mailboxes
    mime      MIME trees rendered byte for byte (Leaf, Multi, RFC822, Message)
    images    the scanned page, JPEG, PNG, TIFF
    pdf       scan and text PDFs
    office    docx, xlsx, zip, winmail.dat

The generators' outputs are pinned (expected.json, labels.json, manifests), so behaviour a
generator relies on does not change here: where two generators did a thing differently, a
keyword argument chooses the way, and random numbers are drawn in the same order as before.
The generators find this package by putting the repository's scripts/ on sys.path.
test_mailgen.py tests it, and that the pinned corpora regenerate unchanged (scripts/lint-python
runs it).
"""
