"""Other forms of the same filing: pipe tables, HTML tables inside markdown and a whole HTML page read
into the findings of the tab-separated sample, lines kept; spans placed as a printed table shows them."""

from __future__ import annotations

import html
from pathlib import Path

import lxml.html
import pytest

from budget_graph.check.engine import check_filing
from budget_graph.errors import InputError
from budget_graph.model import is_number
from budget_graph.read import find_sources
from budget_graph.read.text import looks_like_filing, read_text
from budget_graph.read.text_forms import overlapping_spans, pipe_cells, source_lines, table_grid
from tests.conftest import sample_lines

# --- the sample rewritten, row for row ---------------------------------------------------------


def _tab_runs(lines: tuple[str, ...]) -> list[range]:
    """The sample's tables as runs of consecutive tab rows (a page break or a note ends one)."""
    runs: list[range] = []
    start = None
    for index, line in enumerate([*lines, ""]):
        if "\t" in line and start is None:
            start = index
        elif "\t" not in line and start is not None:
            runs.append(range(start, index))
            start = None
    return runs


def as_pipe_tables(lines: tuple[str, ...]) -> tuple[str, dict[int, int]]:
    """Each run of tab rows as a pipe table: its first row the header, then the delimiter row (one line
    more: the map gives each new line its line in the sample)."""
    firsts = {run.start for run in _tab_runs(lines)}
    out: list[str] = []
    origin: dict[int, int] = {}
    for index, line in enumerate(lines):
        if "\t" in line:
            cells = [cell.replace("|", "\\|") for cell in line.split("\t")]
            line = "| " + " | ".join(cells) + " |"
        out.append(line)
        origin[len(out)] = index + 1
        if index in firsts:
            out.append("|" + "---|" * len(lines[index].split("\t")))
    return "\n".join(out), origin


def _html_row(cells: list[str], header: bool) -> str:
    """A row as HTML; in a header a label followed by blank cells spans them (except in the first
    column), as converters merge a spanning header cell."""
    tag = "th" if header else "td"
    html_cells: list[str] = []
    index = 0
    while index < len(cells):
        span = 1
        if header and index > 0 and cells[index].strip():
            while index + span < len(cells) and not cells[index + span].strip():
                span += 1
        attribute = f' colspan="{span}"' if span > 1 else ""
        html_cells.append(f"<{tag}{attribute}>{html.escape(cells[index])}</{tag}>")
        index += span
    return "<tr>" + "".join(html_cells) + "</tr>"


def _html_tables(lines: tuple[str, ...]) -> dict[int, str]:
    """Each tab row as an HTML row on its own line, `<table>` opened on a run's first row and closed on
    its last: each `<tr>` stays on its row's line."""
    rows: dict[int, str] = {}
    for run in _tab_runs(lines):
        in_header = True
        for index in run:
            cells = lines[index].split("\t")
            in_header = in_header and not any(is_number(cell) for cell in cells[1:])
            rows[index] = _html_row(cells, in_header)
        rows[run.start] = "<table>" + rows[run.start]
        rows[run[-1]] += "</table>"
    return rows


def as_html_tables(lines: tuple[str, ...]) -> str:
    rows = _html_tables(lines)
    return "\n".join(rows.get(index, line) for index, line in enumerate(lines))


