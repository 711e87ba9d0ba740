"""The bundled code lists: lookups by code, year and scheme, the generated SKOS, imports and the command."""

from __future__ import annotations

import zipfile
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from budget_graph.cli import main
from budget_graph.codes import (
    current_name,
    lookup,
    named_code,
    national_concept,
    same_name,
    scheme_index,
    scheme_of,
    search,
)
from budget_graph.codes.index import SCHEMES, bundled_index, clear_cache, source_dir
from budget_graph.codes.turtle import outputs


@pytest.fixture
def imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private folder for imported editions, so tests never touch the user's."""
    monkeypatch.setenv("BUDGET_GRAPH_CODES", str(tmp_path / "imported"))
    clear_cache()
    yield tmp_path
    clear_cache()


def test_done_when_codes() -> None:
    item = lookup("2011308", 2024)
    assert (item.name, item.parent, item.level_name) == ("招商引资", "20113", "项")
    assert lookup("20113", 2024).name == "商贸事务" and lookup("201", 2024).name == "一般公共服务支出"
    assert lookup("30227", 2024).name == "委托业务费"
    assert lookup("C16070000").name == "运行维护服务"


def test_editions_keep_each_name_in_its_years() -> None:
    assert lookup("20805", 2018).name == "行政事业单位离退休"
    assert lookup("20805", 2024).name == "行政事业单位养老支出"
    assert lookup("30311", 2017).name == "住房公积金" and lookup("30311", 2024).name == "代缴社会保险费"
    assert lookup("2040404", 2024) is None and lookup("2040404", 2017).name == "查办和预防职务犯罪"
    assert lookup("31204", 2017) is None  # 312 对企业补助 came with the 2018 reform


def test_scheme_by_shape() -> None:
    assert [scheme_of(c) for c in ("2011308", "30227", "50205", "C16070000", "B", "2011", "3022701")] == [
        "functional",
        "economic",
        "government-economic",
        "procurement",
        "procurement",
        None,
        None,
    ]


def test_national_concept_is_the_edition_of_the_year() -> None:
    old, new = national_concept("functional", "20805", 2018), national_concept("functional", "20805", 2024)
    assert old != new and str(new).endswith("/functional/2020/20805")
    assert str(national_concept("economic", "50205", 2024)).endswith("/government-economic/2018/50205")
    assert str(national_concept("functional", "30227", 2024)).endswith(
        "/economic/2017/30227"
    )  # shape decides
    assert national_concept("functional", "2999999", 2024) is None


def test_names_fold_width_spaces_and_brackets() -> None:
    assert same_name("维修(护)费", "维修（护）费") and same_name("其他商贸事 务支出", "其他商贸事务支出")
    assert not same_name("咨询费", "委托业务费")


def test_search_by_chinese_name() -> None:
    found = {(c.scheme, c.code) for c in search("委托业务")}
    assert {("economic", "30227"), ("government-economic", "50205"), ("functional", "2010608")} <= found


def test_every_parent_is_listed_and_codes_have_their_scheme_shape() -> None:
    for scheme in SCHEMES:
        index = bundled_index(scheme)
        for concept in index.concepts():
            assert scheme_of(concept.code) == scheme, concept
            assert concept.parent is None or index.versions(concept.parent), concept
            assert concept.since is None or concept.until is None or concept.since <= concept.until, concept


def test_versions_of_a_code_do_not_overlap() -> None:
    for scheme in SCHEMES:
        for code, versions in bundled_index(scheme).by_code.items():
            spans = sorted((v.since or 0, v.until or 9999) for v in versions)
            assert all(a[1] < b[0] for a, b in pairwise(spans)), code


def test_generated_turtle_is_up_to_date() -> None:
    folder = source_dir().parent
    for name, text in outputs().items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"run python -m budget_graph.codes.turtle ({name})"
        )


def test_turtle_is_skos() -> None:
    graph = Graph()
    for name in ("functional.ttl", "economic.ttl", "government-economic.ttl", "economic-correspondence.ttl"):
        graph.parse(source_dir().parent / name)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == sum(len(list(bundled_index(s).concepts())) for s in SCHEMES if s != "procurement")
    for concept in concepts:
        assert graph.value(concept, SKOS.notation) and graph.value(concept, SKOS.inScheme)
        assert graph.value(concept, SKOS.prefLabel).language == "zh"
        assert all(broader in concepts for broader in graph.objects(concept, SKOS.broader))


