"""Read dates as pages write them and give ISO 8601, never more precise than the page.

"2023-03-19 09:59" gives "2023-03-19T09:59"; "March 2023" gives "2023-03";
a time zone appears only when the page states one.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january janvier januar enero gennaio janeiro",
            "feb february fevrier février februar febrero febbraio fevereiro",
            "mar march mars märz marz marzo março",
            "apr april avril abril aprile",
            "may mai mayo maggio maio",
            "jun june juin juni junio giugno junho",
            "jul july juillet juli julio luglio julho",
            "aug august aout août agosto",
            "sep sept september septembre septiembre settembre setembro",
            "oct october octobre oktober octubre ottobre outubro",
            "nov november novembre noviembre novembro",
            "dec december decembre décembre dezember diciembre dicembre dezembro",
        ),
        start=1,
    )
    for name in names.split()
}
_ZONES = {
    "utc": "+00:00", "gmt": "+00:00", "z": "+00:00", "bst": "+01:00", "cet": "+01:00",
    "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00", "ist": "+05:30",
    "cst": "-06:00", "cdt": "-05:00", "est": "-05:00", "edt": "-04:00", "mst": "-07:00",
    "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00", "jst": "+09:00", "kst": "+09:00",
    "aest": "+10:00", "aedt": "+11:00", "hkt": "+08:00", "sgt": "+08:00",
}  # fmt: skip

_TIME = (
    r"(?:[T\s,]+(?:at\s+)?(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?\)?|\b[A-Z]{2,4}T?\b)?)?"
)
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # 2023-03-19T09:59:00+08:00, 2023/03/19 09:59, 2023.03.19
        r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
        + _TIME,
        # 2023年3月19日 09:59
        r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日" + _TIME,
        # March 19, 2023 9:59 AM EST; Mar. 19 2023
        r"\b(?P<monthname>[^\W\d_]{3,10})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})"
        + _TIME,
        # 19 March 2023, 19. März 2023, 19 de marzo de 2023
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<monthname>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(?P<year>(?:19|20)\d{2})"
        + _TIME,
        # 19.03.2023, 19/03/2023 (day first unless impossible)
        r"(?<!\d)(?P<first>\d{1,2})[./](?P<second_part>\d{1,2})[./](?P<year>(?:19|20)\d{2})(?!\d)"
        + _TIME,
        # March 2023
        r"\b(?P<monthname>[^\W\d_]{3,10})\.?\s+(?P<year>(?:19|20)\d{2})\b",
        # 20230319 in a URL or an id
        r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)",
    )
)
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>[01]?\d)(?:[/-](?P<day>[0-3]?\d))?(?:/|-|$)"
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")


def parse_date(text: str | None) -> str | None:
    """The first date in `text` as ISO 8601, or None."""
    if not text:
        return None
    text = text.strip()
    if _EPOCH.match(text):
        seconds = int(text[:10])
        return datetime.fromtimestamp(seconds, timezone.utc).isoformat()
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _from_match(match)
            if iso:
                return iso
    return None


def date_from_url(url: str) -> str | None:
    """A date in a URL path such as /2023/03/19/ or /2023-03/, as precise as it is."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = int(match["year"]), int(match["month"]), match["day"]
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    return _date_text(year, month, int(day))


def _from_match(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second_part"])
        day, month = (first, second) if second <= 12 else (second, first)
    else:
        name = groups.get("monthname")
        number = _MONTHS.get(name.lower().rstrip(".")) if name else int(groups["month"] or 0)
        if number is None:
            return None
        month = number
        if groups.get("day") is None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        day = int(groups["day"] or 0)
    date = _date_text(year, month, day)
    if date is None or groups.get("hour") is None:
        return date
    return date + _time_text(groups)


def _date_text(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def _time_text(groups: dict[str, str | None]) -> str:
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return ""
    text = f"T{hour:02d}:{minute:02d}"
    second, fraction = groups.get("second"), groups.get("fraction")
    if second is not None:
        text += f":{int(second):02d}"
        if fraction:
            text += "." + fraction[1:7]  # as given, to the microsecond
    return text + _zone_text(groups.get("zone"))


def _zone_text(zone: str | None) -> str:
    if not zone:
        return ""
    zone = zone.strip("() ")
    if zone.upper() == "Z":
        return "+00:00"
    match = re.match(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$", zone, re.I)
    if match:
        sign, hours, minutes = match.groups()
        return f"{sign}{int(hours):02d}:{minutes or '00'}"
    return _ZONES.get(zone.lower(), "")
