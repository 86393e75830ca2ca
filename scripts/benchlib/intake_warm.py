#!/usr/bin/python3
"""Opens USER's INBOX once, read-write, and fetches every message's flags, so that Dovecot
moves new/ to cur/ and builds its index before any timed run.

    scripts/benchlib/intake_warm.py HOST PORT CA_FILE USER PASSWORD_FILE

Called by scripts/bench-intake, from the repository root.
"""
import imaplib, ssl, sys
host, port, ca, user, password_file = sys.argv[1:6]
imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=ssl.create_default_context(cafile=ca))
imap.login(user, open(password_file).read().strip())
imap.select("INBOX")
imap.fetch("1:*", "(UID FLAGS INTERNALDATE RFC822.SIZE)")
imap.logout()
