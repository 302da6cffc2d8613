"""Check exports against their standards offline, with the schemas and contexts shipped in ``schemas/``.

- :func:`expand` runs JSON-LD expansion (pyld) with a document loader that serves the shipped
  schema.org and W3C Web Annotation contexts and refuses every other address: nothing is fetched.
- :func:`claimreview_faults` checks a ``claimreview.jsonld`` against ``claimreview.schema.json``.
- :func:`assertion_faults` runs assertions of the W3C web-annotation test suite (JSON Schema
  draft 4, ``schemas/web-annotation-tests/``); :data:`MUSTS` names the suite's own lists of MUST
  assertions for an annotation, a collection and a page.

``schemas/README.md`` says where each file came from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import fastjsonschema
from jsonschema import Draft202012Validator
from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_ORG_CONTEXT = SCHEMAS / "schemaorg-context.jsonld"
ANNO_CONTEXT = SCHEMAS / "anno.jsonld"
CLAIMREVIEW_SCHEMA = SCHEMAS / "claimreview.schema.json"
SUITE = SCHEMAS / "web-annotation-tests"
SCHEMA_ORG = "http://schema.org/"
# The addresses by which documents name the two contexts, each served from its local copy.
CONTEXTS = {
    **dict.fromkeys(
        (
            "https://schema.org",
            "https://schema.org/",
            "http://schema.org",
            "http://schema.org/",
            "https://schema.org/docs/jsonldcontext.jsonld",
            "https://schema.org/docs/jsonldcontext.json",
        ),
        SCHEMA_ORG_CONTEXT,
    ),
    **dict.fromkeys(("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"), ANNO_CONTEXT),
}
MUSTS = {
    "annotation": "annotations/annotationMusts.test",
    "collection": "collections/collectionMusts.test",
    "page": "collections/pages/pageMusts.test",
}


def expand(document: Any, base: str | None = None) -> tuple[list[Any], list[str]]:
    """The JSON-LD expansion of ``document``, and the properties expansion dropped (unmapped terms)."""
    dropped: list[str] = []
    options: dict[str, Any] = {"documentLoader": FrozenDocumentLoader(CONTEXTS)}
    if base:
        options["base"] = base
    expanded = jsonld.expand(document, options, on_property_dropped=lambda key: dropped.append(str(key)))
    return expanded, dropped


def _iris(node: Any) -> Iterator[str]:
    """Every property, type and node IRI in an expanded document."""
    if isinstance(node, list):
        for item in node:
            yield from _iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("@id", "@type"):
                yield from value if isinstance(value, list) else [value]
            elif key != "@value":
                if not key.startswith("@"):
                    yield key
                yield from _iris(value)


@cache
def _schema_org_terms() -> frozenset[str]:
    context = json.loads(SCHEMA_ORG_CONTEXT.read_text(encoding="utf-8"))["@context"]
    return frozenset(SCHEMA_ORG + key for key, value in context.items() if isinstance(value, dict))


def unknown_iris(expanded: list[Any]) -> list[str]:
    """IRIs of an expanded document that were relative, or in schema.org's namespace but not its terms.

    The schema.org context maps any word to its namespace (``@vocab``), so a misspelt property is
    not dropped by expansion; it is caught here as a term the vocabulary does not define. A word no
    context maps (a value ``assessing`` where the context knows none) is resolved against the base:
    expanded without one, it is named here as it was written.
    """
    terms = _schema_org_terms()
    found = {iri.removeprefix(jsonld.DEFAULT_BASE_IRI) for iri in _iris(expanded)}
    return sorted(i for i in found if not urlsplit(i).scheme or (i.startswith(SCHEMA_ORG) and i not in terms))


def claimreview_faults(document: Any) -> list[str]:
    """Every way ``document`` departs from ``claimreview.schema.json``, with its JSON path."""
    schema = json.loads(CLAIMREVIEW_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]


@cache
def _definition(name: str) -> Any:
    return json.loads((SUITE / "definitions" / name).read_text(encoding="utf-8"))


@cache
def _assertion(name: str) -> tuple[Callable[[Any], Any], bool, str]:
    # fastjsonschema compiles each assertion once: the suite's schemas nest oneOf in not in oneOf,
    # which an interpreting validator walks twenty times slower. Its references ("id.json#/...")
    # name files of definitions/, served from there.
    schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
    check = fastjsonschema.compile(schema, handlers={"": lambda uri: _definition(PurePosixPath(uri).name)})
    return check, schema.get("expectedResult", "valid") == "valid", schema.get("errorMessage", "fails")


def suite_list(test: str) -> list[str]:
    """The assertions a test file of the suite lists (``annotations/annotationMusts.test``)."""
    return list(json.loads((SUITE / test).read_text(encoding="utf-8"))["assertions"])


def assertion_faults(document: Any, assertions: list[str]) -> list[str]:
    """The assertions ``document`` fails (each named by its file, with the suite's error message)."""
    failed = []
    for name in assertions:
        check, valid, message = _assertion(name)
        try:
            check(document)
            passed = True
        except fastjsonschema.JsonSchemaException:
            passed = False
        if passed != valid:
            failed.append(f"{name}: {message}")
    return failed
