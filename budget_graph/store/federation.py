"""Whether a SPARQL query asks for a remote service (`SERVICE`), judged without running it.

The endpoint refuses federated queries before anything is evaluated: Oxigraph would otherwise make an
HTTP request to any address a client names. pyoxigraph exposes no parser of its own, so the query is cut
into SPARQL's tokens (the lexical rules of SPARQL 1.1, §19.8) and the keyword is looked for among them
alone: `SERVICE` inside an IRI, a string, a comment, a variable (`?service`) or a prefixed name
(`ex:service`) is no keyword and does not count. The check leans towards refusing: text the tokenizer
cannot read is cut one character at a time, so a keyword is never hidden by a malformed token.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""
      \#[^\n\r]*                                    # comment to the end of the line
    | '''(?:[^'\\]|\\.|'(?!''))*'''                  # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'                         # short strings
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>                     # IRI reference (else `<` is an operator)
    | [?$]\w+                                       # variable
    | (?:[^\W\d_][\w.\-]*)?:(?:[\w.\-:%]|\\.)*      # prefixed name (or a bare prefix)
    | [^\W\d][\w\-]*                                # keyword, function name or boolean
    | \S                                            # anything else, one character at a time
    """,
    re.VERBOSE | re.DOTALL,
)


def calls_service(sparql: str) -> bool:
    """True when the query has a `SERVICE` clause (any case, `SERVICE SILENT` too)."""
    return any(token.upper() == "SERVICE" for token in _TOKEN.findall(sparql))
