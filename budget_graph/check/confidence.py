"""No error rests on a reading in doubt: the last pass of the check stage.

The reader marks what it is unsure of: a table it may not have read whole or right (`Table.doubts`: a
column it could not place, an untitled grid with figures after it …) and figures it could not read as a
known table (`Filing.unread`). The check stage adds its own test of each table's reading: when most of a
table's roll-ups fail together, rows lost at a page break or columns read out of place are far likelier
than a filing in which most subtotals are wrong. It also settles one doubt of the reader's: which header group
a column stands in, when the groups were placed by the position of their words (laid-out text), is
settled when every group adds up on every row and no column is blank or zero throughout.

An error-level finding that rests on a doubtful table (any of its figures stands in one) is lowered to a
warning that says why, and so is a required table said to be missing when figures went unread or the file
holds only the narrative (tables published as a file of their own), a line the narrative names that no
table prints when a table is in doubt or figures went unread (it may stand there), a narrative figure
no table found agrees with when a table it is looked up in is not found and figures went unread, and a
finding that rests on the narrative of a file read in doubt as a whole: streams that do not decode (any
page's words may be lost), or text converted without its layout (a sentence's pieces may be out of
order). One failing identity in an otherwise consistent table stays an error: a table is in doubt by
its own majority, not by one slip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from budget_graph.check import narrative
from budget_graph.check.rules import Finding, Severity
from budget_graph.derive.rollups import ROOT, line_tree, table_blocks
from budget_graph.derive.table_identities import COLUMN_GROUP, column_groups
from budget_graph.model import Diagnostic, Doubt, Filing, Location, Table
from budget_graph.model.meanings import WHOLE

ROLLUPS = frozenset({"BG-R001", "BG-R002"})  # identities inside one table: the table's self-check
DOWN_THE_ROWS = frozenset({*ROLLUPS, "BG-R003"})  # sums within one column: sure whatever the column means
MOST = 0.5  # share of a table's roll-ups that fail together: above it the reading is in doubt
AT_LEAST = 3  # and no fewer failing roll-ups (a mistyped subtotal fails itself and its parent: two)
MISSING_TABLE = frozenset({"BG-C001", "BG-T008"})  # a required / listed table not found
MISSING_TOPIC = frozenset({"BG-C002"})
NOT_IN_ANY_TABLE = frozenset({"BG-N012"})  # a line the narrative names and no table prints: rests on them all
# a narrative figure that any of several tables' figures may agree with
RESTATING = frozenset(r.id for r in narrative.RESTATING)


def temper(filing: Filing, findings: Iterable[Finding]) -> list[Finding]:
    """The findings with those that rest on a doubtful reading lowered from error to warning; each
    doubtful table is named in a reader diagnostic."""
    findings = list(findings)
    doubtful = _doubtful_tables(filing, findings)
    for table, reasons in doubtful.values():
        filing.diagnostics.append(
            Diagnostic(
                "warning",
                f"{table.title}: 读取存疑，依据此表的错误降为警告 the reading of this table is in doubt; "
                f"errors resting on it are lowered to warnings: {'；'.join(d.message for d in reasons)}",
                (table.location,),
            )
        )
    missing_table = _why_a_table_may_be_missing(filing)
    whole = _read_in_doubt_whole(filing)
    missing_topic = _why_a_topic_may_be_missing(filing)
    tempered = []
    for finding in findings:
        reason = None
        if finding.severity is Severity.ERROR:
            titles = [loc.table for loc in finding.locations if _rests_on(finding, doubtful.get(loc.table))]
            if titles:
                reason = (
                    f"所依据的“{titles[0]}”读取存疑",
                    f"it rests on “{titles[0]}”, whose reading is in doubt",
                )
            elif finding.rule in MISSING_TABLE:
                reason = missing_table
            elif finding.rule in MISSING_TOPIC:
                reason = missing_topic
            elif finding.rule in NOT_IN_ANY_TABLE:
                reason = _why_a_line_may_be_missing(doubtful, missing_table)
            elif finding.rule in RESTATING and any(place in filing.unread for place in finding.locations):
                reason = _why_a_figure_may_be_unread(filing)
            elif whole and any(place.table is None for place in finding.locations):
                reason = whole
        tempered.append(_lowered(finding, reason) if reason else finding)
    return tempered


Reason = tuple[str, str]  # Chinese, English


def _read_in_doubt_whole(filing: Filing) -> Reason | None:
    """A place unread on no page, line or cell is the whole file (its excerpt says why, Chinese then
    English): streams that do not decode (read/pdf.py), text without its layout (read/text_layout.py).
    Any page's words may be lost or out of order, so its narrative's sentences are in doubt."""
    whole = next((p for p in filing.unread if p.page is None and p.line is None and p.cell is None), None)
    if whole is None:
        return None
    zh, en = _whole_file(whole)
    return (
        f"全文读取存疑（{zh}），说明的文字可能不全或错序",
        f"the whole file is in doubt ({en}): the narrative may be incomplete or out of order",
    )


def _rests_on(finding: Finding, doubtful: tuple[Table, list[Doubt]] | None) -> bool:
    """Does the finding rest on a doubt of this table? Sums down the rows do not rest on the columns."""
    if doubtful is None:
        return False
    return finding.rule not in DOWN_THE_ROWS or any(not doubt.columns_only for doubt in doubtful[1])


def _lowered(finding: Finding, reason: Reason) -> Finding:
    zh, en = reason
    return replace(
        finding,
        severity=Severity.WARNING,
        message=f"{finding.message}（{zh}，降为警告）",
        message_en=f"{finding.message_en} (lowered to a warning: {en})",
    )


def _doubtful_tables(filing: Filing, findings: list[Finding]) -> dict[str, tuple[Table, list[Doubt]]]:
    """Doubtful tables by title, with the reasons: the reader's, then the self-check's."""
    failing: dict[str, set[str | None]] = {}
    for finding in findings:
        if finding.rule in ROLLUPS and finding.severity is Severity.ERROR and finding.locations:
            first = finding.locations[0]
            failing.setdefault(first.table or "", set()).add(first.row)
    doubtful: dict[str, tuple[Table, list[Doubt]]] = {}
    for table in filing.tables:
        reasons = _unsettled(filing, table, findings)
        failed = len(failing.get(table.title, ()))
        # the trees are built again only for a table with enough failures to be in doubt
        checked = _rollups_checked(table, filing.year) if failed >= AT_LEAST else 0
        if failed >= AT_LEAST and failed > MOST * checked:
            reasons.append(
                Doubt(
                    f"本表{checked}个合计中有{failed}个与其分项不符，更可能是读取有误 {failed} of the table's "
                    f"{checked} totals disagree with their parts: a misreading is likelier than so many slips"
                )
            )
        if reasons:
            doubtful[table.title] = (table, reasons)
    return doubtful


def _unsettled(filing: Filing, table: Table, findings: list[Finding]) -> list[Doubt]:
    """The reader's doubts of the table but those its own column sums settle (said in a diagnostic)."""
    if not any(doubt.grouping for doubt in table.doubts) or not _groups_settled(table, findings):
        return list(table.doubts)
    filing.diagnostics.append(
        Diagnostic(
            "info",
            f"{table.title}: 表头分组经本表各列合计逐行核对无误，不再存疑 the header's groups are confirmed by "
            "the table's own column sums on every row: no longer in doubt",
            (table.location,),
        )
    )
    return [doubt for doubt in table.doubts if not doubt.grouping]


