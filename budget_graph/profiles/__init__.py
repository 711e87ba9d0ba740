"""Layout profiles: everything the project knows of how filings are laid out, as data, in one place.

A profile (one YAML file beside this module) is the national base or a region's additions:
- `titles`: table titles → the kind of table (TableKind);
- `text_headers`: header cells of label columns (not amounts);
- `columns`: header words → the column's meaning (model/meanings.py defines each meaning);
- `topics`: narrative topics and the words that name them;
- `filer_keys`, `empty_note`, `total_row`, `period_row` (national only): filer lines, empty-table notes,
  and the labels of total and period rows;
- `layouts`: what a kind of filing must contain (tables and topics), and `when` it applies (kind,
  level, region, years).

Titles and headers are recognised before a filing's unit is known, so the vocabulary of every profile
applies to every filing: the regions' entries first (in file order), then the national base. Requirements
apply by `when`. docs/profiles.md says how to add a region.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from budget_graph.model import Filing, Kind, TableKind

_FOLDER = Path(__file__).parent
BASE = "national"
_LOADER = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)  # libyaml when built with it: 8 times faster at start-up


@dataclass(frozen=True)
class Topic:
    """What a narrative part (or a headed section of one) explains; its name is its bg: class."""

    name: str
    label: str
    label_en: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class When:
    """Which filings a layout applies to; a field left out matches every filing."""

    kind: Kind | None = None
    level: str | None = None  # department | unit
    region: re.Pattern[str] | None = None  # searched in the unit's name
    years: tuple[int, int] | None = None  # first and last year, inclusive

    def matches(self, filing: Filing) -> bool:
        return (
            (self.kind is None or filing.kind is self.kind)
            and (self.level is None or filing.level == self.level)
            and (self.region is None or bool(self.region.search(filing.unit)))
            and (self.years is None or self.years[0] <= filing.year <= self.years[1])
        )


@dataclass(frozen=True)
class Layout:
    """A set of requirements: the tables and narrative topics a filing it applies to must have."""

    name: str  # local name of its IRI (bgl:)
    label: str
    label_en: str
    when: When
    tables: tuple[TableKind, ...]
    topics: tuple[Topic, ...]


@dataclass(frozen=True)
class Profile:
    id: str
    label: str
    label_en: str
    titles: tuple[tuple[re.Pattern[str], TableKind], ...]
    text_headers: tuple[re.Pattern[str], ...]
    columns: tuple[tuple[re.Pattern[str], str | None], ...]  # None: words that name no amount (增减%)
    topics: tuple[Topic, ...]
    layouts: tuple[Layout, ...]


@cache
def profiles() -> tuple[Profile, ...]:
    """Every profile: the national base first, then the regions by file name."""
    raw = _files()
    topics = {t["name"]: _topic(t) for data in raw.values() for t in data.get("topics", [])}
    order = [BASE, *sorted(name for name in raw if name != BASE)]
    return tuple(_profile(raw[name], topics) for name in order)


@cache
def _files() -> dict[str, dict]:
    """Each profile file's data by its name, read once for the profiles and the national lines."""
    return {path.stem: _load(path) for path in _FOLDER.glob("*.yaml")}


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader, C or Python


def _profile(data: dict, topics: dict[str, Topic]) -> Profile:
    return Profile(
        data["id"],
        data["label"],
        data["label_en"],
        tuple((re.compile(pattern), TableKind[kind]) for pattern, kind in data.get("titles", [])),
        tuple(re.compile(pattern) for pattern in data.get("text_headers", [])),
        tuple((re.compile(pattern), meaning) for pattern, meaning in data.get("columns", [])),
        tuple(topics[t["name"]] for t in data.get("topics", [])),
        tuple(_layout(layout, topics) for layout in data.get("layouts", [])),
    )


def _topic(data: dict) -> Topic:
    return Topic(data["name"], data["label"], data["label_en"], re.compile(data["pattern"]))


def _layout(data: dict, topics: dict[str, Topic]) -> Layout:
    when = data.get("when", {})
    return Layout(
        data["id"],
        data["label"],
        data["label_en"],
        When(
            Kind(when["kind"]) if "kind" in when else None,
            when.get("level"),
            re.compile(when["region"]) if "region" in when else None,
            tuple(when["years"]) if "years" in when else None,
        ),
        tuple(TableKind[name] for name in _flat(data.get("tables", []))),
        tuple(topics[name] for name in _flat(data.get("topics", []))),
    )


def _flat(items: list) -> list[str]:
    """A list that includes another by a YAML alias ([*national_tables, StateCapitalBudget]) spliced."""
    return [leaf for item in items for leaf in (_flat(item) if isinstance(item, list) else [item])]


def _regions_first() -> tuple[Profile, ...]:
    return (*profiles()[1:], profiles()[0])


@cache
def table_titles() -> tuple[tuple[re.Pattern[str], TableKind], ...]:
    return tuple(entry for profile in _regions_first() for entry in profile.titles)


@cache
def column_words() -> tuple[tuple[re.Pattern[str], str | None], ...]:
    return tuple(entry for profile in _regions_first() for entry in profile.columns)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)  # a filing's labels and figures recur cell after cell, table after table
def normalise(text: str) -> str:
    """Width-folded, space-free text, as the vocabulary is matched (labels wrap inside cells: '一般公共服 务支出')."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=4096)  # a filing asks it of the same labels many times (a 三公 table's rows per claim)
def column_meaning(label: str) -> str | None:
    """The meaning (model/meanings.py) a header cell's or a summary line's words give, or None when they say
    nothing the checks know: the readers place columns by it, the checks read summary lines by it."""
    flat = normalise(label)
    return next((meaning for pattern, meaning in column_words() if pattern.search(flat)), None)


@cache
def text_headers() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern for profile in _regions_first() for pattern in profile.text_headers)


@cache
def topics() -> tuple[Topic, ...]:
    return tuple(topic for profile in profiles() for topic in profile.topics)


@dataclass(frozen=True)
class Lines:
    """What the national base says of lines that are not table cells or titles."""

    filer_keys: str  # a pattern: 预算主管部门|主管部门|…, each may be followed by a stamp's place (（盖章）)
    empty_note: re.Pattern[str]
    total_row: re.Pattern[str]
    period_row: re.Pattern[str]


@cache
def lines() -> Lines:
    data = _files()[BASE]
    return Lines(
        f"(?:{'|'.join(data['filer_keys'])})(?:\\s*[（(](?:盖章|公章|签章)[)）])?",
        re.compile(data["empty_note"]),
        re.compile(data["total_row"]),
        re.compile(data["period_row"]),
    )


def layouts() -> tuple[Layout, ...]:
    return tuple(layout for profile in profiles() for layout in profile.layouts)


def layouts_for(filing: Filing) -> list[Layout]:
    """The requirement sets that apply to a filing: the national one of its kind, and its region's."""
    return [layout for layout in layouts() if layout.when.matches(filing)]
