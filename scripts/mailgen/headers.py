"""Header encodings of school mail: RFC 2047 encoded words, RFC 2231 parameters, mailboxes.

Each mail client splits encoded words and parameter continuations its own way, and the
generators reproduce several of those ways; the keywords below select one. Every split
happens at a character (or grapheme) boundary unless asked otherwise.
"""

import base64

from .encoding import clusters, encode, is_printable_ascii, percent


def q_encode(data, safe=b""):
    """The Q encoding of RFC 2047: ASCII letters and digits (and `safe`) as they are, space as
    "_", every other byte as =XX."""
    return "".join("_" if b == 0x20 else chr(b) if (b < 128 and chr(b).isalnum()) or b in safe
                   else "=%02X" % b for b in data)


def encoded_words(text, charset="utf-8", encoding="B", *, max_bytes=None, max_length=None,
                  by_cluster=False, split_midchar=False, label=None, q_safe=b"", tones="precomposed"):
    """`text` as RFC 2047 encoded words `=?label?encoding?…?=` (label defaults to charset).

    A word holds as many characters as fit: at most max_bytes bytes of encoded text and at
    most max_length characters for the whole word (None: no limit); by_cluster keeps a letter
    and its combining marks in one word. split_midchar instead cuts the encoded bytes every
    max_bytes, in the middle of a character, as some webmails do. Stateful charsets
    (ISO-2022-JP) are encoded a whole word at a time, so each word is complete.
    """
    label = charset if label is None else label

    def word(data):
        payload = base64.b64encode(data).decode() if encoding.upper() == "B" else q_encode(data, q_safe)
        return "=?%s?%s?%s?=" % (label, encoding, payload)

    if split_midchar:
        data = encode(text, charset, tones)
        return [word(data[i:i + max_bytes]) for i in range(0, len(data), max_bytes)]

    def fits(piece):
        data = encode(piece, charset, tones)
        return (max_bytes is None or len(data) <= max_bytes) and (max_length is None or len(word(data)) <= max_length)

    chunks, piece = [], ""
    for unit in (clusters(text) if by_cluster else text):
        if piece and not fits(piece + unit):
            chunks.append(piece)
            piece = ""
        piece += unit
    if piece:
        chunks.append(piece)
    return [word(encode(c, charset, tones)) for c in chunks]


def header_text(text, charset="utf-8", encoding="B", sep="\r\n ", **words):
    """An unstructured header value: printable ASCII as it is, anything else as encoded words
    (see encoded_words for `words`) folded with `sep`."""
    if is_printable_ascii(text):
        return text
    return sep.join(encoded_words(text, charset, encoding, **words))


def mailbox(display, address, encode_display, quote="always"):
    """`display <address>`, or the bare address without a display name. A printable-ASCII
    display name is put in quotes as it is (quote="always": the corpora's names hold no quote
    or backslash), or only when it holds specials, escaping them (quote="specials", as mail
    clients do); any other is written by encode_display (encoded words)."""
    if not display:
        return address
    if is_printable_ascii(display):
        if quote == "always":
            return '"%s" <%s>' % (display, address)
        if any(c in display for c in '()<>[]:;@\\,."'):
            return '"%s" <%s>' % (display.replace("\\", "\\\\").replace('"', '\\"'), address)
        return "%s <%s>" % (display, address)
    return "%s <%s>" % (encode_display(display), address)


def rfc2231(param, text, charset="utf-8", *, lang="", pieces=1, split="chars", width=None, order=None,
            plain_index=None, safe="-._~", tones="precomposed"):
    """RFC 2231 `param*=charset'lang'%..`, or its continuations `param*0*=…`, `param*1*=…`,
    as a list of parameters (the caller joins them).

    How the value is cut into sections:
    - width=N: sections of at most N characters of escaped text (the first N minus the
      charset's length and 2), never inside a %XX; one section if it fits (Thunderbird).
    - pieces=N, split="chars": N sections of about equal bytes at character boundaries;
      `plain_index` makes the section after the first a plain quoted string (the longest ASCII
      run of the text) and `order` permutes the sections as written (hand-made oddities).
    - pieces=N, split="escaped": N sections of about equal escaped text, each cut moved past
      any %XX it would split.
    """
    data = encode(text, charset, tones)
    if width is not None:
        escaped = percent(data, safe)
        if len(escaped) <= width:
            return ["%s*=%s'%s'%s" % (param, charset, lang, escaped)]
        sections, i, first = [], 0, True
        while i < len(escaped):
            n = width - (len(charset) + 2 if first else 0)
            j = min(i + n, len(escaped))
            if j < len(escaped) and "%" in escaped[j - 2:j]:  # do not cut a %XX escape
                j = i + escaped[i:j].rindex("%")
            sections.append(escaped[i:j])
            i, first = j, False
        return _continuations(param, charset, lang, sections)
    if pieces == 1:
        return ["%s*=%s'%s'%s" % (param, charset, lang, percent(data, safe))]
    if split == "escaped":
        escaped = percent(data, safe)
        size = -(-len(escaped) // pieces)
        sections, rest = [], escaped
        while rest:
            cut = min(size, len(rest))
            while cut < len(rest) and "%" in rest[max(0, cut - 2):cut]:  # never cut inside a %XX escape
                cut += 1
            sections.append(rest[:cut])
            rest = rest[cut:]
        return _continuations(param, charset, lang, sections)
    if split != "chars":
        raise ValueError(split)
    if plain_index is not None:
        # the plain section is the longest ASCII run after the first character
        best = (0, 1, 1)
        i = 1
        while i < len(text):
            j = i
            while j < len(text) and ord(text[j]) < 128 and text[j] not in '"\\':
                j += 1
            if j - i > best[0]:
                best = (j - i, i, j)
            i = j + 1
        _, a, b = best
        raw = [encode(x, charset, tones) for x in (text[:a], text[a:b], text[b:]) if x]
        plain_index = 1
    else:
        size = max(1, len(data) // pieces + 1)
        raw, cur = [], b""
        for ch in text:
            b = encode(ch, charset, tones)
            if len(cur) + len(b) > size and cur and len(raw) < pieces - 1:
                raw.append(cur)
                cur = b""
            cur += b
        raw.append(cur)
    assert b"".join(raw) == data
    out = []
    for i, sec in enumerate(raw):
        if i == plain_index and i > 0:
            assert all(b < 128 and b not in b'"\\' for b in sec)
            out.append('%s*%d="%s"' % (param, i, sec.decode("ascii")))
        else:
            out.append(_continuations(param, charset, lang, [percent(sec, safe)], first=i)[0])
    if order:
        out = [out[i] for i in order if i < len(out)] + [s for j, s in enumerate(out) if j not in order]
    return out


def _continuations(param, charset, lang, sections, first=0):
    return ["%s*%d*=%s%s" % (param, i, "%s'%s'" % (charset, lang) if i == 0 else "", s)
            for i, s in enumerate(sections, first)]
