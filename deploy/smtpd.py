#!/usr/bin/python3
"""Test SMTP server for the thidua local mail stack (see deploy/mailstack).

Two listeners, both on 127.0.0.1 and both requiring AUTH (PLAIN, LOGIN):

* submission (--submission-port): plaintext greeting, STARTTLS required
  before anything but EHLO/NOOP/QUIT; AUTH is refused before STARTTLS.
* smtps (--smtps-port): implicit TLS.

Any login name is accepted together with the single stack password.
Accepted messages are delivered synchronously through Dovecot LMTP before
the DATA command is answered with 250, so that once a client's send returns,
the message is already in every recipient's INBOX.  If delivery fails for
any recipient, DATA is answered with 451 instead.

Test hooks at RCPT time (local part, case-insensitive):
  reject-*    -> 550 5.1.1 <addr>: mailbox unavailable
  tempfail-*  -> 451 4.3.0 try again later
  slow-*      -> accepted after SLOW_RCPT_SECONDS (10 s), so a test can kill
                 the client in the middle of a batch

With --oauth2-port, the same process also serves the stack's OAuth2 token endpoint
and token introspection (oauth2_endpoint.py), for XOAUTH2 tests against Dovecot.

Must run with Debian's /usr/bin/python3 and python3-aiosmtpd.
"""

import argparse
import asyncio
import email.utils
import hmac
import logging
import os
import signal
import smtplib
import socket
import ssl
import sys
import uuid
import warnings

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write(
        "smtpd.py: cannot import aiosmtpd. Install Debian's python3-aiosmtpd "
        "(apt-get install python3-aiosmtpd) and run this script with "
        "/usr/bin/python3, not another python.\n")
    sys.exit(1)

log = logging.getLogger("mailstack.smtpd")

HOSTNAME = "localhost"  # avoid socket.getfqdn(): may block on DNS
SLOW_RCPT_SECONDS = 10

# aiosmtpd warns (and logs, once per connection) when AUTH is required while
# auth_require_tls is False.  On the implicit-TLS listener the whole
# connection is TLS, so that configuration is exactly what we want.
warnings.filterwarnings(
    "ignore", message="Requiring AUTH while not requiring TLS")


class _DropKnownNoise(logging.Filter):
    """Drop aiosmtpd warnings that are expected with this configuration."""

    NOISE = ("auth_require_tls == False",
             "Session.login_data is deprecated")

    def filter(self, record):
        msg = record.getMessage()
        return not any(n in msg for n in self.NOISE)


class DeliveryError(Exception):
    pass


def deliver_lmtp(lmtp_host, lmtp_port, mail_from, rcpts, data):
    """Deliver one message to all rcpts over LMTP. Blocking.

    Returns None on success, raises DeliveryError describing every failure.
    """
    failures = []
    with smtplib.LMTP(lmtp_host, lmtp_port, timeout=60) as lmtp:
        code, resp = lmtp.ehlo()  # sends LHLO
        if code != 250:
            raise DeliveryError(f"LHLO failed: {code} {resp!r}")
        code, resp = lmtp.mail(mail_from)
        if code != 250:
            raise DeliveryError(f"LMTP MAIL FROM failed: {code} {resp!r}")
        accepted = []
        for rcpt in rcpts:
            code, resp = lmtp.rcpt(rcpt)
            if code in (250, 251):
                accepted.append(rcpt)
            else:
                failures.append(f"{rcpt}: RCPT {code} {resp!r}")
        if accepted:
            # LMTP answers DATA with one reply per accepted recipient.
            replies = [lmtp.data(data)]
            replies += [lmtp.getreply() for _ in accepted[1:]]
            for rcpt, (code, resp) in zip(accepted, replies):
                if code != 250:
                    failures.append(f"{rcpt}: DATA {code} {resp!r}")
        try:
            lmtp.quit()
        except smtplib.SMTPException:
            pass
    if failures:
        raise DeliveryError("; ".join(failures))


class Handler:
    def __init__(self, password, lmtp_host, lmtp_port):
        self._password = password.encode()
        self._lmtp_host = lmtp_host
        self._lmtp_port = lmtp_port

    # --- AUTH ---------------------------------------------------------
    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and len(auth_data.login) > 0
              and hmac.compare_digest(auth_data.password, self._password))
        login = (auth_data.login.decode("utf-8", "replace")
                 if isinstance(auth_data, LoginPassword) else "?")
        log.info("%s AUTH %s user=%s %s", _peer(session), mechanism, login,
                 "ok" if ok else "FAILED")
        return AuthResult(success=ok, handled=False)

    # --- SMTP hooks -----------------------------------------------------
    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        local = address.rsplit("@", 1)[0].lower()
        if local.startswith("reject-"):
            log.info("%s RCPT %s -> 550 (test hook)", _peer(session), address)
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        if local.startswith("tempfail-"):
            log.info("%s RCPT %s -> 451 (test hook)", _peer(session), address)
            return "451 4.3.0 try again later"
        if local.startswith("slow-"):
            log.info("%s RCPT %s -> pausing %d s (test hook)", _peer(session), address, SLOW_RCPT_SECONDS)
            await asyncio.sleep(SLOW_RCPT_SECONDS)
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        queue_id = uuid.uuid4().hex[:12].upper()
        data = envelope.original_content
        if isinstance(data, str):  # only if decode_data=True, not used here
            data = data.encode("utf-8", "surrogateescape")
        data = self._received_header(session, envelope, queue_id) + data
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                None, deliver_lmtp, self._lmtp_host, self._lmtp_port,
                envelope.mail_from, list(envelope.rcpt_tos), data)
        except (DeliveryError, OSError, smtplib.SMTPException) as e:
            log.error("%s %s delivery FAILED from=<%s> to=%s: %s",
                      _peer(session), queue_id, envelope.mail_from,
                      ",".join(envelope.rcpt_tos), e)
            return "451 4.3.0 local delivery failed, try again later"
        log.info("%s %s delivered from=<%s> to=%s size=%d", _peer(session),
                 queue_id, envelope.mail_from, ",".join(envelope.rcpt_tos),
                 len(data))
        return f"250 2.0.0 OK delivered as {queue_id}"

    @staticmethod
    def _received_header(session, envelope, queue_id):
        helo = session.host_name or "unknown"
        ip = session.peer[0] if session.peer else "unknown"
        proto = "ESMTPSA" if session.extended_smtp else "SMTPA"
        rcpt = ""
        if len(envelope.rcpt_tos) == 1:
            rcpt = f"\r\n\tfor <{envelope.rcpt_tos[0]}>"
        hdr = (f"Received: from {helo} ([{ip}])\r\n"
               f"\tby {HOSTNAME} (thidua mailstack) with {proto} "
               f"id {queue_id}{rcpt};\r\n"
               f"\t{email.utils.formatdate(localtime=True)}\r\n")
        return hdr.encode("utf-8", "replace")


