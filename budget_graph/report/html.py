"""The officer's report: one self-contained HTML file to hand to a department (docs/report.md).

A summary per filing, then its findings, errors first: Chinese, then English, rule and title, expected
and actual. Findings about the same figure are one group. A PDF finding shows its pages with each figure
boxed and numbered; each cited page is drawn once (report/page_images.py) and every group that shows it
refers to it (SVG <use>), so a long filing stays a few megabytes. A text finding shows its lines with the
figures it names marked. Infos are folded away. No network, no external asset: styles inline, images as
data URIs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from budget_graph import __version__
from budget_graph.check.catalogue import all_rules
from budget_graph.check.engine import FilingReport
from budget_graph.check.rules import Finding, Rule
from budget_graph.errors import Unchecked
from budget_graph.model import Location
from budget_graph.report.page_images import SCALE, PageImage, page_images

# a figure as printed or quoted in a message: 30,415.30 / 6.06 / 66.6% (a bare year is no figure)
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s*%)?")
_YEAR = re.compile(r"^(19|20)\d\d$")
SEVERITY_NAMES = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


@dataclass
class Figure:
    """One place of a group: its number (the box's label), where it is, the quote with figures marked."""

    number: int
    place: Location
    quote: list[tuple[str, bool]]  # (text, marked)
    file: str | None = None  # the file's name, when the filing was read from several


@dataclass(frozen=True)
class SharedPage:
    """A cited page drawn once for the whole report: its element id, image and size in PDF points."""

    id: str
    image: PageImage
    width: float
    height: float


@dataclass
class PageView:
    """A cited page as a group shows it: the shared image and the group's figures on it (those with a
    box are boxed)."""

    page: SharedPage
    figures: list[Figure]

    @property
    def boxed(self) -> list[Figure]:
        return [f for f in self.figures if f.place.bbox]


@dataclass
class Group:
    """Findings about one figure (its first place), worst first."""

    findings: list[Finding]
    figures: list[Figure] = field(default_factory=list)
    pages: list[PageView] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return self.findings[0].severity.value


def render(reports: list[FilingReport], unchecked: Sequence[Unchecked] = ()) -> str:
    images = _images(reports)
    rules = {rule.id: rule for rule in all_rules()}
    filings = [_filing(report, images, rules) for report in reports]
    template = _environment().get_template("report.html.j2")
    return template.render(
        version=__version__,
        filings=filings,
        unchecked=unchecked,
        images=images,
        severity_names=SEVERITY_NAMES,
        totals={s: sum(r.count(s) for r in reports) for s in SEVERITY_NAMES},
    )


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("budget_graph.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _images(reports: list[FilingReport]) -> dict[tuple[str, int], SharedPage]:
    """Every cited PDF page of the run, drawn once, by (source, page)."""
    cited: dict[str, set[int]] = {}
    sizes: dict[str, dict[int, tuple[float, float]]] = {}
    turns: dict[str, dict[int, int]] = {}
    for report in reports:
        sizes.update(report.filing.page_sizes)
        turns.update(report.filing.page_turns)
        for finding in report.findings:
            for place in finding.locations:
                if place.page is not None and place.source in report.filing.page_sizes:
                    cited.setdefault(place.source, set()).add(place.page)
    images: dict[tuple[str, int], SharedPage] = {}
    for source, pages in cited.items():
        for page, image in page_images(source, pages, turns.get(source, {})).items():
            width, height = sizes[source].get(page, (image.width / SCALE, image.height / SCALE))
            images[(source, page)] = SharedPage(f"page-{len(images) + 1}", image, width, height)
    return images


def _filing(report: FilingReport, images: dict[tuple[str, int], SharedPage], rules: dict[str, Rule]) -> dict:
    several = len(report.filing.sources) > 1
    groups = [_group(findings, images, several) for findings in _related(report.findings)]
    groups.sort(key=lambda g: g.findings[0].severity.rank)  # stable: the engine's order within a severity
    return {
        "report": report,
        "filing": report.filing,
        "counts": {s: report.count(s) for s in SEVERITY_NAMES},
        "groups": [g for g in groups if g.severity != "info"],
        "infos": [g for g in groups if g.severity == "info"],
        "rules": rules,
    }


def _related(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings grouped by the figure they are about (their first place); a finding without a place
    stands alone."""
    groups: dict[object, list[Finding]] = {}
    for index, finding in enumerate(findings):
        key = _spot(finding.locations[0]) if finding.locations else index
        groups.setdefault(key, []).append(finding)
    return [sorted(group, key=lambda f: f.severity.rank) for group in groups.values()]


def _group(findings: list[Finding], images: dict[tuple[str, int], SharedPage], several: bool) -> Group:
    group = Group(findings)
    words = _figures_named(findings)
    spots = {_spot(place): place for finding in findings for place in finding.locations}
    places = list(spots.values())
    group.figures = [
        Figure(
            number, place, _marked(place.excerpt or "", words), Path(place.source).name if several else None
        )
        for number, place in enumerate(places, 1)
    ]
    by_page: dict[tuple[str, int], list[Figure]] = {}
    for figure in group.figures:
        if figure.place.page is not None:
            by_page.setdefault((figure.place.source, figure.place.page), []).append(figure)
    for key, figures in by_page.items():
        if key in images:
            group.pages.append(PageView(images[key], figures))
    return group


def _spot(place: Location) -> tuple:
    """A place with its box and quote: two figures on one PDF page are equal places (Location leaves
    the box out of equality) but different spots."""
    return (place, place.bbox, place.excerpt)


def _figures_named(findings: list[Finding]) -> set[str]:
    """The figures the findings name (message, expected, actual), as a quote may print them."""
    texts = [t for f in findings for t in (f.message, f.expected, f.actual) if t]
    return {_bare(m) for text in texts for m in _FIGURE.findall(text) if not _YEAR.match(_bare(m))}


def _marked(quote: str, figures: set[str]) -> list[tuple[str, bool]]:
    """The quote cut into pieces, the figures named by the finding marked."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _FIGURE.finditer(quote):
        if _bare(match.group()) in figures:
            pieces += [(quote[last : match.start()], False), (match.group(), True)]
            last = match.end()
    pieces.append((quote[last:], False))
    return [piece for piece in pieces if piece[0]]


def _bare(figure: str) -> str:
    """6.06 and 6.06 with thousands commas or a space before % compare equal."""
    return figure.replace(",", "").replace(" ", "").rstrip("%") + (
        "%" if figure.rstrip().endswith("%") else ""
    )
