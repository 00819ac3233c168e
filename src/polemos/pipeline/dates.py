"""polemos_dates: the document's publication date and dateline, and date expressions.

Owner: event extraction (issue 3). Writes doc._.pub_date, doc._.dateline.

Also resolves the date expressions events are dated from ('On 3 May 2020',
'on Tuesday', 'yesterday', 'last week') against a base date. Expressions are
found with regular expressions and resolved by table; nothing is guessed: an
expression that needs a base date and has none resolves to None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from polemos.model import parse_iso_date

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?\b(?!:)")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("my", re.compile(rf"\b(?:in|during|since|of|early|late|mid-?)\s+{_MONTH}\s+{_YEAR}\b")),
    ("weekday", re.compile(r"\b(?P<mod>last|this|next|on|early|late)?\s*(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")),
    ("relative", re.compile(
        r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|last night|earlier today|"
        r"at dawn|overnight|last week|this week|earlier this week|last weekend|this weekend|over the weekend|"
        r"last month|this month|earlier this month|(?P<n>\d+|a|one|two|three|four|five|six|seven) (?P<unit>day|week)s? ago)\b",
        re.I)),
]
# A web page's own time stamp ('Posted: Tuesday, January 28, 2014', '(Published Monday, Sept. 21, 2015)',
# 'Updated: Mar 25, 2017', 'UPDATE (Wednesday, April 5):') dates the page, never an event it reports.
PAGE_STAMP_RE = re.compile(r"\b(?:posted|updated?|published)\s*(?:on\s*)?[:(]?\s*(?:[A-Z][a-z]+day,?\s*)?$", re.I)
_SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
YEAR_RE = re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)(?P<decade>s)?\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date | None
    precision: int  # ACLED's time_precision: 1 day, 2 week, 3 month
    explicit: bool  # written with its year or day (not relative to the publication date)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: int | None, base: dt.date | None) -> dt.date | None:
    """A day written without its year belongs to the base date's year, or the one before
    when that would put it well after the base date (news reports the past)."""
    if year is not None:
        return _safe_date(year, month, day)
    if base is None:
        return None
    date = _safe_date(base.year, month, day)
    if date and date > base + dt.timedelta(days=7):
        date = _safe_date(base.year - 1, month, day)
    return date


def _previous_month_mid(base: dt.date) -> dt.date:
    return (base.replace(day=1) - dt.timedelta(days=1)).replace(day=15)


def _resolve(kind: str, groups: dict, base: dt.date | None) -> tuple[dt.date | None, int, bool]:
    if kind in ("dmy", "mdy", "iso"):
        month = MONTHS[groups["month"].lower().rstrip(".")] if kind != "iso" else int(groups["month"])
        year = int(groups["year"]) if groups.get("year") else None
        return _with_year(month, int(groups["day"]), year, base), 1, year is not None
    if kind == "my":
        return _safe_date(int(groups["year"]), MONTHS[groups["month"].lower().rstrip(".")], 15), 3, True
    if base is None:
        return None, 1, False
    if kind == "weekday":
        mod = (groups.get("mod") or "").lower()
        if mod == "next":
            return None, 1, False  # the future: not an event that happened
        back = (base.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        if mod == "last" and back == 0:
            back = 7
        return base - dt.timedelta(days=back), 1, False
    rel = groups["rel"].lower()
    if rel in ("yesterday", "last night", "overnight"):
        return base - dt.timedelta(days=1), 1, False
    if rel.endswith(" ago"):
        n = groups["n"].lower()
        count = int(n) if n.isdigit() else _SMALL_NUMBERS[n]
        if groups["unit"].lower() == "week":
            return base - dt.timedelta(days=7 * count), 2, False
        return base - dt.timedelta(days=count), 1, False
    if rel in ("last week",):
        return base - dt.timedelta(days=7), 2, False
    if rel in ("this week", "earlier this week"):
        return base, 2, False
    if rel in ("last weekend", "this weekend", "over the weekend"):
        back = (base.weekday() - 5) % 7
        return base - dt.timedelta(days=back), 2, False
    if rel == "last month":
        return _previous_month_mid(base), 3, False
    if rel in ("this month", "earlier this month"):
        return base, 3, False
    return base, 1, False  # today, tonight, this morning, at dawn


@lru_cache(maxsize=4096)
def _mentions_cached(text: str, base: dt.date | None) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if kind == "weekday" and m.group("mod"):
                s = m.start("weekday") if m.group("mod").lower() in ("on", "early", "late") else s
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "mdy" and groups_is_year_only(m):
                continue
            if is_page_stamp(text, s):
                continue
            date, precision, explicit = _resolve(kind, m.groupdict(), base)
            taken.append((s, e))
            found.append(DateMention(s, e, date, precision, explicit))
    return tuple(sorted(found, key=lambda d: d.start))


def is_page_stamp(text: str, start: int) -> bool:
    """Whether the date expression at `start` is the page's time stamp ('Posted: ...')."""
    return bool(PAGE_STAMP_RE.search(text[max(0, start - 40):start]))