def _groups_settled(table: Table, findings: list[Finding]) -> bool:
    """Do the table's own column sums settle which group each column stands in? Every group equals its
    parts on every row (rounding aside), and every column prints a figure other than zero somewhere: a
    column read into the wrong group, or a group's 小计 given the wrong meaning, would break a sum (a blank
    or zero column would not). But a group said to hold every other column of its side adds up as the
    side's total does: unless it is the total, the sums cannot tell which it is ('基本支出' spread over
    项目支出 too, its 合计 read as 基本支出)."""
    sides = {side: column_groups(table, side) for side in {c.side for c in table.columns}}
    failing = any(
        f.rule == COLUMN_GROUP and f.severity is not Severity.INFO and f.locations[0].table == table.title
        for f in findings
        if f.locations
    )
    if not any(sides.values()) or failing or any(map(_named_whole, sides.values())):
        return False
    return all(
        any((amount := row.amount(column.meaning)) is not None and amount.value for row in table.rows)
        for column in table.columns
    )


def _named_whole(groups: dict[str, list[str]]) -> bool:
    """Does a group other than a total hold every other column of its side?"""
    columns = {column for group, parts in groups.items() for column in (group, *parts)}
    return any(group not in WHOLE and {group, *parts} == columns for group, parts in groups.items())


