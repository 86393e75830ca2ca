"""A small OAuth2 provider for the thidua local mail stack (run inside smtpd.py).

* ``POST /token`` (HTTPS, the stack's certificate): the refresh-token grant of RFC 6749
  section 6. ``client_id`` must be ``thidua-test`` and ``client_secret`` ``thidua-secret``;
  a refresh token is ``<user address>:<stack password>``, or that with ``:expires=N`` to
  get access tokens valid for N seconds; ``revoked:...`` answers ``invalid_grant`` as
  Google does for a revoked grant.
* ``POST /introspect`` (plain HTTP on loopback, for Dovecot's oauth2 passdb only):
  RFC 7662 introspection of the access tokens issued above.

This stands in for Google's or Microsoft's endpoint so that XOAUTH2 logins are tested
end to end against the real Dovecot.
"""

import hmac
import json
import secrets
import ssl
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENT_ID = "thidua-test"
CLIENT_SECRET = "thidua-secret"


class Tokens:
    def __init__(self, password):
        self.password = password
        self.lock = threading.Lock()
        self.issued = {}  # access token -> (user, expiry)

    def refresh(self, form):
        if form.get("grant_type") != "refresh_token":
            return 400, {"error": "unsupported_grant_type"}
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {"error": "invalid_client", "error_description": "The OAuth client was not found."}
        token = form.get("refresh_token", "")
        if token.startswith("revoked:"):
            return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
        parts = token.split(":")
        lifetime = 3600
        if len(parts) == 3 and parts[2].startswith("expires="):
            lifetime = int(parts[2][len("expires="):])
            parts = parts[:2]
        if len(parts) != 2 or "@" not in parts[0] or not hmac.compare_digest(parts[1], self.password):
            return 400, {"error": "invalid_grant", "error_description": "Bad Request"}
        access = "ya29." + secrets.token_urlsafe(24)
        with self.lock:
            self.issued[access] = (parts[0].lower(), time.time() + lifetime)
        return 200, {"access_token": access, "expires_in": lifetime, "token_type": "Bearer",
                     "scope": "https://mail.google.com/"}

    def introspect(self, form):
        with self.lock:
            entry = self.issued.get(form.get("token", ""))
        if entry is None or entry[1] < time.time():
            return 200, {"active": False}
        return 200, {"active": True, "username": entry[0]}


def _handler(tokens, route):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
            if self.path.split("?")[0] != "/" + route:
                status, body = 404, {"error": "not_found"}
            else:
                status, body = getattr(tokens, "refresh" if route == "token" else "introspect")(form)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # quiet; smtpd.log is for mail
            pass

    return Handler


def start(host, token_port, introspect_port, cert, key, password):
    """Starts both endpoints in daemon threads; returns the servers (to close on exit)."""
    tokens = Tokens(password)
    token_server = ThreadingHTTPServer((host, token_port), _handler(tokens, "token"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    token_server.socket = context.wrap_socket(token_server.socket, server_side=True)
    introspect_server = ThreadingHTTPServer((host, introspect_port), _handler(tokens, "introspect"))
    for server in (token_server, introspect_server):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return [token_server, introspect_server]
