"""Turn a page's raw bytes into text: never trust a single declaration.

Order: byte-order mark, the HTTP charset, <meta charset>, strict UTF-8,
detection (charset-normalizer), then windows-1252.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Labels that browsers map to a wider encoding (WHATWG Encoding Standard):
# pages labelled latin-1 are really windows-1252, gb2312 is read as gb18030...
_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    # A page cannot declare UTF-16 in its own ASCII markup; such labels lie.
    "utf_16": "utf-8",
    "utf_16_le": "utf-8",
    "utf_16_be": "utf-8",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x"> and <meta http-equiv="Content-Type" content="...; charset=x">
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_:.+-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([a-zA-Z0-9_.-]+)", re.I)
_PRESCAN_BYTES = 8192


def codec_name(label: str | None) -> str | None:
    """The Python codec a charset label means, widened as browsers do; None if unknown."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().lower())
    except LookupError:
        return None
    # base64, rot13, hex... are codecs too, but not text encodings
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    name = info.name
    name = name.replace("-", "_")
    return _SUPERSETS.get(name, name)


def sniff_encoding(data: bytes, declared: str | None = None) -> str:
    """The codec to read `data` with; `declared` is the HTTP header's charset."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return bom_codec
    head = data[:_PRESCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    meta_label = match.group(1).decode("ascii") if match else None
    for label in (declared, meta_label):
        name = codec_name(label)
        if name is None:
            continue
        if name in ("utf_8", "utf-8"):
            if _is_utf8(data):
                return "utf-8"
            continue  # a false UTF-8 label: detect instead
        if not data.isascii() and _is_utf8(data):
            # Text in a legacy encoding is almost never valid UTF-8 by chance:
            # this is UTF-8 served or saved under a stale label.
            return "utf-8"
        return name
    if _is_utf8(data):
        return "utf-8"
    best = charset_normalizer.from_bytes(data[:65536]).best()
    if best is not None and best.encoding:
        return codec_name(best.encoding) or "cp1252"
    return "cp1252"


def _is_utf8(data: bytes) -> bool:
    # Not final: a page cut at a size limit may end inside a character.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def to_utf8(data: bytes, declared: str | None = None) -> bytes:
    """Re-encode `data` as UTF-8 (a no-op for valid UTF-8 without a BOM)."""
    encoding = sniff_encoding(data, declared)
    if encoding == "utf-8":
        return data[3:] if data.startswith(codecs.BOM_UTF8) else data
    return data.decode(encoding, errors="replace").encode("utf-8")
