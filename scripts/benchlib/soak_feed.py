#!/usr/bin/python3
"""Feeder, RSS sampler and Dovecot restarter in one process; then waits for the daemon to
drain the mailbox. Writes feed.json, rss.tsv and restarts.tsv into WORK.

    scripts/benchlib/soak_feed.py WORK DAEMON_PID SECONDS RATE RESTART_EVERY SAMPLE OFFICE ROSTER STACK THIDUA

Called by scripts/bench-soak, from the repository root.
"""
import csv, json, os, random, smtplib, ssl, subprocess, sys, threading, time, imaplib
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from mailgen.encoding import b64_lines  # noqa: E402
from mailgen.headers import encoded_words  # noqa: E402
work, pid, seconds, rate, restart_every, sample, office, roster, stack, thidua = sys.argv[1:11]
pid, seconds, rate, restart_every, sample = int(pid), int(seconds), float(rate), int(restart_every), float(sample)
env = dict(l.split("=", 1) for l in open(os.path.join(stack, "env")).read().split() if "=" in l)
env = {k: v.strip("'\"") for k, v in env.items()}
host, lmtp_port, imaps_port = env["MAILSTACK_HOST"], int(env["MAILSTACK_LMTP_PORT"]), int(env["MAILSTACK_IMAPS_PORT"])
password = open(env["MAILSTACK_PASSWORD_FILE"]).read().strip()
units = [row for row in csv.DictReader(open(roster, encoding="utf-8"))]
rng = random.Random(20210221)
start = time.monotonic()
stop = threading.Event()

def words(text):  # RFC 2047, base64, UTF-8, one word however long
    return encoded_words(text, "utf-8", "B", label="UTF-8")[0]

def message(n):
    """A school's submission; about one in ten is malformed in one of the ways real mail is."""
    unit = units[n % len(units)]
    sender = unit["emails"].split(";")[0].strip()
    kind = rng.choices(["scan", "big-scan", "no-attachment", "unclosed-boundary", "bad-base64", "raw-8bit", "stranger"],
                       [80, 4, 4, 3, 3, 3, 3])[0]
    name = unit["name"]
    if kind == "stranger":  # not in the roster, and naming no school: it waits for the officer
        sender, name = "nguoi-la-%d@elsewhere.example" % n, "Người lạ"
    size = rng.randint(900_000, 1_100_000) if kind == "big-scan" else rng.randint(20_000, 180_000)
    scan = b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(64)) * (size // 64) + b"\n%%EOF\n"
    payload = b64_lines(scan, eol="\r\n", terminate=True)
    if kind == "bad-base64":
        payload = payload[:len(payload) // 2] + "!!@@##\r\n" + payload[len(payload) // 2:]
    boundary = "=_soak_%06d" % n
    subject = "Kế hoạch thi đua khen thưởng năm 2021 - %s (lần %d)" % (name, n)
    headers = [
        "From: %s <%s>" % (words(name), sender),
        "To: %s" % office,
        "Subject: %s" % (subject if kind == "raw-8bit" else words(subject)),
        "Date: %s" % time.strftime("%a, %d %b %Y %H:%M:%S +0700", time.gmtime(time.time() + 7 * 3600)),
        "Message-ID: <soak-%06d@%s>" % (n, sender.split("@")[1]),
        "MIME-Version: 1.0",
    ]
    body = "Kính gửi Phòng GDĐT, %s gửi kế hoạch (bản scan có dấu đỏ).\r\n" % name
    if kind == "no-attachment":
        headers.append("Content-Type: text/plain; charset=utf-8")
        text = "\r\n".join(headers) + "\r\n\r\n" + body
    else:
        headers.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
        parts = [
            "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s" % (boundary, body),
            "--%s\r\nContent-Type: application/pdf; name=\"KH.pdf\"\r\nContent-Disposition: attachment; filename*=UTF-8''K%%E1%%BA%%BF%%20ho%%E1%%BA%%A1ch%%20%d.pdf\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s" % (boundary, n, payload),
        ]
        closing = "" if kind == "unclosed-boundary" else "--%s--\r\n" % boundary
        text = "\r\n".join(headers) + "\r\n\r\n" + "\r\n".join(parts) + closing
    return sender, kind, text.encode("utf-8")

feed = {"delivered": 0, "kinds": {}, "attempt_failures": 0, "bytes": 0, "ids": []}
def feeder():
    n = 0
    while not stop.is_set() and time.monotonic() - start < seconds:
        due = start + n / rate
        if time.monotonic() < due:
            time.sleep(min(0.2, due - time.monotonic()))
            continue
        sender, kind, raw = message(n)
        while not stop.is_set():
            try:
                with smtplib.LMTP(host, lmtp_port, timeout=30) as lmtp:
                    lmtp.sendmail(sender, [office], raw)
                break
            except (OSError, smtplib.SMTPException):
                feed["attempt_failures"] += 1  # Dovecot restarting: try again shortly
                time.sleep(1)
        feed["delivered"] += 1
        feed["ids"].append(raw.split(b"Message-ID: ")[1].split(b"\r\n")[0].decode())
        feed["bytes"] += len(raw)
        feed["kinds"][kind] = feed["kinds"].get(kind, 0) + 1
        n += 1

def rss_kb():
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None

samples = []
def sampler():
    while not stop.is_set():
        value = rss_kb()
        if value is not None:
            samples.append((time.monotonic() - start, value))
        stop.wait(sample)

restarts = []
def restarter():
    while not stop.wait(restart_every):
        if time.monotonic() - start >= seconds:
            break
        began = time.monotonic()
        result = subprocess.run(["deploy/mailstack", "restart-imap", stack], capture_output=True, text=True)
        restarts.append((began - start, time.monotonic() - began, result.returncode))

threads = [threading.Thread(target=f, daemon=True) for f in (feeder, sampler, restarter)]
for t in threads:
    t.start()
threads[0].join()
fed_at = time.monotonic() - start

def mailbox():
    imap = imaplib.IMAP4_SSL(host, imaps_port, ssl_context=ssl.create_default_context(cafile=env["MAILSTACK_CA_FILE"]))
    imap.login(office, password)
    typ, data = imap.status("INBOX", "(MESSAGES UNSEEN UIDVALIDITY)")
    imap.logout()
    fields = data[0].decode().split("(")[1].rstrip(")").split()
    return dict(zip(fields[::2], map(int, fields[1::2])))

def recorded():
    result = subprocess.run([thidua, "status", "--json"], capture_output=True, text=True)
    return json.loads(result.stdout)["intake"]["messages"] if result.returncode == 0 else -1

# Drain: the daemon catches up with what is in the mailbox (two minutes at most).
drain_began = time.monotonic()
while time.monotonic() - drain_began < 120:
    try:
        if os.path.exists("/proc/%d" % pid) and recorded() >= mailbox()["MESSAGES"]:
            break
    except (OSError, imaplib.IMAP4.error, ValueError, KeyError):
        pass  # Dovecot or the store busy for a moment: ask again
    time.sleep(2)
drained = time.monotonic() - drain_began
time.sleep(sample)  # one more sample once idle
stop.set()
threads[1].join()
with open(os.path.join(work, "rss.tsv"), "w") as f:
    f.writelines("%.1f\t%d\n" % s for s in samples)
with open(os.path.join(work, "restarts.tsv"), "w") as f:
    f.writelines("%.1f\t%.1f\t%d\n" % r for r in restarts)
feed.update(fed_seconds=fed_at, drain_seconds=drained, peak_kb=max((s[1] for s in samples), default=0))
json.dump(feed, open(os.path.join(work, "feed.json"), "w"), indent=1)
