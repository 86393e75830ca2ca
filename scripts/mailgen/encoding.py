"""Charsets and transfer encodings of school mail.

windows-1258 as Vietnamese Windows writes it, base64 and quoted-printable bodies, percent
escapes for RFC 2231, and the diacritic-free spelling people type on phones. The generators
differ in small ways (line ends, which tone marks stay precomposed); each difference is a
keyword here so that every generator keeps writing the bytes its pinned outputs hold.
"""

import base64
import itertools
import quopri
import unicodedata

# Python's codec for each charset label the generators write.
PYCODEC = {
    "utf-8": "utf-8", "windows-1258": "cp1258", "windows-1252": "cp1252", "iso-8859-1": "latin-1",
    "iso-8859-2": "iso8859_2", "koi8-r": "koi8_r", "gb18030": "gb18030", "gbk": "gbk", "big5": "big5",
    "shift_jis": "shift_jis", "iso-2022-jp": "iso2022_jp", "us-ascii": "ascii",
}

# Marks that windows-1258 keeps precomposed with their vowel (â, ă, ơ, ư…); tone marks are
# written after the vowel as combining characters.
_SHAPE_MARKS = {"\u0302", "\u0306", "\u031b"}


def clusters(text):
    """Base characters with their combining marks, so a split never separates a letter's marks."""
    out = []
    for ch in text:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def windows_1258(text, tones="precomposed"):
    """Vietnamese in windows-1258. The code page has à, á… but not ả, ạ, ậ…: those are written as
    a base letter plus a combining tone mark, as Windows does.

    tones="precomposed" uses a precomposed letter wherever the code page has one (à stays E0);
    tones="combining" writes every tone mark as a combining character (à is a + U+0300), as
    old Outlook does. Either decodes back to the same text once NFC-normalised.
    """
    if tones == "combining":
        out = []
        for cl in clusters(unicodedata.normalize("NFD", text)):
            base, marks = cl[0], cl[1:]
            keep = "".join(m for m in marks if m in _SHAPE_MARKS)
            rest = "".join(m for m in marks if m not in _SHAPE_MARKS)
            out.append(unicodedata.normalize("NFC", base + keep) + rest)
        data = "".join(out).encode("cp1258")
    elif tones == "precomposed":
        data = _windows_1258_precomposed(text)
    else:
        raise ValueError(tones)
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == unicodedata.normalize("NFC", text), text
    return data


def _windows_1258_precomposed(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        # Keep as many marks precomposed with the base as the code page allows (â, ơ, ư…),
        # write the rest (tone marks) as combining characters: ậ → â + U+0323.
        for keep in range(len(marks), -1, -1):
            for combo in itertools.combinations(range(len(marks)), keep):
                head = unicodedata.normalize("NFC", base + "".join(marks[i] for i in combo))
                rest = [marks[i] for i in range(len(marks)) if i not in combo]
                if len(head) != 1:
                    continue
                try:
                    chunk = head.encode("cp1258") + b"".join(m.encode("cp1258") for m in rest)
                except UnicodeEncodeError:
                    continue
                out += chunk
                break
            else:
                continue
            break
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "not representable")
    return bytes(out)


def encode(text, charset, tones="precomposed"):
    """`text` in the MIME charset `charset` (any case); windows-1258 as `windows_1258` writes it."""
    charset = charset.lower()
    if charset == "windows-1258":
        return windows_1258(text, tones)
    codec = PYCODEC[charset]
    data = text.encode(codec)
    assert data.decode(codec) == text
    return data


def ascii_fold(text, ascii_only=False):
    """Vietnamese without its diacritics (Đ → D), as people type it on phones and in filenames.
    ascii_only also drops whatever is left outside ASCII, after compatibility decomposition."""
    text = text.replace("Đ", "D").replace("đ", "d")
    if ascii_only:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def is_ascii(text):
    return all(ord(c) < 128 for c in text)


def is_printable_ascii(text):
    return all(32 <= ord(c) < 127 for c in text)


def percent(data, safe="-._~"):
    """RFC 2231 percent escapes of `data`: ASCII letters, digits and `safe` are kept."""
    return "".join(chr(b) if (b < 128 and chr(b).isalnum()) or chr(b) in safe else "%%%02X" % b for b in data)


# --------------------------------------------------------------------------- transfer encodings


def b64_lines(data, width=76, eol="\n", terminate=False):
    """base64 in lines of `width` characters joined by `eol`; with terminate every line,
    the last too, ends with `eol` (as base64.encodebytes writes it)."""
    s = base64.b64encode(data).decode()
    lines = [s[i:i + width] for i in range(0, len(s), width)]
    return "".join(line + eol for line in lines) if terminate else eol.join(lines)


def quoted_printable(data, eol=b"\r\n"):
    """The standard library's quoted-printable (hard line breaks kept, soft breaks at 76)
    with `eol` for every line end. `data` may have LF or CRLF line ends, not a mix (binascii
    takes CRLF for the line end when the first line ends with one)."""
    return quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", eol)


def qp_binary(data):
    """Quoted-printable with no hard line breaks: every byte outside printable ASCII is
    escaped, so the decoded bytes are exactly `data` whatever the line ends on the wire."""
    lines, cur = [], ""
    for b in data:
        tok = chr(b) if 33 <= b <= 126 and b != 61 else "=%02X" % b
        if len(cur) + len(tok) > 75:
            lines.append(cur + "=")
            cur = ""
        cur += tok
    lines.append(cur)
    return "\n".join(lines)


def qp_text(text_bytes):
    """Quoted-printable of a text body with hard line breaks kept as line breaks."""
    out = []
    for line in text_bytes.split(b"\n"):
        cur = ""
        for i, b in enumerate(line):
            tok = chr(b) if (33 <= b <= 126 and b != 61) or (b == 32 and i != len(line) - 1) else "=%02X" % b
            if len(cur) + len(tok) > 75:
                out.append(cur + "=")
                cur = ""
            cur += tok
        out.append(cur)
    return "\n".join(out)
