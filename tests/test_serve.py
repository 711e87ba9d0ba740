"""`budget-graph serve`: a read-only SPARQL 1.1 Protocol endpoint answers queries and refuses updates."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from budget_graph.store.graphs import named_graph
from budget_graph.store.oxigraph import LocalStore
from budget_graph.store.server import SparqlServer

BG = "https://w3id.org/budget-graph/ontology#"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{BG}amount> ?a }}"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served") / "store"
    store = LocalStore(folder)
    lines = "".join(f'<https://example.org/line/{i}> <{BG}amount> "{i}" .\n' for i in range(300))
    store.replace([named_graph("https://example.org/g", lines)])
    store.close()
    server = SparqlServer(folder, port=0, workers=1, time_limit=1.5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def fetch(request: urllib.request.Request) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def get(endpoint: str, query: str, accept: str = "application/sparql-results+json"):
    url = endpoint + "?" + urllib.parse.urlencode({"query": query})
    return fetch(urllib.request.Request(url, headers={"Accept": accept}))


def test_get_answers_in_sparql_json(endpoint):
    status, media, body = get(endpoint, COUNT)
    assert status == 200 and media == "application/sparql-results+json"
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "300"


def test_post_form_and_direct_post_answer_in_csv(endpoint):
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, media, body = fetch(
        urllib.request.Request(
            endpoint, form, {"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"}
        )
    )
    assert (status, media, body) == (200, "text/csv", "n\r\n300\r\n")
    status, _, body = fetch(
        urllib.request.Request(
            endpoint, COUNT.encode(), {"Accept": "text/csv", "Content-Type": "application/sparql-query"}
        )
    )
    assert (status, body) == (200, "n\r\n300\r\n")


def test_construct_answers_n_triples(endpoint):
    status, media, body = get(endpoint, "CONSTRUCT WHERE { <https://example.org/line/7> ?p ?o }", "*/*")
    assert status == 200 and media == "application/n-triples" and '"7"' in body


def test_updates_are_refused(endpoint):
    update = 'INSERT DATA { <https://example.org/x> <https://example.org/p> "1" }'
    status, _, body = fetch(
        urllib.request.Request(endpoint, update.encode(), {"Content-Type": "application/sparql-update"})
    )
    assert status == 403 and "read-only" in body
    form = urllib.parse.urlencode({"update": update}).encode()
    assert fetch(urllib.request.Request(endpoint, form))[0] == 403
    assert get(endpoint, update)[0] == 400  # an update is no query
    assert json.loads(get(endpoint, COUNT)[2])["results"]["bindings"][0]["n"]["value"] == "300"


def test_a_query_past_the_time_limit_is_stopped_and_the_server_goes_on(endpoint):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = get(endpoint, endless)
    assert status == 503 and "time limit" in body
    assert get(endpoint, COUNT)[0] == 200


def test_a_bad_query_is_a_bad_request(endpoint):
    assert get(endpoint, "SELECT WHERE {")[0] == 400
