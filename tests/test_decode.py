"""Bytes decode in the documented order: BOM, HTTP charset, <meta charset>, UTF-8, detection."""

from __future__ import annotations

import codecs

import pytest

from scraper import ExtractError, extract
from scraper.extract.decode import sniff_encoding

PARAGRAPH = {
    "en": "The committee met on Tuesday to discuss the harbour plan, and members agreed to publish the full report next month.",
    "fr": "Le comité s'est réuni mardi pour discuter du plan du port ; les membres ont accepté de publier le rapport complet le mois prochain, à l'été.",
    "ja": "委員会は火曜日に港湾計画について協議し、来月に報告書の全文を公表することで合意した。関係者によると、計画には防波堤の改修も含まれる。",
    "zh": "委员会周二召开会议讨论港口规划，成员们同意下个月公布完整报告。知情人士表示，该计划还包括防波堤的改造工程。",
    "ko": "위원회는 화요일 회의를 열어 항만 계획을 논의했으며 위원들은 다음 달 전체 보고서를 공개하기로 합의했다. 계획에는 방파제 보수도 포함된다.",
    "ru": "Комитет собрался во вторник, чтобы обсудить план развития порта, и его члены согласились опубликовать полный доклад в следующем месяце.",
}


def page(text: str, meta: str = "") -> str:
    return (
        f"<html><head>{meta}<title>t</title></head><body><article>"
        + "".join(f"<p>{text}</p>" for _ in range(3))
        + "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "encoding", "meta"),
    [
        ("en", "utf-8", ""),
        ("fr", "utf-8", ""),
        ("fr", "utf-8", '<meta charset="utf-8">'),
        ("fr", "windows-1252", '<meta charset="windows-1252">'),
        (
            "fr",
            "windows-1252",
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        ),
        ("ja", "shift_jis", '<meta charset="Shift_JIS">'),
        ("ja", "euc-jp", '<meta charset="EUC-JP">'),
        ("zh", "gb2312", '<meta charset="gb2312">'),
        ("zh", "gbk", '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'),
        ("zh", "gb18030", '<meta charset="gb18030">'),
        ("zh", "big5", '<meta charset="big5">'),
        ("ko", "euc-kr", '<meta charset="euc-kr">'),
        ("ru", "koi8-r", '<meta charset="koi8-r">'),
        ("ru", "windows-1251", '<meta charset="windows-1251">'),
    ],
)
def test_declared_encodings(lang: str, encoding: str, meta: str) -> None:
    text = PARAGRAPH[lang]
    if encoding == "big5":
        text = text.encode("gb18030").decode("gb18030")
        text = "委員會週二召開會議討論港口規劃，成員們同意下個月公布完整報告。知情人士表示，該計劃還包括防波堤的改造工程。"
    article = extract(page(text, meta).encode(encoding), "https://example.com/a")
    assert text in article.body


@pytest.mark.parametrize("lang", ["fr", "zh", "ja", "ru"])
def test_undeclared_encodings_are_detected(lang: str) -> None:
    encoding = {"fr": "windows-1252", "zh": "gb18030", "ja": "shift_jis", "ru": "windows-1251"}[
        lang
    ]
    text = PARAGRAPH[lang]
    article = extract(page(text).encode(encoding), "https://example.com/a")
    assert text in article.body


def test_http_charset_beats_meta() -> None:
    data = page(PARAGRAPH["ru"], '<meta charset="utf-8">').encode("koi8-r")
    article = extract(data, "https://example.com/a", charset="koi8-r")
    assert PARAGRAPH["ru"] in article.body


def test_utf8_served_under_a_latin1_label() -> None:
    data = page(PARAGRAPH["fr"]).encode("utf-8")
    article = extract(data, "https://example.com/a", charset="ISO-8859-1")
    assert PARAGRAPH["fr"] in article.body


@pytest.mark.parametrize("bom_encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(bom_encoding: str) -> None:
    data = page(PARAGRAPH["zh"], '<meta charset="iso-8859-1">').encode(bom_encoding)
    assert PARAGRAPH["zh"] in extract(data, "https://example.com/a").body


def test_a_str_is_taken_as_decoded() -> None:
    text = page(PARAGRAPH["ja"], '<meta charset="shift_jis">')
    assert PARAGRAPH["ja"] in extract(text, "https://example.com/a").body


def test_sniff_prefers_bom() -> None:
    assert sniff_encoding(codecs.BOM_UTF8 + b"<html>", "iso-8859-1") == "utf-8"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.4\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 40, "binary"),
    ],
)
def test_bytes_that_are_not_a_page(data: bytes, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        extract(data, "https://example.com/a")