def test_import_csv_extends_an_edition(imports: Path) -> None:
    table = imports / "list.csv"
    table.write_text(
        "科目编码,科目名称\n201,一般公共服务支出\n20113,商贸事务\n2011309,新设科目\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["codes", "import", str(table), "--scheme", "functional", "--year", "2026"]
    )
    assert result.exit_code == 0, result.output
    assert "1 not in the bundled list" in result.output
    assert lookup("2011309", 2026).name == "新设科目" and lookup("2011309", 2025) is None
    assert lookup("2011308", 2026).name == "招商引资"  # extended, not replaced


def test_import_xlsx_replaces_an_edition(imports: Path) -> None:
    book = imports / "list.xlsx"
    _write_xlsx(book, [["科目编码", "科目名称"], ["302", "商品和服务支出"], ["30227", "委托服务费"]])
    result = CliRunner().invoke(
        main, ["codes", "import", str(book), "--scheme", "economic", "--year", "2026", "--replace"]
    )
    assert result.exit_code == 0, result.output
    assert "30227: bundled 委托业务费 → imported 委托服务费" in result.output
    assert lookup("30227", 2026).name == "委托服务费" and lookup("30201", 2026) is None
    assert scheme_index("economic").is_complete("302", 2026)[0]


def test_import_rejects_a_file_without_codes(imports: Path) -> None:
    table = imports / "empty.csv"
    table.write_text("甲,乙\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["codes", "import", str(table), "--scheme", "functional", "--year", "2026"]
    )
    assert result.exit_code == 2 and "no functional code/name rows" in result.output


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """A minimal workbook (shared strings, one sheet), as spreadsheet programs write them."""
    strings = sorted({cell for row in rows for cell in row})
    cells = "".join(
        f'<row r="{r + 1}">'
        + "".join(f'<c r="{"AB"[c]}{r + 1}" t="s"><v>{strings.index(v)}</v></c>' for c, v in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows)
    )
    main_ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(
            "xl/workbook.xml",
            f"<workbook {main_ns} {rel_ns}><sheets>"
            '<sheet name="科目" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        book.writestr(
            "xl/sharedStrings.xml",
            f"<sst {main_ns}>" + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>",
        )
        book.writestr(
            "xl/worksheets/sheet1.xml", f"<worksheet {main_ns}><sheetData>{cells}</sheetData></worksheet>"
        )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "2011308"], ["招商引资", "201 一般公共服务支出 › 20113 商贸事务"]),
        (["show", "30227"], ["委托业务费", "302 商品和服务支出"]),
        (["show", "C16070000"], ["运行维护服务", "C16079900 其他运行维护服务"]),
        (["show", "20805", "--year", "2018"], ["行政事业单位离退休", "also:     行政事业单位养老支出"]),
        (["search", "招商"], ["2011308", "招商引资"]),
        (["list", "--scheme", "functional", "--year", "2024", "--under", "221"], ["  22102 住房改革支出"]),
    ],
)
def test_codes_command(args: list[str], expected: list[str]) -> None:
    result = CliRunner().invoke(main, ["codes", *args])
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.output


def test_codes_show_unknown_code() -> None:
    result = CliRunner().invoke(main, ["codes", "show", "2040404", "--year", "2024"])
    assert result.exit_code == 1 and "查办和预防职务犯罪" in result.output


def test_every_correspondence_joins_two_listed_codes() -> None:
    from budget_graph.codes.index import read_rows

    rows = list(read_rows(source_dir() / "correspondence.tsv"))
    assert rows and all(lookup(r["departmental"], 2024, "economic") for r in rows)
    assert all(lookup(r["government"], 2024, "government-economic") for r in rows)
    assert {r["unit"] for r in rows} == {"agency", "institution"}


def test_a_former_national_name_reads_as_the_current_one() -> None:
    assert current_name("医疗卫生与计划生育支出") == current_name("卫生健康支出") == "卫生健康支出"
    assert current_name("行政运行") == "行政运行"  # many codes' name, and still theirs
    assert current_name("医疗卫生支出") == "医疗卫生支出"  # no code bore it: as printed


def test_a_name_that_contradicts_its_code_names_the_code_it_stands_for() -> None:
    assert named_code("30212", "会议费") == "30215"  # a list renumbered 01…13
    assert named_code("30213", "维修费") == "30213"  # 维修（护）费, abbreviated
    assert named_code("303", "对个人和家庭的补助") == "303"  # …补助支出, suffix dropped
    assert named_code("210", "医疗卫生与计划生育支出") == "210"  # the name of an earlier edition
    assert named_code("30212", "某某专项") is None  # contradicts, names no code
    assert named_code("2040501", "行政运行") == "2040501"  # not in the bundled lists: as printed
