"""The code lists as SKOS Turtle, generated from the source tables: `python -m budget_graph.codes.turtle`.

One skos:Concept per code per edition (a code whose name changed has one concept per name, linked by
dcterms:replaces), with skos:notation, skos:prefLabel@zh, skos:broader, skos:inScheme, dcterms:source and the
editions it is in force (bg:validFrom / bg:validUntil). Branch coverage is published as bg:BranchCoverage.
The text is written directly (not through rdflib) so that it is deterministic and quick; tests parse it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from budget_graph.codes import CODES, concept_iri, scheme_iri
from budget_graph.codes.index import SCHEMES, Concept, SchemeIndex, bundled_index, read_rows, source_dir

PREFIXES = f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix bg: <https://w3id.org/budget-graph/ontology#> .
@prefix code: <{CODES}> .
"""

VOCABULARY = """
bg:validFrom a owl:DatatypeProperty ; rdfs:label "起始版本"@zh, "valid from"@en ;
    rdfs:comment "First budget year whose edition of the code list holds this code with this name."@en .
bg:validUntil a owl:DatatypeProperty ; rdfs:label "截止版本"@zh, "valid until"@en ;
    rdfs:comment "Last budget year whose edition holds this code with this name."@en .
bg:BranchCoverage a owl:Class ; rdfs:label "分支完整性"@zh, "branch coverage"@en ;
    rdfs:comment "How completely a bundled list holds the children of one branch over some editions."@en .
bg:coverageOf a owl:ObjectProperty ; rdfs:label "所属科目表"@zh, "coverage of"@en .
bg:branch a owl:DatatypeProperty ; rdfs:label "分支编码"@zh, "branch code"@en ;
    rdfs:comment "Notation of the branch whose children are covered; '-' for the top-level codes."@en .
bg:complete a owl:DatatypeProperty ; rdfs:label "完整"@zh, "complete"@en .
bg:agencyMatch a owl:ObjectProperty ; rdfs:subPropertyOf skos:broadMatch ;
    rdfs:label "机关对应的政府经济分类"@zh, "government economic class for agencies"@en .
bg:institutionMatch a owl:ObjectProperty ; rdfs:subPropertyOf skos:broadMatch ;
    rdfs:label "事业单位对应的政府经济分类"@zh, "government economic class for public institutions"@en .
"""


def literal(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def ref(iri: str) -> str:
    return f"<{iri}>"


def scheme_turtle(index: SchemeIndex) -> str:
    scheme = index.scheme
    _, title, title_en = SCHEMES[scheme]
    concepts = sorted(index.concepts(), key=lambda c: (c.code, c.edition))
    tops = [c for c in concepts if c.parent is None]
    lines = [
        PREFIXES,
        f"{ref(scheme_iri(scheme))} a skos:ConceptScheme ;",
        f"    skos:prefLabel {literal(title, 'zh')}, {literal(title_en, 'en')} ;",
        f"    dcterms:source {literal(sorted({c.source for c in concepts})[-1])} ;",
        "    skos:hasTopConcept " + ", ".join(ref(concept_iri(c)) for c in tops) + " .",
        "",
    ]
    for concept in concepts:
        lines.append(_concept_turtle(index, concept))
    for number, coverage in enumerate(index.coverage, 1):
        lines.append(
            f"{ref(f'{scheme_iri(scheme)}/coverage/{number}')} a bg:BranchCoverage ;\n"
            f"    bg:coverageOf {ref(scheme_iri(scheme))} ; bg:branch {literal(coverage.branch)} ;\n"
            f"    bg:complete {str(coverage.complete).lower()} ;{_years(coverage.since, coverage.until)}\n"
            f"    rdfs:comment {literal(coverage.note or '-', 'en')} .\n"
        )
    return "\n".join(lines)


def _years(since: int | None, until: int | None) -> str:
    parts = []
    if since:
        parts.append(f" bg:validFrom {since} ;")
    if until:
        parts.append(f" bg:validUntil {until} ;")
    return "".join(parts)


def _concept_turtle(index: SchemeIndex, concept: Concept) -> str:
    scheme = ref(scheme_iri(concept.scheme))
    lines = [
        f"{ref(concept_iri(concept))} a skos:Concept ;",
        f"    skos:notation {literal(concept.code)} ; skos:prefLabel {literal(concept.name, 'zh')} ;",
        f"    skos:inScheme {scheme} ;{_years(concept.since, concept.until)}",
        f"    dcterms:source {literal(concept.source)}",
    ]
    if concept.name_en:
        lines.append(f"    ; skos:prefLabel {literal(concept.name_en, 'en')}")
    if concept.parent is None:
        lines.append(f"    ; skos:topConceptOf {scheme}")
    for parent in _parents(index, concept):
        lines.append(f"    ; skos:broader {ref(concept_iri(parent))}")
    for older in _replaced(index, concept):
        lines.append(f"    ; dcterms:replaces {ref(concept_iri(older))}")
    if concept.description:
        lines.append(f"    ; skos:definition {literal(concept.description, 'zh')}")
    return "\n".join(lines) + " .\n"


def _overlap(a: Concept, b: Concept) -> bool:
    return (a.since or 0) <= (b.until or 9999) and (b.since or 0) <= (a.until or 9999)


def _parents(index: SchemeIndex, concept: Concept) -> list[Concept]:
    """Every version of the parent code in force while this version is (a renamed parent gives two)."""
    if concept.parent is None:
        return []
    return [p for p in index.versions(concept.parent) if _overlap(p, concept)]


def _replaced(index: SchemeIndex, concept: Concept) -> list[Concept]:
    """The version of the same code that this one followed (its name before)."""
    if concept.since is None:
        return []
    earlier = [v for v in index.versions(concept.code) if v.until is not None and v.until < concept.since]
    return [max(earlier, key=lambda v: v.until or 0)] if earlier else []


def correspondence_turtle() -> str:
    """部门 → 政府 economic classes, as the 2018 reform's correspondence gives them for agencies (机关) and
    public institutions (事业单位, whose spending the government list shows as subsidies, 505/506)."""
    departmental, government = bundled_index("economic"), bundled_index("government-economic")
    lines = [PREFIXES]
    for row in read_rows(source_dir() / "correspondence.tsv"):
        source = departmental.lookup(row["departmental"])
        target = government.lookup(row["government"])
        if source and target:
            lines.append(f"{ref(concept_iri(source))} bg:{row['unit']}Match {ref(concept_iri(target))} .")
    return "\n".join(lines) + "\n"


def outputs() -> dict[str, str]:
    """File name under ontology/codes/ → its Turtle."""
    files = {f"{scheme}.ttl": scheme_turtle(bundled_index(scheme)) for scheme in SCHEMES}
    files["economic-correspondence.ttl"] = correspondence_turtle()
    files["vocabulary.ttl"] = PREFIXES + VOCABULARY
    return files


def write(folder: Path | None = None) -> list[Path]:
    folder = folder or source_dir().parent
    written = []
    for name, text in outputs().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