def as_html_page(lines: tuple[str, ...]) -> str:
    """The sample as a web page, line for line: headings `<hN>`, list items `<li>`, tables, paragraphs."""
    rows = _html_tables(lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in rows:
            out.append(rows[index])
        elif stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            out.append(f"<h{level}>{html.escape(stripped.lstrip('# '))}</h{level}>")
        elif stripped.startswith(("- ", "* ")):
            out.append(f"<ul><li>{html.escape(stripped[2:])}</li></ul>")
        elif stripped:
            out.append(f"<p>{html.escape(stripped)}</p>")
        else:
            out.append("")
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>预算公开</title>'
    head += "<script>var nav = '<p>第一部分</p>';</script><style>p {margin: 0}</style></head><body>"
    out[0] = head + out[0]
    out[-1] += "</body></html>"
    return "\n".join(out)


def _findings(path: Path, origin: dict[int, int] | None = None) -> list[tuple]:
    """The report's findings, each location's line as the sample's line."""
    report = check_filing(read_text(path))
    return [
        (
            f.rule,
            f.severity,
            f.message,
            f.message_en,
            f.expected,
            f.actual,
            tuple(
                (origin.get(at.line, at.line) if origin and at.line else at.line, at.table, at.row, at.column)
                for at in f.locations
            ),
        )
        for f in report.findings
    ]


@pytest.fixture(scope="module")
def sample_findings(sample_report) -> list[tuple]:
    return [
        (
            f.rule,
            f.severity,
            f.message,
            f.message_en,
            f.expected,
            f.actual,
            tuple((at.line, at.table, at.row, at.column) for at in f.locations),
        )
        for f in sample_report.findings
    ]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the same filing, the same findings --------------------------------------------------------


def test_pipe_tables_give_the_sample_findings(tmp_path: Path, sample_findings, sample_filing) -> None:
    text, origin = as_pipe_tables(sample_lines())
    path = _write(tmp_path, "luohu-pipe.md", text)
    assert _findings(path, origin) == sample_findings
    # the delimiter rows are no rows: every row is read, each at its own line of the file
    rows = [r for t in read_text(path).tables for r in t.rows]
    assert [origin[r.location.line] for r in rows] == [
        r.location.line for t in sample_filing.tables for r in t.rows
    ]
    assert all(text.split("\n")[r.location.line - 1].startswith("|") for r in rows)


def test_html_tables_in_markdown_give_the_sample_findings_at_the_same_lines(
    tmp_path: Path, sample_findings
) -> None:
    path = _write(tmp_path, "luohu-tables.md", as_html_tables(sample_lines()))
    assert "colspan" in path.read_text(encoding="utf-8")
    assert _findings(path) == sample_findings


def test_html_page_gives_the_sample_findings_at_the_same_lines(tmp_path: Path, sample_findings) -> None:
    path = _write(tmp_path, "luohu.html", as_html_page(sample_lines()))
    assert _findings(path) == sample_findings
    filing = read_text(path)
    assert [p.location.line for p in filing.parts] == [37, 63, 69, 99, 103, 119, 129, 151, 167]
    assert len([e for e in filing.toc if e.part]) == 9  # list items read as '- ' lines, not as parts


def test_a_page_laid_out_in_a_table_gives_the_sample_findings_at_the_same_lines(
    tmp_path: Path, sample_findings
) -> None:
    """Many government sites set the disclosure in a cell of a table that lays the page out, beside the
    site's menu. Read as a table of figures, the whole filing was one cell, and the page no filing."""
    page = as_html_page(sample_lines())
    start, end = page.index("<body>") + len("<body>"), page.index("</body>")
    menu = (
        '<table width="100%"><tr><td width="20%"><a href="/">首页</a><br><a href="/gk">政务公开</a></td><td>'
    )
    laid_out = page[:start] + menu + page[start:end] + "</td></tr></table>" + page[end:]
    path = _write(tmp_path, "luohu-laid-out.html", laid_out)
    assert _findings(path) == sample_findings


def test_converted_text_in_pre_on_a_page_reads_as_the_text(tmp_path: Path, sample_findings) -> None:
    text = html.escape("\n".join(sample_lines()), quote=False)
    path = _write(tmp_path, "luohu-pre.htm", f"<html><body><pre>{text}</pre></body></html>")
    assert _findings(path) == sample_findings


# --- pipe tables -------------------------------------------------------------------------------


def test_rows_of_comma_separated_values_are_not_read_and_no_error_rests_on_them(
    tmp_path: Path, sample_findings
) -> None:
    # a form of row this reader does not split: each table is in doubt, its figures unread (an empty
    # table against the narrative's figures was a false BG-N009, N004), and nothing new is an error
    lines = ['"' + '","'.join(line.split("\t")) + '"' if "\t" in line else line for line in sample_lines()]
    path = _write(tmp_path, "luohu-csv.md", "\n".join(lines))
    filing = read_text(path)
    assert all(table.doubts for table in filing.tables if table.kind is not None)
    errors = [f for f in check_filing(filing).findings if f.severity.value == "error"]
    assert {f.rule for f in errors} <= {f[0] for f in sample_findings if f[1].value == "error"}
    assert errors  # the narrative's own slip is still found


def test_pipe_cells() -> None:
    # a row a page break split: its leading empty cells kept, so it continues the row above
    assert "\t".join(pipe_cells("|  |  | 政府预算拨款 |  |")) == "\t\t政府预算拨款\t"
    assert pipe_cells("| 收入 \\| 支出 | 1.00 |") == ["收入 | 支出", "1.00"]
    assert pipe_cells("科目 | 金额") == ["科目", "金额"]  # outer pipes are optional
    assert pipe_cells("| $\\geq 5$ | x |") == ["$\\geq 5$", "x"]  # other backslashes stay for clean()


def test_pipe_table_rows_keep_their_lines_and_lose_the_delimiter_row() -> None:
    text = "表一：收支总表\n\n| 项目 | 金额 |\n|:---|---:|\n| 收入 | 1.00 |\n|  | 2.00 |\n| 项目 | 金额 |\n| --- | --- |\n\n说明 | 不是表格"
    assert source_lines(text) == [
        (1, "表一：收支总表"),
        (2, ""),
        (3, "项目\t金额"),
        (5, "收入\t1.00"),
        (6, "\t2.00"),
        (7, "项目\t金额"),  # the header again at a page break: the text reader knows it
        (9, ""),
        (10, "说明 | 不是表格"),  # a pipe without a delimiter row below is text
    ]


# --- HTML tables: spans as a printed table shows them -------------------------------------------


def _grid(html_rows: str) -> list[list[str] | None]:
    table = lxml.html.fragment_fromstring(f"<table>{html_rows}</table>")
    return table_grid(table.xpath("./tr | ./*/tr"))


def test_spanning_header_prints_once_at_its_left_and_top_edge() -> None:
    grid = _grid(
        "<tr><th rowspan='2'>科目</th><th colspan='3'>本年收入</th><th rowspan='2'>上年结转</th></tr>"
        "<tr><th>小计</th><th>基本支出</th><th>项目支出</th></tr>"
        "<tr><td>合计</td><td>3.00</td><td>1.00</td><td>2.00</td><td>0.00</td></tr>"
    )
    assert grid == [
        ["科目", "本年收入", "", "", "上年结转"],
        ["", "小计", "基本支出", "项目支出", ""],
        ["合计", "3.00", "1.00", "2.00", "0.00"],
    ]


def test_spanned_header_hangs_under_its_label() -> None:
    from budget_graph.read.layout import header_tree

    grid = _grid(
        "<tr><th rowspan=2>科目</th><th colspan=2>本年收入</th></tr><tr><th>小计</th><th>基本支出</th></tr>"
    )
    [subject, income] = header_tree(grid)
    assert (subject.label, subject.children) == ("科目", [])
    assert [child.label for child in income.children] == ["小计", "基本支出"]


def test_rowspan_in_the_data_and_wrapped_labels() -> None:
    grid = _grid(
        "<tr><td rowspan='3'>产出指标</td><td>数量<br>指标</td><td>≥5个</td></tr>"
        "<tr><td>质量指标</td><td>100%</td></tr>"
        "<tr><td>时效指标</td><td>及时</td></tr>"
    )
    assert grid == [["产出指标", "数量指标", "≥5个"], ["", "质量指标", "100%"], ["", "时效指标", "及时"]]


def test_odd_spans_read_as_html_reads_them() -> None:
    assert _grid("<tr><td colspan='x'>a</td><td rowspan='9'>b</td></tr><tr><td>c</td></tr>") == [
        ["a", "b"],
        ["c", ""],  # a rowspan past the last row ends there; a colspan that is no number is 1
    ]
    assert _grid("<tr><td rowspan='0'>a</td><td>b</td></tr><tr><td>c</td></tr>") == [["a", "b"], ["", "c"]]
    assert _grid("<tr></tr><tr><td>a</td><td>1.00</td></tr>") == [None, ["a", "1.00"]]


def test_spans_that_would_cover_millions_of_cells_refuse_the_file() -> None:
    wide = "<tr>" + "<td>h</td>" * 1000 + "</tr>"  # a colspan reaches no further than the widest row
    spanning = wide + "<tr><td colspan='1000' rowspan='0'>x</td></tr>"
    within = _grid(spanning + "<tr><td>y</td></tr>" * 199)  # 1000 × 200 cells: read
    assert len(within) == 201 and within[2] == [*[""] * 1000, "y"]
    with pytest.raises(InputError, match="cover more than"):  # 1000 × 2001: refused before any is placed
        _grid(spanning + "<tr><td>y</td></tr>" * 2000)


def _overlapping(html_rows: str) -> bool:
    table = lxml.html.fragment_fromstring(f"<table>{html_rows}</table>")
    rows = table.xpath("./tr | ./*/tr")
    return overlapping_spans(rows, table_grid(rows))


def test_absurd_spans_reach_no_further_than_the_table_and_put_it_in_doubt(tmp_path: Path) -> None:
    header = "<tr><th>科目</th><th>合计</th><th>基本支出</th></tr>"
    assert _grid("<tr><th colspan='999999'>科目</th><th>合计</th></tr><tr><td>a</td><td>1.00</td></tr>") == [
        ["科目", "", "合计"],  # the colspan reaches the table's width (2), not 999,999 columns
        ["a", "1.00"],
    ]
    assert _overlapping(
        "<tr><th colspan='999999'>科目</th><th>合计</th></tr><tr><td>a</td><td>1.00</td></tr>"
    )
    # a rowspan of 1000 over the data below pushes each row's figures one column right
    assert _overlapping(
        header
        + "<tr><td>a</td><td rowspan='1000'>3</td><td>3</td></tr>"
        + "<tr><td>b</td><td>1</td><td>1</td></tr>"
    )
    # a rowspan of 2 in a header, over a cell of the row below: that row is one cell wider than the others
    assert _overlapping(
        "<tr><th rowspan='2'>科目</th><th>合计</th></tr><tr><th>小计</th><th>基本支出</th></tr>"
        "<tr><td>a</td><td>1.00</td><td>1.00</td></tr>"
    )
    # a colspan too wide in a header pushes the cells after it right; the last one's span, cut at the
    # table's edge, hid it (the rows came out as wide as each other)
    assert _overlapping(
        "<tr><th>科目</th><th colspan='2'>合计</th><th colspan='2'>基本支出</th></tr>"
        "<tr><td>a</td><td>1.00</td><td>1.00</td><td>1.00</td></tr>"
    )
    # spans as converters print them cover only blank places
    assert not _overlapping(
        "<tr><th rowspan='2'>科目</th><th colspan='2'>本年收入</th></tr><tr><th>小计</th><th>基本支出</th></tr>"
        "<tr><td>合计</td><td>3.00</td><td>3.00</td></tr><tr><td colspan='3'>注：本表无数据</td></tr>"
    )
    page = as_html_page(sample_lines()).replace("<td>33,149.35", '<td rowspan="1000">33,149.35', 1)
    assert any(
        "colspan/rowspan covering" in d.message
        for t in read_text(_write(tmp_path, "m.html", page)).tables
        for d in t.doubts
    )


def test_a_row_of_one_cell_is_a_line_of_text_unless_a_span_reaches_into_it() -> None:
    assert _grid("<tr><td colspan='3'>单位：万元</td></tr><tr><td>a</td><td>1</td><td>2</td></tr>") == [
        ["单位：万元"],
        ["a", "1", "2"],
    ]
    assert _grid("<tr><td rowspan='2'>产出指标</td><td>数量</td></tr><tr><td>质量</td></tr>") == [
        ["产出指标", "数量"],
        ["", "质量"],
    ]


def test_html_table_in_markdown_keeps_the_lines_of_its_rows() -> None:
    text = (
        "## 表一：收支总表\n"
        "<table><caption>单位：万元</caption><tr><th>项目</th><th>金额</th></tr>"
        "<tr><td>收入</td><td>1.00</td></tr></table>\n"
        "<TABLE border=1>\n<tr>\n  <td>支出</td><td>2&#46;00</td></tr>\n\n<tr><td colspan=2>注：无</td></tr>\n</TABLE> 后文\n"
        "<tables> 不是表格"
    )
    assert source_lines(text) == [
        (1, "## 表一：收支总表"),
        (2, "单位：万元"),
        (2, "项目\t金额"),
        (2, "收入\t1.00"),  # a table on one line, as some converters print it: its rows share it
        (4, "支出\t2.00"),
        (7, "注：无"),
        (8, "后文"),
        (9, "<tables> 不是表格"),
    ]


# --- HTML pages --------------------------------------------------------------------------------


def test_html_page_blocks_become_lines() -> None:
    page = (
        "<!doctype html>\n<html><head><title>标题</title><style>p{}</style></head>\n<body>\n"
        "<nav><a>首页</a></nav><script>document.write('<p>第一部分</p>')</script>\n"
        "<h2>第一部分 部门&nbsp;概况</h2>\n<p>\n  一、职责<span>说明</span>&amp;其他<br>第二行</p>\n"
        "<ul><li>（一）收支总表</li></ul><div>结尾<!-- 注释 --></div>\n</body></html>"
    )
    assert source_lines(page, ".html") == [
        (5, "## 第一部分 部门 概况"),
        (7, "一、职责说明&其他"),
        (7, "第二行"),
        (8, "- （一）收支总表"),
        (8, "结尾"),
    ]


def test_html_page_lines_counted_past_what_libxml2_counts() -> None:
    page = (
        "<html><body>\n"
        + "\n" * 70_000
        + "<p>第一部分 部门概况</p>\n<table><tr><td>a</td><td>1</td></tr></table>"
    )
    assert source_lines(page, ".htm") == [(70_002, "第一部分 部门概况"), (70_003, "a\t1")]


def test_html_page_known_by_its_start_whatever_its_name() -> None:
    assert source_lines("\ufeff <!DOCTYPE HTML><p>一</p><p>二</p>", ".txt") == [(1, "一"), (1, "二")]
    # markdown keeps its inline tags: clean() reads them
    assert source_lines("<p>一</p><p>二</p>", ".md") == [(1, "<p>一</p><p>二</p>")]


def test_xhtml_page_declaring_its_encoding(tmp_path: Path) -> None:
    page = as_html_page(sample_lines()).replace("<!DOCTYPE html>", '<?xml version="1.0" encoding="gb2312"?>')
    path = tmp_path / "luohu.xhtml.htm"
    path.write_bytes(page.encode("gb18030"))
    assert read_text(path).unit == "深圳市罗湖区企业服务中心（本级）"


def test_html_filing_found_in_a_folder_and_other_pages_not(tmp_path: Path) -> None:
    filing = _write(tmp_path, "luohu.html", as_html_page(sample_lines()))
    _write(tmp_path, "index.htm", "<html><body><h1>2024年部门预算公开</h1><p>见附件</p></body></html>")
    assert find_sources([str(tmp_path)]) == [filing]
    assert looks_like_filing(filing)


def test_invisible_characters_in_html_entities_and_tab_rows_are_dropped(tmp_path: Path) -> None:
    # the same zero-width space typed into the file and given as an entity in a web page
    assert source_lines("<table><tr><td>合计</td><td>1,2&#8203;34</td></tr></table>", ".html") == [
        (1, "合计\t1,234")
    ]
    lines = [line.replace("33,149.35", "33,149\u200b.35") for line in sample_lines()]
    path = _write(tmp_path, "zwsp.md", "\n".join(lines))
    assert [line for line in read_text(path).tables[0].rows if "\u200b" in line.label] == []
    assert not any(table.doubts for table in read_text(path).tables)


def test_cells_outside_any_row_are_read_as_one_row_and_put_the_table_in_doubt(tmp_path: Path) -> None:
    # libxml2 puts no <tr> round them: the table read as empty was said to print nothing (a false BG-N009)
    assert source_lines("<table><th>项目</th><th>金额</th><td>合计</td><td>1.00</td></table>", ".html") == [
        (1, "项目\t金额\t合计\t1.00")
    ]
    page = as_html_page(sample_lines()).replace("<tr>", "").replace("</tr>", "")
    tables = read_text(_write(tmp_path, "m.html", page)).tables
    assert tables and all(any("outside any row" in d.message for d in t.doubts) for t in tables)


@pytest.mark.parametrize(
    ("line", "printed", "garbled", "title"),
    [
        (253, "33,149.35", "+5", "表三：支出总表"),
        (253, "33,149.35", "#VALUE!", "表三：支出总表"),
        (560, "24.33", "+5", "表十四：部门整体支出绩效目标表"),  # a task of the performance form
        (556, "0.00", "½", "表十四：部门整体支出绩效目标表"),
    ],
)
def test_a_garbled_figure_before_a_rows_figures_is_no_word_of_its_name(
    tmp_path: Path, line: int, printed: str, garbled: str, title: str
) -> None:
    # first of the row's figures, it was read as a word of the name and its column left blank
    assert _doubted(tmp_path, line, printed, garbled) == {title}


def test_a_garbled_code_puts_its_table_in_doubt(tmp_path: Path) -> None:
    # the line is printed, its code unread: it was said missing where its code was looked for (BG-X007)
    assert _doubted(tmp_path, 438, "30109", "NaN") == {"表八：一般公共预算支出表(按经济分类)"}


def _doubted(tmp_path: Path, line: int, printed: str, garbled: str) -> set[str]:
    lines = list(sample_lines())
    assert printed in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(printed, garbled, 1)
    filing = read_text(_write(tmp_path, "m.md", "\n".join(lines)))
    return {table.title for table in filing.tables if table.doubts}


# --- blank cells at a row's end ------------------------------------------------------------------

_APPROPRIATIONS_HEADER = (
    "收入\t\t支出\t\t\t\t",
    "项目\t决算数\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款",
)
_APPROPRIATIONS_ROWS = (
    "一、一般公共预算财政拨款\t2,106.66\t一、一般公共服务支出\t2,106.66\t2,106.66\t\t",
    "二、政府性基金预算财政拨款\t\t二、外交支出\t\t\t\t",
    "收入合计\t2,106.66\t支出合计\t2,106.66\t2,106.66\t\t",
)


def _appropriations(rows: tuple[str, ...]) -> str:
    return "\n".join(
        [
            "# 2024年上海市测试局部门决算",
            "## 表四：财政拨款收入支出决算总表",
            "编制单位：上海市测试局 单位：万元",
            *_APPROPRIATIONS_HEADER,
            *rows,
        ]
    )


def test_a_rows_blank_cells_at_its_end_keep_its_figures_in_their_columns(tmp_path: Path) -> None:
    """A web page or Word table prints every blank cell, a text its tabs: the two figures of
    '一般公共服务支出' stand under 合计 and 一般公共预算财政拨款, where the page prints them. With the
    blanks dropped, the rows seemed to fill two columns of four, and the second figure was put under the
    last (国有资本经营), in no doubt."""
    [table] = read_text(_write(tmp_path, "表.md", _appropriations(_APPROPRIATIONS_ROWS))).tables
    row = next(r for r in table.rows if r.label == "一、一般公共服务支出")
    assert {m: c.text for m, c in row.cells.items() if c.text} == {
        "total": "2,106.66",
        "general_budget": "2,106.66",
    }
    assert not table.doubts
    page = as_html_page(tuple(_appropriations(_APPROPRIATIONS_ROWS).split("\n")))
    [table] = read_text(_write(tmp_path, "表.html", page)).tables
    row = next(r for r in table.rows if r.label == "一、一般公共服务支出")
    assert {m: c.text for m, c in row.cells.items() if c.text} == {
        "total": "2,106.66",
        "general_budget": "2,106.66",
    }


def test_figures_placed_by_a_guess_in_columns_the_rows_do_not_fill_leave_the_table_in_doubt(
    tmp_path: Path,
) -> None:
    """A converter that drops a row's blank cells at its end: the rows fill two of the header's four
    columns, and which two is a guess. A figure other than zero in a guessed column puts the table in
    doubt, so no error rests on where it stands."""
    rows = tuple(row.rstrip("\t") for row in _APPROPRIATIONS_ROWS)
    [table] = read_text(_write(tmp_path, "表.md", _appropriations(rows))).tables
    assert any("guessed" in doubt.message for doubt in table.doubts)


def test_a_list_printed_in_two_halves_reads_left_half_then_right(tmp_path: Path) -> None:
    """A 基本支出 table set in two halves side by side, its header printed twice across (Shanghai's
    决算): in a web page or Word table each half is read on its own, as the PDF reader stacks them.
    Read across, each row's two codes ran together ('301302') under one 科目编码."""
    text = "\n".join(
        [
            "# 2024年上海市测试局部门决算",
            "## 表七：一般公共预算财政拨款基本支出决算表",
            "编制单位：上海市测试局 单位：万元",
            "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
            "301\t工资福利支出\t100.00\t302\t商品和服务支出\t50.00",
            "30101\t基本工资\t60.00\t30201\t办公费\t50.00",
            "30102\t津贴补贴\t40.00\t\t\t",
        ]
    )
    for name, content in (("表.md", text), ("表.html", as_html_page(tuple(text.split("\n"))))):
        [table] = read_text(_write(tmp_path, name, content)).tables
        assert [(row.code, row.cells["actual"].text) for row in table.rows] == [
            ("301", "100.00"),
            ("30101", "60.00"),
            ("30102", "40.00"),
            ("302", "50.00"),
            ("30201", "50.00"),
        ]


_TWO_BREAKDOWNS = "\n".join(
    [
        "# 2019年江苏省测试厅部门预算",
        "## 表一：收支预算总表",
        "编制单位：江苏省测试厅 单位：万元",
        "收入\t\t支出\t\t\t",
        "项目名称\t金额\t功能分类\t\t支出用途\t",
        "\t\t功能科目名称\t金额\t项目名称\t金额",
        "一、财政拨款\t100.00\t一、一般公共服务支出\t80.00\t一、基本支出\t60.00",
        "二、其他资金\t\t二、住房保障支出\t20.00\t二、项目支出\t40.00",
        "当年收入小计\t100.00\t当年支出小计\t\t\t100.00",
        "收入合计\t100.00\t支出合计\t\t\t100.00",
    ]
)


def _spent(table, side: str) -> dict[str, str]:
    return {r.label: r.cells["amount"].text for r in table.rows if r.side == side and "amount" in r.cells}


def test_expenditure_broken_down_twice_reads_both_breakdowns_in_a_web_page(tmp_path: Path) -> None:
    """Jiangsu's 收支预算总表 breaks expenditure down by function and by purpose side by side. Set in a
    web page or Word table, the purpose breakdown's labels stood in an amount column (false BG-C006
    warnings, the table in doubt); it is now read as the PDF reader reads it: the functional side with
    its totals printed across both, and the purpose breakdown's lines as a side of their own."""
    for name, content in (
        ("表.md", _TWO_BREAKDOWNS),
        ("表.html", as_html_page(tuple(_TWO_BREAKDOWNS.split("\n")))),
    ):
        filing = read_text(_write(tmp_path, name, content))
        [table] = filing.tables
        assert _spent(table, "expenditure") == {
            "一、一般公共服务支出": "80.00",
            "二、住房保障支出": "20.00",
            "当年支出小计": "100.00",
            "支出合计": "100.00",
        }
        assert _spent(table, "purpose") == {"一、基本支出": "60.00", "二、项目支出": "40.00"}
        assert not table.doubts
        assert not [d for d in filing.diagnostics if d.severity != "info"]


def test_a_rows_blank_cells_at_its_end_are_columns_of_a_one_sided_table(tmp_path: Path) -> None:
    """A 支出总表 of one row whose last column (结转下年资金) is blank, printed as a web page does: the
    four figures stand under the first four captions, not three of them and the last."""
    text = "\n".join(
        [
            "# 2019年江苏省测试厅部门预算",
            "## 表三：支出预算总表",
            "编制单位：江苏省测试厅 单位：万元",
            "合计\t基本支出\t项目支出\t单位预留机动经费\t结转下年资金",
            "13,377.11\t6,522.75\t4,968.34\t1,886.02\t",
        ]
    )
    [table] = read_text(_write(tmp_path, "表.html", as_html_page(tuple(text.split("\n"))))).tables
    [row] = table.rows
    assert {m: c.text for m, c in row.cells.items() if c.text} == {
        "total": "13,377.11",
        "basic": "6,522.75",
        "project": "4,968.34",
        "reserve": "1,886.02",
    }
    assert not table.doubts


def _project_form(name: str, measure: str) -> list[str]:
    return [
        f"项目名称\t{name}\t项目性质\t阶段性项目",
        "项目资金（元）\t项目资金总额\t4,100,000.00\t年度资金申请总额\t4,100,000.00",
        "\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值",
        f"绩效指标\t产出指标\t数量指标\t{measure}\t≥13459.00(平方米)",
        "\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%",
    ]


def test_project_forms_in_a_web_page_are_read_for_their_indicators_not_their_amounts(tmp_path: Path) -> None:
    """Projects' performance forms, two under one title as a Word document may set them: each form's
    indicators name its own project, and the forms' amounts are not read (as the PDF reader does: read as
    a table's, 项目资金总额 and 年度资金申请总额 gave false warnings, BG-R004, BG-C006, BG-C003)."""
    text = "\n".join(
        [
            "# 2023年上海市测试街道部门预算",
            "## 财政项目支出绩效目标填报表",
            *_project_form("新建社区公共服务中心", "规划建筑面积"),
            *_project_form("社区环境整治", "整治面积"),
        ]
    )
    filing = read_text(_write(tmp_path, "表.html", as_html_page(tuple(text.split("\n")))))
    assert [(i.project, i.name) for i in filing.indicators] == [
        ("新建社区公共服务中心", "规划建筑面积"),
        ("新建社区公共服务中心", "居民满意度"),
        ("社区环境整治", "整治面积"),
        ("社区环境整治", "居民满意度"),
    ]
    assert [t.kind for t in filing.tables] == [None]
    assert any("project performance forms" in d.message for d in filing.diagnostics)
    assert not [f for f in check_filing(filing).findings if f.rule in {"BG-R004", "BG-C006", "BG-C003"}]


def test_a_final_accounts_three_public_table_of_phases_reads_a_row_per_phase(tmp_path: Path) -> None:
    """A 决算 “三公” table whose items each head a 预算数 and a 决算数 column, in a web page or Word
    table: read as the PDF reader reads it, the items as columns and a row per phase. Read as it
    stands, its columns were 'amount', 'actual', 'amount#1' … and no 三公 figure was found."""
    text = "\n".join(
        [
            "# 2024年上海市测试局部门决算",
            "## 表九：财政拨款“三公”经费支出决算表",
            "编制单位：上海市测试局 单位：万元",
            "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t",
            "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t",
            "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数",
            "1.50\t1.20\t0.55\t0.45\t\t\t\t\t\t\t0.95\t0.75",
        ]
    )
    [table] = read_text(_write(tmp_path, "表.html", as_html_page(tuple(text.split("\n"))))).tables
    assert [c.meaning for c in table.columns] == [
        "total",
        "overseas_travel",
        "vehicles",
        "vehicle_purchase",
        "vehicle_operation",
        "hospitality",
    ]
    assert [(r.label, r.cells["total"].text, r.cells["hospitality"].text) for r in table.rows] == [
        ("预算数", "1.50", "0.95"),
        ("决算数", "1.20", "0.75"),
    ]


def test_a_table_printed_as_a_picture_is_said_unread_not_empty(tmp_path: Path) -> None:
    """A web page pasting a table as a picture under its title: not an empty table left unexplained
    (a false BG-C003), but a table not read, said so, and counted unread."""
    page = as_html_page(sample_lines())
    start = page.index("<table", page.index("表一：收支总表"))
    end = page.index("</table>", start) + len("</table>")
    pictured = _write(tmp_path, "图片.html", page[:start] + '<p><img src="1.jpg"></p>' + page[end:])
    filing = read_text(pictured)
    [table] = [t for t in filing.tables if t.title == "表一：收支总表"]
    assert table.doubts and not table.is_empty and filing.unread
    findings = check_filing(filing).findings
    assert not [f for f in findings if f.rule == "BG-C003" and "收支总表" in f.message]
    assert any("printed as a picture" in d.message for d in filing.diagnostics)
