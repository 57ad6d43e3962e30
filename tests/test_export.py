"""Exports open in the tools people use: warcio reads our WARC, YAML front matter parses."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from scraper.export import (
    StoredResponse,
    markdown_document,
    write_jsonl,
    write_markdown,
    write_warc,
)

ROW = {
    "id": 7,
    "url": "https://news.example.com/2024/05/02/harbour",
    "headline": "Harbour plan: approved, at last",
    "authors": '["Jane Doe", "Kenji Watanabe"]',
    "highlights": '["Councils agreed on Tuesday."]',
    "published": "2024-05-02T14:30:00+00:00",
    "body": "First paragraph.\n\nSecond paragraph.",
    "body_markdown": "First paragraph.\n\n## Why\n\nSecond paragraph.",
    "sources": '{"headline": "json-ld"}',
    "version": 2,
}


def test_warc_records_read_back_with_warcio() -> None:
    html = b"<html><body><p>Hello</p></body></html>"
    buffer = io.BytesIO()
    count = write_warc(
        [StoredResponse(ROW["url"], "2024-05-02T14:31:00+00:00", 200,
                        {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, html)],
        buffer,
    )  # fmt: skip
    assert count == 1
    buffer.seek(0)
    records = []
    for record in ArchiveIterator(buffer):  # a record's payload is read while iterating
        records.append((record.rec_type, record.rec_headers, record.http_headers,
                        record.content_stream().read()))  # fmt: skip
    assert [r[0] for r in records] == ["warcinfo", "response"]
    _, warc_headers, http_headers, payload = records[1]
    assert warc_headers.get_header("WARC-Target-URI") == ROW["url"]
    assert warc_headers.get_header("WARC-Date") == "2024-05-02T14:31:00Z"
    assert http_headers.get_statuscode() == "200"
    assert http_headers.get_header("Content-Encoding") is None  # stored decoded
    assert payload == html


def test_jsonl_decodes_list_columns() -> None:
    out = io.StringIO()
    assert write_jsonl([ROW], out) == 1
    obj = json.loads(out.getvalue())
    assert obj["authors"] == ["Jane Doe", "Kenji Watanabe"]
    assert obj["sources"] == {"headline": "json-ld"}


def test_markdown_files_with_front_matter(tmp_path: Path) -> None:
    assert write_markdown([ROW], tmp_path) == 1
    (path,) = tmp_path.iterdir()
    assert path.name == "000007-harbour-plan-approved-at-last.md"
    text = path.read_text("utf-8")
    front, rest = text.split("---\n")[1], text.split("---\n", 2)[2]
    fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
    assert json.loads(fields["headline"]) == "Harbour plan: approved, at last"
    assert json.loads(fields["authors"]) == ["Jane Doe", "Kenji Watanabe"]
    assert "## Why" in rest and rest.lstrip().startswith("# Harbour plan")


def test_markdown_leaves_out_empty_fields() -> None:
    text = markdown_document(
        {"headline": "H", "url": "https://e/x", "section": None, "authors": []}
    )
    assert "section" not in text and "authors" not in text
