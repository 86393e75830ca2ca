#!/usr/bin/python3
"""Lists the office INBOX at the end of the soak: every UID, its Message-ID, how many are
\\Seen and the UIDVALIDITY, into WORK/mailbox.json.

    scripts/benchlib/soak_mailbox.py STACK OFFICE WORK

Called by scripts/bench-soak, from the repository root.
"""
import imaplib, json, os, ssl, sys
stack, office, work = sys.argv[1:4]
env = {k: v.strip("'\"") for k, v in (l.split("=", 1) for l in open(os.path.join(stack, "env")).read().split() if "=" in l)}
imap = imaplib.IMAP4_SSL(env["MAILSTACK_HOST"], int(env["MAILSTACK_IMAPS_PORT"]),
                         ssl_context=ssl.create_default_context(cafile=env["MAILSTACK_CA_FILE"]))
imap.login(office, open(env["MAILSTACK_PASSWORD_FILE"]).read().strip())
typ, data = imap.select("INBOX", readonly=True)
typ, status = imap.status("INBOX", "(UIDVALIDITY)")
uidvalidity = int(status[0].decode().split("UIDVALIDITY")[1].strip(" )"))
typ, data = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
uids, ids, seen = [], [], 0
for item in data:
    if not isinstance(item, tuple):
        continue  # the closing ")" of each response
    line, header = item[0].decode(), item[1].decode(errors="replace")
    uids.append(int(line.split("UID ")[1].split()[0].rstrip(")")))
    ids.append(header.split(":", 1)[1].strip() if ":" in header else "")
    seen += "\\Seen" in line
imap.logout()
json.dump({"uids": uids, "ids": ids, "seen": seen, "uidvalidity": uidvalidity}, open(os.path.join(work, "mailbox.json"), "w"))
