"""`budget-graph codes`: the national code lists — show a code, search names, list a tree, import an edition."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from budget_graph.cli.app import main

SCHEME_CHOICE = click.Choice(["functional", "economic", "government-economic", "procurement"])


@main.group("codes")
def codes_group() -> None:
    """国家科目与品目代码表 — the national classification code lists (SKOS, ontology/codes/).

    \b
    Examples:
      budget-graph codes show 2011308
      budget-graph codes show 20805 --year 2018
      budget-graph codes search 委托业务
      budget-graph codes list --scheme economic --year 2024
      budget-graph codes import 2025功能科目.xlsx --scheme functional --year 2025
    """


@codes_group.command("show")
@click.argument("code")
@click.option("--year", type=int, help="The filing year whose edition to use (default: the latest).")
@click.option("--scheme", type=SCHEME_CHOICE, help="Default: guessed from the code's shape.")
def show(code: str, year: int | None, scheme: str | None) -> None:
    """一个代码的名称、层级、上下级 — a code's name, level, parents, children and other editions."""
    from budget_graph.codes import concept_iri, lookup, resolve_scheme, scheme_index
    from budget_graph.codes.index import SCHEMES

    code = code.strip().upper()
    resolved = resolve_scheme(scheme, code)
    if resolved is None:
        click.echo(
            f"{code}: 不是{'该分类' if scheme else '任何分类'}的编码 — not a code of "
            f"{'the ' + scheme + ' scheme' if scheme else 'any scheme'} by its shape",
            err=True,
        )
        sys.exit(1)
    concept = lookup(code, year, resolved)
    if concept is None:
        known = scheme_index(resolved).versions(code)
        editions = "; ".join(f"{_editions(v)} {v.name}" for v in known)
        where = f" (in other editions: {editions})" if editions else ""
        click.echo(
            f"{code}: 不在{'该年度' if year else ''}代码表中 — not in the bundled lists{where}", err=True
        )
        sys.exit(1)
    index = scheme_index(concept.scheme)
    click.echo(f"{concept.code} {concept.name}")
    click.echo(
        f"  scheme:   {SCHEMES[concept.scheme][1]} ({concept.scheme}), {concept.level_name} (level {concept.level})"
    )
    click.echo(f"  editions: {_editions(concept)} — {concept.source}")
    click.echo(f"  IRI:      {concept_iri(concept)}")
    chain = _ancestors(index, concept, year)
    if chain:
        click.echo("  under:    " + " › ".join(f"{p.code} {p.name}" for p in chain))
    children = index.children(concept.code, year)
    if children:
        click.echo(f"  children ({len(children)}):")
        for child in children:
            click.echo(f"    {child.code} {child.name}")
    others = [v for v in index.versions(concept.code) if v != concept]
    for other in others:
        click.echo(f"  also:     {other.name} ({_editions(other)})")
    if concept.description:
        click.echo(f"  说明:     {concept.description}")


def _editions(concept) -> str:
    since = concept.since or ("2022" if concept.scheme == "procurement" else "≤2017")
    return f"{since}–{concept.until or ''}"


def _ancestors(index, concept, year):
    chain, parent = [], concept.parent
    while parent:
        found = index.lookup(parent, year) or next(iter(index.versions(parent)), None)
        if found is None:
            break
        chain.insert(0, found)
        parent = found.parent
    return chain


@codes_group.command("search")
@click.argument("text")
@click.option("--scheme", type=SCHEME_CHOICE)
@click.option("--limit", type=int, default=50, show_default=True)
def search_command(text: str, scheme: str | None, limit: int) -> None:
    """按名称查找代码 — find codes whose Chinese name contains TEXT."""
    from budget_graph.codes import search

    found = search(text, scheme)
    for concept in found[:limit]:
        click.echo(f"{concept.scheme:20} {concept.code:10} {concept.name}  ({_editions(concept)})")
    if len(found) > limit:
        click.echo(f"… {len(found) - limit} more (--limit)")
    if not found:
        click.echo(f"no name contains {text!r}", err=True)
        sys.exit(1)


@codes_group.command("list")
@click.option("--scheme", type=SCHEME_CHOICE, required=True)
@click.option("--year", type=int, help="Only the codes in force in this year's edition.")
@click.option("--under", help="Only this branch (a code).")
@click.option("--depth", type=int, help="Levels to show below the top.")
def list_command(scheme: str, year: int | None, under: str | None, depth: int | None) -> None:
    """代码树 — the code tree of a scheme, indented by level, with branch coverage."""
    from budget_graph.codes import scheme_index

    index = scheme_index(scheme)
    roots = [index.lookup(under, year)] if under else _roots(index, year)
    if under and roots[0] is None:
        click.echo(f"{under}: not in the {scheme} list", err=True)
        sys.exit(1)
    for root in roots:
        _print_tree(index, root, year, 0, depth)
    for coverage in index.coverage:
        if year is None or coverage.applies(year):
            state = "complete" if coverage.complete else "partial"
            click.echo(
                f"# coverage {coverage.branch}: {state} "
                f"({coverage.since or ''}–{coverage.until or ''}) {coverage.note}"
            )


def _roots(index, year):
    codes = sorted({c.code for c in index.concepts() if c.parent is None and c.valid_in(year)})
    return [index.lookup(code, year) for code in codes]


def _print_tree(index, concept, year, indent: int, depth: int | None) -> None:
    suffix = "" if year else f"  ({_editions(concept)})" if concept.since or concept.until else ""
    click.echo(f"{'  ' * indent}{concept.code} {concept.name}{suffix}")
    if depth is not None and indent >= depth:
        return
    for child in index.children(concept.code, year):
        _print_tree(index, child, year, indent + 1, depth)


@codes_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))  # a folder is refused in one line, not by click
@click.option(
    "--scheme",
    type=click.Choice(["functional", "economic"]),
    required=True,
    help="economic takes both the 部门 (3xx) and the 政府 (5xx) rows of the file.",
)
@click.option("--year", type=int, required=True, help="The budget year whose edition the file is.")
@click.option(
    "--replace",
    is_flag=True,
    help="The file is the whole edition: codes missing from it are not national in that year.",
)
def import_command(file: Path, scheme: str, year: int, replace: bool) -> None:
    """导入财政部科目表 — read a CSV or XLSX of code/name rows as the YEAR edition the checker then uses.

    Without --replace the rows extend the bundled list for that year; with it they replace it.
    Imported editions live in $BUDGET_GRAPH_CODES (default ~/.local/share/budget-graph/codes).
    """
    from budget_graph.codes.importer import import_list

    for result in import_list(file, scheme, year, replace):
        click.echo(f"{result.scheme} {result.year}: {result.rows} codes → {result.path}")
        click.echo(
            f"  {len(result.new_codes)} not in the bundled list, {len(result.renamed)} named differently"
        )
        for code, bundled, imported in result.renamed[:20]:
            click.echo(f"    {code}: bundled {bundled} → imported {imported}")