def groups_is_year_only(match: re.Match) -> bool:
    """'May 2020' read as month+day would take the year's first digits as a day."""
    day = match.group("day")
    return day is not None and len(day) == 2 and match.string[match.end("day"):match.end("day") + 2].isdigit()


def date_mentions(text: str, base: dt.date | None) -> tuple[DateMention, ...]:
    """Every date expression in `text` (a sentence), resolved against `base`."""
    return _mentions_cached(text, base)


def years_in(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) for every year or decade ('2020', 'the 1990s') written in text."""
    return [(int(m.group("year")), m.start(), m.end()) for m in YEAR_RE.finditer(text)]


# A dateline: an upper-case place at the start of a line near the top, then a date in brackets or
# after a comma or dash, e.g. 'KABUL, Afghanistan (Jan. 25, 2013)' or 'LAGOS, Nigeria, May 3, 2020 -'.
DATELINE_RE = re.compile(
    r"(?:^|[\n\u2028])\s*(?P<place>[A-Z][A-Z .'\-]{2,40})(?:,\s*[A-Z][A-Za-z .'\-]{1,40})?\s*[,(\-—–]\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}[,.]?\s+(?:19|20)\d\d|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(?:19|20)\d\d"
    r"|(?<=\()[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?=\)))\)?"
)
# A press release's title line that carries its date: 'ISAF Joint Command Operational Update, Jan. 10, 2011'.
TITLE_DATE_RE = re.compile(r"^[^\n\u2028]{0,120}?,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d)\s*$",
                           re.MULTILINE)
# ... or opens with it: 'June 17: Afghan-ISAF Operations in Southern Afghanistan'.
TITLE_LEAD_DATE_RE = re.compile(r"^\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}):\s")
# A press release number carries the year: '2010-09-CA-005', '2012-06-S-026'.
RELEASE_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-[01]\d-[A-Z]{1,3}\b")
FULL_DATE_RE = re.compile(r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?P<year>(?:19|20)\d\d)\b")


def find_dateline(text: str) -> tuple[int, int, dt.date] | None:
    head = text[:600]
    m = DATELINE_RE.search(head)
    start = m.start("place") if m else None
    if m is None:
        m = TITLE_DATE_RE.search(head.split("\n", 1)[0]) or TITLE_LEAD_DATE_RE.search(head)
        start = m.start("date") if m else None
    if not m:
        return None
    written = re.sub(r"(\d)\.\s+(?=(?:19|20)\d\d)", r"\1, ", m.group("date"))  # 'Nov. 1. 2011'
    if not YEAR_RE.search(written):
        # '(Sept. 1)': the year is the one the header carries: a dated title line, else a release
        # number ('2010-09-CA-005'); never a bare number (incident numbers like '1978, 1979')
        found = FULL_DATE_RE.search(head) or RELEASE_RE.search(head)
        if not found:
            return None
        written = f"{written}, {found.group('year')}"
    mentions = date_mentions(written, None)
    if not mentions or mentions[0].date is None:
        return None
    return start, m.end(), mentions[0].date


class DateComponent:
    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        pub_date = parse_iso_date(document.date if document else None)
        dateline = find_dateline(document.text if document is not None else doc.text[:600])
        if pub_date is None and dateline is not None:
            pub_date = dateline[2]
        self.set_annotations(doc, pub_date, dateline[:2] if dateline else None)
        return doc

    def set_annotations(self, doc: Doc, pub_date: dt.date | None, dateline) -> None:
        doc._.pub_date = pub_date
        doc._.dateline = dateline


@Language.factory("polemos_dates")
def make_dates(nlp: Language, name: str) -> DateComponent:
    return DateComponent()
