"""Bytes or text in, an lxml tree out, or a clear ExtractError."""

from __future__ import annotations

from lxml import etree

from ..errors import ExtractError
from .decode import to_utf8
from .tree import Element

# Leading bytes of formats that are sometimes served as text/html.
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF media file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)
# Real article pages have a few thousand elements; a page with millions would take
# seconds to walk. Counting is only worth it for big pages.
MAX_ELEMENTS = 500_000
_COUNT_ABOVE_BYTES = 4 * 1024 * 1024
_COUNT_ELEMENTS = etree.XPath("count(//*)")
_CONTROL_BYTES = bytes(range(9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1B))


def describe_binary(data: bytes) -> str | None:
    """Name what `data` is when it is clearly not text, else None."""
    head = data[:1024]
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None  # UTF-16 text with a byte-order mark
    if head and sum(head.count(byte) for byte in _CONTROL_BYTES[:9]) > len(head) // 100 + 1:
        return "binary data"
    return None


def parse_html(markup: bytes | str, *, charset: str | None = None) -> Element:
    """Parse a page into an lxml tree, decoding bytes in the documented order."""
    data = markup.encode("utf-8", "replace") if isinstance(markup, str) else markup
    if not data or data.isspace():  # not strip(): that would copy the page
        raise ExtractError("page is empty")
    kind = describe_binary(data)
    if kind:
        raise ExtractError(f"page is {kind}, not HTML")
    # A str is already decoded: whatever its <meta charset> says no longer applies.
    utf8 = data if isinstance(markup, str) else to_utf8(data, charset)
    if b"\x00" in utf8:
        utf8 = utf8.replace(b"\x00", b"")
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False
    )
    try:
        root = etree.fromstring(utf8, parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"cannot parse page: {exc}") from exc
    _refuse_truncated(parser)
    if root is None:
        raise ExtractError("page holds no HTML elements")
    if len(utf8) > _COUNT_ABOVE_BYTES:
        count = int(_COUNT_ELEMENTS(root))
        if count > MAX_ELEMENTS:
            raise ExtractError(
                f"page has {count:,} elements, more than the {MAX_ELEMENTS:,} an article page needs"
            )
    return root


def _refuse_truncated(parser: etree.HTMLParser) -> None:
    """lxml stops silently at its resource limits; say so instead of going on."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise ExtractError(
                "page is nested too deeply to parse whole "
                f"(the parser stopped at line {entry.line}: {entry.message.strip()})"
            )
