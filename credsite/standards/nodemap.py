"""JSON-LD's node map (the first step of converting to RDF) in time linear in the document.

pyld 3.3's ``_create_node_map`` adds every value to its node with ``add_value(...,
allowDuplicate=False)``, which compares the new value with every value the property already
holds: a property with N values costs N²/2 comparisons. A credential whose
``credentialSubject.identifier`` lists 2,000 entries spent 27 of its 35 seconds there, 8,000
entries several minutes (issue 11, item 7). jsonld.js has the same loop.

This is pyld's algorithm step for step (the JSON-LD 1.1 API's Node Map Generation, as pyld
implements it, quirks included), with one change: each property of each node keeps a set of
the values it holds, keyed so that two keys are equal exactly when pyld's ``compare_values``
calls the values equal. A duplicate is then found by one set lookup. Values no key can
represent (only shapes expansion never produces) are compared one by one as pyld does, so the
result is pyld's in every case; tests compare the two on the corpus and on crafted input.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from pyld.identifier_issuer import IdentifierIssuer
from pyld.jsonld import JsonLdError, JsonLdProcessor
from pyld.jsonld import _is_bnode as _is_bnode
from pyld.jsonld import _is_keyword as _is_keyword
from pyld.jsonld import _is_list as _is_list
from pyld.jsonld import _is_value as _is_value

NodeMap = dict[str, dict[str, Any]]


def create_node_map(expanded: list[Any], issuer: IdentifierIssuer) -> NodeMap:
    """The node map of an expanded document: {graph name: {node id: node}}, as pyld makes it."""
    node_map: NodeMap = {"@default": {}}
    _NodeMapBuilder(issuer).add(expanded, node_map, "@default")
    return node_map


class _ValueIndex:
    """The values one property of one node holds, for constant-time duplicate checks."""

    __slots__ = ("keys", "unkeyed")

    def __init__(self, values: list[Any]) -> None:
        self.keys: set[Hashable] = set()
        self.unkeyed: list[Any] = []
        for value in values:
            self.add(value)

    def contains(self, value: Any, values: list[Any]) -> bool:
        """Whether compare_values finds ``value`` among ``values`` (the indexed list)."""
        key = _value_key(value)
        if key is None:  # no key: compare with everything, as pyld does
            return any(JsonLdProcessor.compare_values(value, other) for other in values)
        if key in self.keys:
            return True
        # Values without a key equal nothing keyed; expansion never produces them.
        return any(JsonLdProcessor.compare_values(value, other) for other in self.unkeyed)

    def add(self, value: Any) -> None:
        key = _value_key(value)
        if key is None:
            self.unkeyed.append(value)
        else:
            self.keys.add(key)


def _value_key(value: Any) -> Hashable | None:
    """A hashable key equal for two values exactly when pyld's compare_values says so.

    compare_values: primitives are equal by ``==`` except that a boolean only equals a
    boolean; value objects by @value (the same rule), @type, @language and @index; other
    objects by a non-null @id. Python's ``==`` and ``hash`` already treat 1, 1.0 and True alike
    inside nested @json values, as compare_values does there. Returns None for values that need
    the one-by-one comparison: objects with no usable @id (equal only to themselves), which are
    rare (an object without @id is never compared in practice) and kept out of the set.
    """
    if not isinstance(value, dict):
        return ("primitive", _strict(value))
    if "@value" in value:
        if "@id" in value:
            return None  # both a value and an id: compare_values' rules overlap; go slowly
        return (
            "value",
            _strict(value["@value"]),
            _frozen(value.get("@type")),
            _frozen(value.get("@language")),
            _frozen(value.get("@index")),
        )
    node_id = value.get("@id")
    if node_id is None:
        return None
    return ("id", _frozen(node_id))


def _strict(value: Any) -> Hashable:
    """compare_values' equality of primitives: ``==``, but True never equals 1."""
    if isinstance(value, bool):
        return ("bool", value)
    return ("other", _frozen(value))


