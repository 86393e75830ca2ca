"""Test mail for thidua: what schools send to the office, made deterministically with the
standard library only (but for scans, which draws with Pillow).

One package for the generators that used to carry their own copies of this code:
deploy/demo-mail.py (the demo mailbox), Tests/MIMETests/Corpus/generate.py (the MIME
corpus), Tests/IntakeTests/Labelled/generate.py (the labelled set),
scripts/bench-corpus.py (the benchmarks' corpus) and Tests/DocumentCheckTests/Labelled/
generate.py (the document check's labelled scans). Each keeps its plan; the pieces are here:

    encoding  charsets (windows-1258 as Windows writes it), base64 and quoted-printable
    headers   RFC 2047 encoded words, RFC 2231 parameters, mailboxes
    mime      MIME trees rendered byte for byte (Leaf, Multi, RFC822, Message)
    images    the scanned page, JPEG, PNG, TIFF
    pdf       scan and text PDFs
    office    docx, xlsx, zip, winmail.dat
    scans     realistic scanned pages and phone photos drawn with Pillow: the red seal, the
              red things that are not seals, scanner and camera effects (python3-pil,
              fonts-dejavu-core; heif-enc for HEIC)

The generators' outputs are pinned (expected.json, labels.json, manifests), so behaviour a
generator relies on does not change here: where two generators did a thing differently, a
keyword argument chooses the way, and random numbers are drawn in the same order as before.
The generators find this package by putting the repository's scripts/ on sys.path.
test_mailgen.py tests it, and that the pinned corpora regenerate unchanged; test_scans.py tests
scans and a sample of the document check's set, and skips without Pillow (scripts/lint-python
runs both).
"""
