"""The ELM v3 SHACL shapes (tests/vectors/elm/EDC-generic-no-cv.rdf), run over a JSON-LD document.

A SHACL engine (pyshacl, with rdflib and owlrl) would be a heavy new dependency for one test,
so this runs the part of SHACL Core the EDC shapes use, read from their RDF/XML form with the
standard library: targets by ``sh:targetClass``; ``sh:property`` with an IRI ``sh:path``;
``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:node``,
``sh:or``, ``sh:uniqueLang``, ``sh:maxInclusive`` and ``sh:deactivated``. Those are every
constraint component the file uses (its two misspelt ones, ``sh:nodekind`` and
``sh:propertyShape``, a SHACL engine ignores too). As in SHACL, ``sh:class`` asks for an
``rdf:type`` in the data graph; the data graph holds no ``rdfs:subClassOf``, so no subclass is
inferred. The data graph is pyld's RDF of the document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SH = "http://www.w3.org/ns/shacl#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TYPE = RDF + "type"
LANG_STRING = RDF + "langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Term:
    kind: str  # "iri", "blank" or "literal"
    value: str
    datatype: str | None = None
    language: str | None = None


@dataclass
class Graph:
    """Triples indexed by subject and predicate."""

    edges: dict[Term, dict[str, list[Term]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, subject: Term, predicate: str, obj: Term) -> None:
        self.edges[subject][predicate].append(obj)

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        return self.edges.get(subject, {}).get(predicate, [])

    def one(self, subject: Term, predicate: str) -> Term | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def instances(self, cls: str) -> list[Term]:
        target = Term("iri", cls)
        return [s for s, props in self.edges.items() if target in props.get(TYPE, [])]


# -- RDF/XML (the subset the shapes file is written in) ---------------------------------------


class _RdfXml:
    def __init__(self) -> None:
        self.graph = Graph()
        self.blank = 0

    def new_blank(self) -> Term:
        self.blank += 1
        return Term("blank", f"b{self.blank}")

    def node(self, element: ET.Element) -> Term:
        about = element.get(f"{{{RDF}}}about")
        subject = Term("iri", about) if about is not None else self.new_blank()
        if element.tag != f"{{{RDF}}}Description":
            self.graph.add(subject, TYPE, Term("iri", _iri(element.tag)))
        for prop in element:
            self.property(subject, prop)
        return subject

    def property(self, subject: Term, prop: ET.Element) -> None:
        predicate = _iri(prop.tag)
        resource = prop.get(f"{{{RDF}}}resource")
        parse_type = prop.get(f"{{{RDF}}}parseType")
        if resource is not None:
            self.graph.add(subject, predicate, Term("iri", resource))
        elif parse_type == "Resource":
            inner = self.new_blank()
            for child in prop:
                self.property(inner, child)
            self.graph.add(subject, predicate, inner)
        elif parse_type == "Collection":
            self.graph.add(subject, predicate, self.collection([self.node(c) for c in prop]))
        elif len(prop):
            self.graph.add(subject, predicate, self.node(prop[0]))
        else:
            datatype = prop.get(f"{{{RDF}}}datatype")
            language = prop.get(XML_LANG)
            text = prop.text or ""
            self.graph.add(subject, predicate, Term("literal", text, datatype, language))

    def collection(self, items: list[Term]) -> Term:
        head = Term("iri", RDF + "nil")
        for item in reversed(items):
            cell = self.new_blank()
            self.graph.add(cell, RDF + "first", item)
            self.graph.add(cell, RDF + "rest", head)
            head = cell
        return head


def _iri(tag: str) -> str:
    namespace, _, local = tag[1:].partition("}")
    return namespace + local


def read_shapes(path: Path) -> Graph:
    reader = _RdfXml()
    for element in ET.parse(path).getroot():
        reader.node(element)
    return reader.graph


def _list(graph: Graph, head: Term | None) -> list[Term]:
    items = []
    while head is not None and head.value != RDF + "nil":
        first = graph.one(head, RDF + "first")
        if first is not None:
            items.append(first)
        head = graph.one(head, RDF + "rest")
    return items


# -- the data graph ----------------------------------------------------------------------------


def data_graph(dataset: dict[str, Any]) -> Graph:
    """pyld's ``to_rdf`` dataset (default graph) as a Graph."""
    graph = Graph()
    for triple in dataset.get("@default", []):
        graph.add(_term(triple["subject"]), triple["predicate"]["value"], _term(triple["object"]))
    return graph


def _term(node: dict[str, Any]) -> Term:
    if node["type"] == "IRI":
        return Term("iri", node["value"])
    if node["type"] == "blank node":
        return Term("blank", node["value"])
    return Term("literal", node["value"], node.get("datatype"), node.get("language"))