def _peer(session):
    if session is None or not session.peer:
        return "[?]"
    return f"[{session.peer[0]}]:{session.peer[1]}"


def make_tls_context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    return ctx


async def serve(args):
    with open(args.password_file, encoding="utf-8") as f:
        password = f.read().strip()
    if not password:
        raise SystemExit(f"smtpd.py: {args.password_file} is empty")
    tls = make_tls_context(args.cert, args.key)
    handler = Handler(password, args.lmtp_host, args.lmtp_port)
    if args.oauth2_port:
        import oauth2_endpoint  # beside this file
        oauth2_endpoint.start(args.host, args.oauth2_port, args.introspect_port, args.cert, args.key, password)
    loop = asyncio.get_running_loop()

    common = dict(
        hostname=HOSTNAME,
        ident="thidua mailstack ESMTP",
        auth_required=True,
        authenticator=handler.authenticate,
        # no data_size_limit change: default 32 MiB
    )

    def submission_factory():
        return SMTP(handler, tls_context=tls, require_starttls=True,
                    auth_require_tls=True, loop=loop, **common)

    def smtps_factory():
        # Implicit TLS: the transport is already TLS, aiosmtpd just does not
        # know it, hence auth_require_tls=False (AUTH is still only possible
        # inside TLS because there is no plaintext phase at all).
        return SMTP(handler, tls_context=None, require_starttls=False,
                    auth_require_tls=False, loop=loop, **common)

    servers = [
        await loop.create_server(submission_factory, host=args.host,
                                 port=args.submission_port,
                                 family=socket.AF_INET, reuse_address=True),
        await loop.create_server(smtps_factory, host=args.host,
                                 port=args.smtps_port, ssl=tls,
                                 family=socket.AF_INET, reuse_address=True,
                                 ssl_handshake_timeout=30),
    ]

    if args.pidfile:
        tmp = f"{args.pidfile}.tmp"
        with open(tmp, "w", encoding="ascii") as f:
            f.write(f"{os.getpid()}\n")
        os.replace(tmp, args.pidfile)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("listening on %s: submission(STARTTLS)=%d smtps=%d; "
             "delivering via LMTP %s:%d; pid %d", args.host,
             args.submission_port, args.smtps_port, args.lmtp_host,
             args.lmtp_port, os.getpid())

    await stop.wait()
    log.info("signal received, shutting down")
    for s in servers:
        s.close()
    for s in servers:
        await s.wait_closed()
    # Open client sessions are cancelled by asyncio.run() on return.


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--submission-port", type=int, required=True)
    p.add_argument("--smtps-port", type=int, required=True)
    p.add_argument("--lmtp-host", default="127.0.0.1")
    p.add_argument("--lmtp-port", type=int, required=True)
    p.add_argument("--cert", required=True, help="server certificate (PEM)")
    p.add_argument("--key", required=True, help="server private key (PEM)")
    p.add_argument("--password-file", required=True)
    p.add_argument("--oauth2-port", type=int, help="HTTPS OAuth2 token endpoint (see oauth2_endpoint.py)")
    p.add_argument("--introspect-port", type=int, help="HTTP token introspection for Dovecot")
    p.add_argument("--pidfile")
    p.add_argument("--debug", action="store_true")
    args = p.parse_args()

    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(name)s[%(process)d]: %(levelname)s %(message)s")
    aio_log = logging.getLogger("mail.log")  # aiosmtpd's logger
    aio_log.setLevel(logging.DEBUG if args.debug else logging.WARNING)
    aio_log.addFilter(_DropKnownNoise())

    # Detach from the starting terminal/session so that a Ctrl-C aimed at
    # the caller (make, swift test) does not kill the daemon.
    try:
        os.setsid()
    except OSError:
        pass  # already a session/process-group leader

    try:
        asyncio.run(serve(args))
    except OSError as e:
        log.error("cannot start: %s", e)
        sys.exit(1)
    finally:
        if args.pidfile:
            try:
                with open(args.pidfile, encoding="ascii") as f:
                    mine = f.read().strip() == str(os.getpid())
                if mine:
                    os.unlink(args.pidfile)
            except OSError:
                pass
    log.info("stopped")


if __name__ == "__main__":
    main()