def _rollups_checked(table: Table, year: int) -> int:
    """How many lines of the table are checked against the sum of their parts (its heads included)."""
    if table.kind is None:
        return 0
    count = 0
    for block in table_blocks(table):
        tree = line_tree(table.kind, block, year)
        if tree is not None:
            count += sum(1 for node in tree if tree.out_degree(node) and (node != ROOT or block.head))
    return count


def _why_a_line_may_be_missing(
    doubtful: dict[str, tuple[Table, list[Doubt]]], unread: Reason | None
) -> Reason | None:
    """A line no table prints may stand in a table read in doubt, or among figures not read at all."""
    if doubtful:
        titles = "、".join(f"“{title}”" for title in doubtful)
        return (f"{titles}读取存疑，该行可能在其中", f"{titles} read in doubt: the line may stand there")
    return unread


def _why_a_table_may_be_missing(filing: Filing) -> Reason | None:
    # no table of the filing's design: its narrative or its projects' performance forms (kind None) alone
    if all(table.kind is None for table in filing.tables):
        if filing.indicators and not filing.parts:
            return (
                "本文件只有绩效目标表，预算表格可能另文发布，请与表格文件一同检查",
                "the file holds performance forms only; the budget tables may be published as a file of "
                "their own: check them together",
            )
        return (
            "本文件只有说明部分，表格可能另文发布，请与表格文件一同检查",
            "the file holds the narrative only; its tables may be published as a file of their own: "
            "check both together",
        )
    if filing.unread:
        return (
            f"有含数字的表格未能识别（{_unread_places(filing)}），所缺的表可能是其中之一",
            f"figures the reader could not read as a known table stand at {_unread_places(filing, 1)}: the "
            "missing table may be one of them",
        )
    return None


def _why_a_figure_may_be_unread(filing: Filing) -> Reason:
    """A narrative figure no table found agrees with, when a table it is looked up in is not found and
    figures went unread: the agreeing figure may stand among them."""
    return (
        f"有含数字的表格未能识别（{_unread_places(filing)}），相符的数字可能在其中",
        f"figures the reader could not read as a known table stand at {_unread_places(filing, 1)}: the "
        "agreeing figure may be one of them",
    )


def _unread_places(filing: Filing, language: int = 0) -> str:
    """The places, for the Chinese message (language 0) or the English (1)."""
    return ("、", ", ")[language].join(_place(location, language) for location in filing.unread)


def _place(location: Location, language: int) -> str:
    if location.cell:
        return location.cell
    if location.page or location.line:
        return f"p.{location.page}" if location.page else f"line {location.line}"
    return _whole_file(location)[language]


def _whole_file(location: Location) -> Reason:
    """What a place on no page, line or cell says of the whole file, Chinese and English (its excerpt
    holds both, a space between: '数据流损坏 damaged streams')."""
    zh, _, en = (location.excerpt or location.source).partition(" ")
    return zh, en or zh


def _why_a_topic_may_be_missing(filing: Filing) -> Reason | None:
    if filing.parts:
        return None
    return (
        "本文件只有表格，说明部分可能另文发布，请与说明文件一同检查",
        "the file holds the tables only; its narrative may be published as a file of its own: check both together",
    )
