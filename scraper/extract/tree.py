"""The tree type the parser works on, and the one text helper every stage shares."""

from __future__ import annotations

from lxml import etree
from lxml.etree import _Element as Element

__all__ = ["Element", "text_of"]

# All the text below an element, in document order (lxml.html's text_content,
# without the per-element Python class lookup that lxml.html adds).
text_of = etree.XPath("string()")
