"""MIME trees of school mail, rendered to bytes by hand so that each client's habits
(line ends, folding, where the blank lines go) come out byte for byte.

A tree is a Message (headers, root) whose root is a Leaf, a Multi of further nodes, or an
RFC822 part holding another Message. Header items are "Name: value" lines (str or bytes)
or (name, value) pairs.
"""

from .encoding import b64_lines


class Leaf:
    """A single part: headers and a body (str, encoded as UTF-8, or bytes). A raw body is
    written as it is, never translated; `expect` lists what a test should find in it."""

    def __init__(self, headers, body, raw=False, expect=None):
        self.headers, self.body, self.raw, self.expect = headers, body, raw, expect or []


class Multi:
    """multipart/<subtype> with `boundary`; ctype replaces the generated Content-Type header
    (for extra parameters); preamble and epilogue are text lines; close=False leaves out the
    closing delimiter (and the epilogue), as truncated mail does."""

    def __init__(self, subtype, boundary, children, headers=None, preamble=None, epilogue=None, close=True,
                 ctype=None):
        self.subtype, self.boundary, self.children = subtype, boundary, children
        self.headers = list(headers or [])
        self.preamble, self.epilogue, self.close = preamble, epilogue, close
        self.ctype = ctype


class RFC822:
    """message/rfc822 part holding a nested message (base64-encoded when cte is set)."""

    def __init__(self, message, headers=None, cte=None):
        self.message, self.headers, self.cte = message, headers or [], cte


class Message:
    def __init__(self, headers, root):
        self.headers, self.root = headers, root


def render(node, eol="\r\n", *, translate=True, leaf_eol=False, delimiter_eol="always", ctype_sep=";\n\t"):
    """The bytes of `node`.

    translate: every "\\n" in headers and text bodies becomes `eol` (the tree is written
        with "\\n"); otherwise text is written as it is and only the renderer's own line
        ends are `eol`.
    leaf_eol: a line end after every leaf's body.
    delimiter_eol: "always" writes a line end before every boundary delimiter (the RFC's
        form: it belongs to the delimiter); "if-missing" only where the part did not end
        with one, so a body's own last line end doubles as the delimiter's.
    ctype_sep: between multipart/<subtype> and boundary= in generated Content-Type headers.
    """
    out = _Out(eol.encode(), translate)
    _render(node, out, dict(leaf_eol=leaf_eol, delimiter_eol=delimiter_eol, ctype_sep=ctype_sep))
    return bytes(out.buf)


def leaves(node):
    """The leaves of `node` in document order, depth first, into message/rfc822 parts."""
    if isinstance(node, Message):
        yield from leaves(node.root)
    elif isinstance(node, Multi):
        for child in node.children:
            yield from leaves(child)
    elif isinstance(node, RFC822):
        yield from leaves(node.message)
    else:
        yield node


class _Out:
    def __init__(self, eol, translate):
        self.eol, self.translate = eol, translate
        self.buf = bytearray()

    def text(self, s):
        if isinstance(s, str):
            s = s.encode("utf-8")
        self.buf += s.replace(b"\n", self.eol) if self.translate else s

    def raw(self, b):
        self.buf += b

    def line(self, s=""):
        self.text(s)
        self.buf += self.eol

    def headers(self, items):
        for item in items:
            self.line("%s: %s" % item if isinstance(item, tuple) else item)


def _render(node, out, opts):
    if isinstance(node, Message):
        out.headers(node.headers)
        _render(node.root, out, opts)
    elif isinstance(node, Leaf):
        out.headers(node.headers)
        out.line()
        if node.raw:
            out.raw(node.body)
        else:
            out.text(node.body)
        if opts["leaf_eol"]:
            out.line()
    elif isinstance(node, RFC822):
        out.headers(node.headers + (["Content-Transfer-Encoding: base64"] if node.cte else []))
        out.line()
        inner = _Out(out.eol, out.translate)
        _render(node.message, inner, opts)
        if node.cte:
            out.text(b64_lines(bytes(inner.buf)))
        else:
            out.raw(bytes(inner.buf))
    elif isinstance(node, Multi):
        ctype = node.ctype or 'Content-Type: multipart/%s%sboundary="%s"' % (node.subtype, opts["ctype_sep"], node.boundary)
        out.headers(node.headers + [ctype])
        out.line()
        if node.preamble is not None:
            out.line(node.preamble)
        for child in node.children:
            out.line("--" + node.boundary)
            _render(child, out, opts)
            if opts["delimiter_eol"] == "always" or not out.buf.endswith(out.eol):
                out.line()
        if node.close:
            out.line("--%s--" % node.boundary)
            if node.epilogue is not None:
                out.line(node.epilogue)
    else:
        raise TypeError(node)
