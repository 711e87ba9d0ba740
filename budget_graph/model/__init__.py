"""The document model: what a reader produces and everything downstream consumes.

Plain dataclasses; nothing here knows about files, RDF or formatting.
"""

from budget_graph.model.amounts import Amount, Unit, is_number, parse_amount, parse_percent
from budget_graph.model.document import (
    Box,
    BudgetComparison,
    Cell,
    Claim,
    Column,
    Diagnostic,
    Direction,
    Doubt,
    Filing,
    Heading,
    Indicator,
    Kind,
    Location,
    NarrativePart,
    Paragraph,
    Row,
    RowRole,
    Table,
    TableKind,
    TocEntry,
)

__all__ = [
    "Amount",
    "Box",
    "BudgetComparison",
    "Cell",
    "Claim",
    "Column",
    "Diagnostic",
    "Direction",
    "Doubt",
    "Filing",
    "Heading",
    "Indicator",
    "Kind",
    "Location",
    "NarrativePart",
    "Paragraph",
    "Row",
    "RowRole",
    "Table",
    "TableKind",
    "TocEntry",
    "Unit",
    "is_number",
    "parse_amount",
    "parse_percent",
]