def _frozen(value: Any) -> Hashable:
    """A hashable stand-in for a JSON value that keeps Python's ``==`` between values."""
    if isinstance(value, dict):
        return ("dict", frozenset((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("list", tuple(_frozen(item) for item in value))
    primitive: Hashable = value  # text, a number, true, false or null
    return primitive


class _NodeMapBuilder:
    """pyld's ``JsonLdProcessor._create_node_map`` with indexed ``add_value`` calls."""

    def __init__(self, issuer: IdentifierIssuer) -> None:
        self.issuer = issuer
        # Keyed by the node's identity: nodes live in the node map for the builder's lifetime.
        self.indexes: dict[tuple[int, str], _ValueIndex] = {}

    def add_value(
        self, subject: dict[str, Any], prop: str, value: Any, allow_duplicate: bool
    ) -> None:
        """pyld's add_value with propertyIsArray=True for a single (non-array) value."""
        if prop not in subject:
            subject[prop] = [value]
            self._index(subject, prop).add(value)
            return
        if not isinstance(subject[prop], list):
            subject[prop] = [subject[prop]]
        values = subject[prop]
        index = self._index(subject, prop)
        if allow_duplicate or not index.contains(value, values):
            values.append(value)
            index.add(value)

    def _index(self, subject: dict[str, Any], prop: str) -> _ValueIndex:
        key = (id(subject), prop)
        index = self.indexes.get(key)
        if index is None:
            current = subject.get(prop, [])
            index = self.indexes[key] = _ValueIndex(current if isinstance(current, list) else [])
        return index

    def add(
        self,
        input_: Any,
        graph_map: NodeMap,
        active_graph: str,
        active_subject: Any = None,
        active_property: str | None = None,
        list_: dict[str, list[Any]] | None = None,
    ) -> None:
        """Add one expanded element (or a list of them) to ``graph_map``; pyld's parameters."""
        if isinstance(input_, list):
            for item in input_:
                self.add(item, graph_map, active_graph, active_subject, active_property, list_)
            return
        # As in pyld, the subject is looked up once, before anything below adds nodes.
        subject_node = (
            graph_map.setdefault(active_graph, {}).get(active_subject)
            if isinstance(active_subject, str)
            else None
        )
        if "@type" in input_:  # the spec labels @type blank nodes first
            for type_ in input_["@type"]:
                if type_.startswith("_:"):
                    self.issuer.get_id(type_)
        if _is_value(input_):
            if "@type" in input_ and input_["@type"].startswith("_:"):
                input_["@type"] = self.issuer.get_id(input_["@type"])
            if list_:
                list_["@list"].append(input_)
            elif subject_node:
                self.add_value(subject_node, str(active_property), input_, allow_duplicate=False)
        elif _is_list(input_):
            inner: dict[str, list[Any]] = {"@list": []}
            self.add(
                input_["@list"], graph_map, active_graph, active_subject, active_property, inner
            )
            if list_:
                list_["@list"].append(inner)
            elif subject_node:
                self.add_value(subject_node, str(active_property), inner, allow_duplicate=True)
        else:
            self._add_node(
                input_,
                graph_map,
                active_graph,
                active_subject,
                active_property,
                list_,
                subject_node,
            )

    def _add_node(
        self,
        input_: dict[str, Any],
        graph_map: NodeMap,
        active_graph: str,
        active_subject: Any,
        active_property: str | None,
        list_: dict[str, list[Any]] | None,
        subject_node: dict[str, Any] | None,
    ) -> None:
        """A node object: its node, the reference to it from its subject, then its properties."""
        # Text in every expanded document; None only for shapes expansion never makes (pyld
        # keys those None as well).
        id_: Any = input_.get("@id")
        if _is_bnode(input_):
            id_ = self.issuer.get_id(id_)
        node = graph_map.setdefault(active_graph, {}).setdefault(id_, {"@id": id_})
        if isinstance(active_subject, dict):  # reached through @reverse
            self.add_value(node, str(active_property), active_subject, allow_duplicate=False)
        elif active_property:
            reference = {"@id": id_}
            if list_:
                list_["@list"].append(reference)
            elif subject_node:
                self.add_value(subject_node, active_property, reference, allow_duplicate=False)
        for prop, objects in sorted(input_.items()):
            self._add_property(node, id_, input_, prop, objects, graph_map, active_graph)

    def _add_property(
        self,
        node: dict[str, Any],
        id_: str,
        input_: dict[str, Any],
        prop: str,
        objects: Any,
        graph_map: NodeMap,
        active_graph: str,
    ) -> None:
        if prop == "@id":
            return
        if prop == "@reverse":
            referenced = {"@id": id_}
            for reverse_property, items in input_["@reverse"].items():
                for item in items:
                    self.add(item, graph_map, active_graph, referenced, reverse_property)
            return
        if prop == "@graph":
            graph_map.setdefault(id_, {})
            self.add(objects, graph_map, active_graph if active_graph == "@merged" else id_)
            return
        if prop == "@included":
            self.add(objects, graph_map, active_graph)
            return
        if prop != "@type" and _is_keyword(prop):
            _copy_keyword(node, input_, prop)
            return
        if prop.startswith("_:"):
            prop = self.issuer.get_id(prop)
        if len(objects) == 0:
            if prop not in node:  # pyld: add_value(node, prop, [], propertyIsArray=True)
                node[prop] = []
            return
        for item in objects:
            if prop == "@type":
                type_ = self.issuer.get_id(item) if item.startswith("_:") else item
                self.add_value(node, prop, type_, allow_duplicate=False)
            else:
                self.add(item, graph_map, active_graph, id_, prop)


def _copy_keyword(node: dict[str, Any], input_: dict[str, Any], prop: str) -> None:
    # pyld's check, kept as is (it indexes a string @index with '@id' when the two are equal,
    # which raises TypeError; canonicalize reports that as a processing failure).
    if (
        prop == "@index"
        and "@index" in node
        and (input_["@index"] != node["@index"] or input_["@index"]["@id"] != node["@index"]["@id"])
    ):
        raise JsonLdError(
            "Invalid JSON-LD syntax; conflicting @index property  detected.",
            "jsonld.SyntaxError",
            {"node": node},
            code="conflicting indexes",
        )
    node[prop] = input_[prop]
