"""The endpoint's replies, its media types, and HTTP content negotiation over them (q-values weighed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus

import pyoxigraph as ox

# The first of each is the default, given to a client that states no preference.
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    retry_after: int | None = None  # seconds, for a 503 that a later try may not get


def text_reply(status: int, message: str, retry_after: int | None = None) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", f"{message}\n".encode(), retry_after)


def with_charset(media: str) -> str:
    """Text types say their encoding (always UTF-8), so no client guesses another."""
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


def negotiate(accept: str, offered: Mapping[str, object]) -> str | None:
    """The offered media type the client rates highest (ties: the order offered); None if it takes none."""
    ranges = [_media_range(part) for part in accept.split(",") if part.strip()]
    if not ranges:
        return next(iter(offered))
    rated = [(_quality(media, ranges), -rank, media) for rank, media in enumerate(offered)]
    quality, _, media = max(rated)
    return media if quality > 0 else None


def not_acceptable(offered: Mapping[str, object]) -> Reply:
    return text_reply(HTTPStatus.NOT_ACCEPTABLE, "this answer is available as " + ", ".join(offered))


def _media_range(part: str) -> tuple[str, float]:
    media, *params = (piece.strip() for piece in part.split(";"))
    quality = 1.0
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
    return media.lower(), quality


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The quality of the most specific range matching the media type (RFC 9110 §12.5.1)."""
    kind = media.split("/")[0]
    for pattern in (media, f"{kind}/*", "*/*"):
        qualities = [quality for wanted, quality in ranges if wanted == pattern]
        if qualities:
            return max(qualities)
    return 0.0
