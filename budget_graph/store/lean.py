"""The filing's graph as the store keeps it: the validate graph without its copies of the national codes.

`validate` and `export` give each filing its own SKOS concept per code it prints, with the code's whole
tree (type, scheme, level, printed names, skos:broader up to the 类) — what the code-tree shapes read.
The store holds the national code lists once (`…/graph/codes/<name>`), and every filing's concepts
would copy them: ≈ 8 % of a filing's quads. So the store keeps, of each code a filing prints, the code as
printed (`skos:notation`), its level (`bg:codeLevel`: 1 类, 2 款, 3 项, which the national lists do not
state) and the national concept it stands for (`skos:exactMatch`, the edition in force that year), where
the national list says its name, scheme and parent; the name as printed stays on the row
(`bg:rowLabel`). Ancestor concepts the filing never prints and the per-filing schemes go.
Everything else — budget lines with `qb:dataSet`, amounts, printed decimals and units, rows, columns,
pages and lines — is kept as made (docs/store.md, docs/graph-model.md).
"""

from __future__ import annotations

import re

from budget_graph.graph.namespaces import BG, BGF

# a per-filing code concept or scheme: <…/filing/<unit>/<year>/<kind>/code/functional/201>
_CODE_TREE = re.compile(rf"<{re.escape(str(BGF))}[^/>]+/\d+/[a-z]+/(code|scheme)/")
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_KEPT = frozenset({f"<{_SKOS}notation>", f"<{_SKOS}exactMatch>", f"<{BG}codeLevel>"})


def store_graph(ntriples: str) -> str:
    """The store's form of a filing's graph (N-Triples in, N-Triples out, lines in the same order)."""
    kept: list[str] = []
    codes: dict[str, list[str]] = {}  # a code concept's kept lines
    printed: set[str] = set()  # the concepts something other than the code tree points at
    for line in ntriples.splitlines():
        if not line.strip():
            continue
        subject, predicate, rest = line.split(" ", 2)
        tree = _CODE_TREE.match(subject)
        if tree:
            if tree[1] == "code" and predicate in _KEPT:
                codes.setdefault(subject, []).append(line)
            continue
        if rest.startswith("<") and _CODE_TREE.match(rest):
            printed.add(rest[: rest.index(">") + 1])
        kept.append(line)
    kept += [line for concept in sorted(printed) for line in codes.get(concept, ())]
    return "\n".join(kept) + "\n"
