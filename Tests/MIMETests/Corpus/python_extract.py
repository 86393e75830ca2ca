#!/usr/bin/python3
"""What Python's `email` package (policy=email.policy.default) sees in each message.

    /usr/bin/python3 Tests/MIMETests/Corpus/python_extract.py FILE...

Prints one JSON object per line per file:
    {"file", "subject", "from", "attachments": [{"filename", "sha256"}]}
or, if Python raises on that file, {"file", "error"}.

Attachments are the non-multipart parts, walked depth-first (into message/rfc822 parts, which
are walked into rather than listed), that have a filename (`part.get_filename()`) or a
`Content-Disposition: attachment`; sha256 is of `part.get_payload(decode=True)`. Nothing is
post-processed (no NFC, no control-character removal): this is the reference side of the
differential test, and its known disagreements with expected.json are listed in README.md.
"""
import email
import email.policy
import hashlib
import json
import sys


def walk(part, out):
    if part.is_multipart():
        payload = part.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                walk(sub, out)
        return
    filename = part.get_filename()
    disposition = part.get_content_disposition()
    if filename is None and disposition != "attachment":
        return
    data = part.get_payload(decode=True)
    if data is None:
        data = b""
    elif isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    out.append({"filename": None if filename is None else str(filename),
                "sha256": hashlib.sha256(data).hexdigest()})


def address(msg):
    header = msg["From"]
    if header is None:
        return None
    try:
        addresses = header.addresses
        if addresses:
            return addresses[0].addr_spec.lower()
    except Exception:  # noqa: BLE001 — malformed address: fall back to the raw text
        pass
    return str(header).strip().lower()


def extract(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    subject = msg["Subject"]
    attachments = []
    walk(msg, attachments)
    return {"file": path, "subject": None if subject is None else str(subject), "from": address(msg),
            "attachments": attachments}


def main(paths):
    sys.setrecursionlimit(10000)
    for path in paths:
        try:
            result = extract(path)
        except BaseException as error:  # noqa: BLE001 — never stop the run on one file
            if isinstance(error, KeyboardInterrupt):
                raise
            result = {"file": path, "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
