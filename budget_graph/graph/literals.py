"""Typed literals, made once per distinct value: a filing repeats 0.00 and a few units hundreds of times."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD


def decimal(value: Decimal) -> Literal:
    """xsd:decimal in plain notation (never 1E+2, which is not a valid xsd:decimal lexical form), with a
    decimal point (2 → 2.0, as Turtle writes it: the graph then reads back from Turtle unchanged).

    Cached by its printed form, not by value: 0.00 and 0 are equal Decimals but different figures.
    """
    lexical = format(value, "f")
    return _decimal(lexical if "." in lexical else lexical + ".0")


@lru_cache(maxsize=8192)
def _decimal(lexical: str) -> Literal:
    return Literal(lexical, datatype=XSD.decimal)


@lru_cache(maxsize=1024)
def integer(value: int) -> Literal:
    return Literal(value)


@lru_cache(maxsize=16384)
def text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, lang=lang)