# -- SHACL Core, the components the EDC shapes use ----------------------------------------------


def validate(shapes: Graph, data: Graph) -> list[str]:
    """Every violation, as 'focus node: shape: what', sorted."""
    found: set[str] = set()
    for shape in shapes.edges:
        for target in shapes.objects(shape, SH + "targetClass"):
            for focus in data.instances(target.value):
                found.update(_node_violations(shapes, data, shape, focus))
    return sorted(found)


def _deactivated(shapes: Graph, shape: Term) -> bool:
    flag = shapes.one(shape, SH + "deactivated")
    return flag is not None and flag.value == "true"


def _node_violations(shapes: Graph, data: Graph, shape: Term, focus: Term) -> list[str]:
    if _deactivated(shapes, shape):
        return []
    problems = _value_violations(shapes, data, shape, focus, _label(shape))
    for prop in shapes.objects(shape, SH + "property"):
        problems += _property_violations(shapes, data, prop, focus)
    return problems


def _property_violations(shapes: Graph, data: Graph, prop: Term, focus: Term) -> list[str]:
    if _deactivated(shapes, prop):
        return []
    path = shapes.one(prop, SH + "path")
    assert path is not None and path.kind == "iri", f"unsupported sh:path in {prop}"
    values = data.objects(focus, path.value)
    where = f"{_show(focus)}: {_local(path.value)}"
    problems = []
    least = shapes.one(prop, SH + "minCount")
    if least is not None and len(values) < int(least.value):
        problems.append(f"{where}: fewer than {least.value} value(s)")
    most = shapes.one(prop, SH + "maxCount")
    if most is not None and len(values) > int(most.value):
        problems.append(f"{where}: more than {most.value} value(s)")
    unique = shapes.one(prop, SH + "uniqueLang")
    languages = [v.language for v in values if v.language]
    if unique is not None and unique.value == "true" and len(languages) != len(set(languages)):
        problems.append(f"{where}: two values in one language")
    for value in values:
        problems += _value_violations(shapes, data, prop, value, where)
    return problems


def _value_violations(
    shapes: Graph, data: Graph, shape: Term, value: Term, where: str
) -> list[str]:
    """The constraints on one value node (of a node shape, the focus node itself)."""
    problems = []
    for cls in shapes.objects(shape, SH + "class"):
        if value.kind == "literal" or Term("iri", cls.value) not in data.objects(value, TYPE):
            problems.append(f"{where}: {_show(value)} is not a {_local(cls.value)}")
    for datatype in shapes.objects(shape, SH + "datatype"):
        if _datatype(value) != datatype.value:
            problems.append(f"{where}: {_show(value)} is not a {_local(datatype.value)}")
    for kind in shapes.objects(shape, SH + "nodeKind"):
        if not _has_kind(value, kind.value):
            problems.append(f"{where}: {_show(value)} is not a {_local(kind.value)}")
    for limit in shapes.objects(shape, SH + "maxInclusive"):
        if not _at_most(value, limit):
            problems.append(f"{where}: {_show(value)} is above {limit.value}")
    for node in shapes.objects(shape, SH + "node"):
        if _node_violations(shapes, data, node, value):
            problems.append(f"{where}: {_show(value)} does not conform to {_label(node)}")
    for alternatives in shapes.objects(shape, SH + "or"):
        options = _list(shapes, alternatives)
        if all(_node_violations(shapes, data, option, value) for option in options):
            problems.append(f"{where}: {_show(value)} matches none of the allowed shapes")
    return problems


def _datatype(value: Term) -> str | None:
    if value.kind != "literal":
        return None
    if value.language:
        return LANG_STRING
    return value.datatype or XSD_STRING


def _has_kind(value: Term, kind: str) -> bool:
    allowed = {
        SH + "IRI": ("iri",),
        SH + "Literal": ("literal",),
        SH + "BlankNode": ("blank",),
        SH + "BlankNodeOrIRI": ("blank", "iri"),
        SH + "IRIOrLiteral": ("iri", "literal"),
        SH + "BlankNodeOrLiteral": ("blank", "literal"),
    }
    return value.kind in allowed[kind]


def _at_most(value: Term, limit: Term) -> bool:
    try:
        return value.kind == "literal" and Decimal(value.value) <= Decimal(limit.value)
    except InvalidOperation:
        return False


def _label(shape: Term) -> str:
    return _local(shape.value) if shape.kind == "iri" else "a nested shape"


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _show(term: Term) -> str:
    return term.value if term.kind != "blank" else "(blank node)"
