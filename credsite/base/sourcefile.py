"""Reading YAML and Markdown-with-front-matter sources while keeping line numbers.

Staff fix errors from messages like ``content/modules/x.md:12: ec: ...``, so every mapping and
sequence loaded here remembers the line of each key and item. Plain PyYAML forgets them.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

import yaml

from credsite.base.errors import Diagnostic
from credsite.base.limits import MAX_YAML_ALIAS_VALUES, MAX_YAML_DEPTH


class LineDict(dict[Hashable, Any]):
    """A mapping that also knows the (1-based) line of itself and of each key.

    Keys are YAML scalars (text, numbers, true/false, null); the loader refuses any other."""

    line: int = 0
    key_lines: dict[Hashable, int]

    def line_of(self, key: Hashable) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that also knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _LineTracking(yaml.constructor.SafeConstructor):
    """Loader behaviour: build LineDict/LineList and refuse duplicate keys.

    Duplicate keys are silently merged by PyYAML; for staff that means an edit that seems to be
    ignored, so we report them instead. (``self: Self`` lets the methods be registered as the
    constructors of both loaders below, which the stubs type by loader class.)
    """

    line_offset = 0
    duplicate_keys: list[tuple[Hashable, int]]
    depth = 0  # of the mapping or list being built; construction recurses once per level

    def construct_mapping(self: Self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self._enter(node)
        try:
            return self._mapping(node)
        finally:
            self.depth -= 1

    def construct_sequence(self: Self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        self._enter(node)
        try:
            sequence = LineList(self.construct_object(child, deep=True) for child in node.value)
        finally:
            self.depth -= 1
        sequence.line = node.start_mark.line + 1 + self.line_offset
        sequence.item_lines = [c.start_mark.line + 1 + self.line_offset for c in node.value]
        return sequence

    def _enter(self, node: yaml.Node) -> None:
        """Count a level; past MAX_YAML_DEPTH, refuse before Python's recursion limit does."""
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            self.depth -= 1
            raise yaml.constructor.ConstructorError(None, None, _TOO_DEEP, node.start_mark)

    def _mapping(self, node: yaml.MappingNode) -> LineDict:
        self.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain value", key_node.start_mark
                )
            line = key_node.start_mark.line + 1 + self.line_offset
            if key in mapping:
                self.duplicate_keys.append((key, line))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping


_TOO_DEEP = f"nested more than {MAX_YAML_DEPTH} levels deep (lists and mappings within each other)"


# Either loader below; generic, as the stubs type each constructor by the loader class it is for.
_Loader = TypeVar("_Loader", bound=yaml.constructor.SafeConstructor)


def _construct_int_keeping_leading_zeros(loader: _Loader, node: yaml.ScalarNode) -> int | str:
    """'0913' is an ISCED-F code and '030 123 4567' a phone number, not octal numbers: YAML 1.1
    would silently read 0413 as 267, so digits with a leading zero stay text as written."""
    text = loader.construct_scalar(node)
    if len(text) > 1 and text.startswith("0") and text.isdigit():
        return text
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Keep dates as the text the author wrote; validation parses them with a clear message."""
    return loader.construct_scalar(node)


class _PlainLoader(_LineTracking, yaml.SafeLoader):
    """Pure Python: slower, but its error messages are the ones the tests and docs show."""

    compose_depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """PyYAML composes recursively, one level per nested list or mapping: refuse deep
        nesting here, as libyaml does (at 1,000 levels) for the fast loader."""
        self.compose_depth += 1
        try:
            if self.compose_depth > MAX_YAML_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
                raise yaml.composer.ComposerError(None, None, _TOO_DEEP, event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.compose_depth -= 1


if TYPE_CHECKING:
    _FastBase = yaml.CSafeLoader
else:  # PyYAML built without libyaml has no CSafeLoader
    _FastBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_LineTracking, _FastBase):
    """libyaml when PyYAML has it (about four times faster); same results for valid YAML."""


for _loader in (_PlainLoader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _LineTracking.construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _LineTracking.construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int_keeping_leading_zeros)


@dataclass(frozen=True)
class YamlResult:
    data: Any
    diagnostics: tuple[Diagnostic, ...]


def parse_yaml(text: str, path: str, line_offset: int = 0) -> YamlResult:
    """Parse YAML text; malformed YAML and duplicate keys become diagnostics, not exceptions."""
    refused = _unreadable_character(text, path, line_offset)
    if refused is not None:
        return YamlResult(None, (refused,))
    result = _parse(_FastLoader, text, path, line_offset)
    if result.data is None and result.diagnostics:
        return _parse(_PlainLoader, text, path, line_offset)  # for its clearer message
    return result


# What YAML does not allow in a file (PyYAML's reader refuses it without naming the file).
_NOT_YAML = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern)
_CHARACTER_NAMES = {
    0x00: "a NUL byte",
    0x0B: "a vertical tab, which Word pastes for Shift+Enter",
    0x0C: "a form feed (page break)",
    0x1B: "an escape character",
    0x7F: "a delete character",
}


def _unreadable_character(text: str, path: str, line_offset: int) -> Diagnostic | None:
    """The first character YAML refuses, located and named (with what usually put it there)."""
    match = _NOT_YAML.search(text)
    if match is None:
        return None
    code = ord(match.group())
    line = text.count("\n", 0, match.start()) + 1 + line_offset
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    name = _CHARACTER_NAMES.get(code, "a control character")
    return Diagnostic(
        path,
        line,
        "",
        f"contains U+{code:04X} ({name}) at column {column}, which YAML does not allow; "
        "remove it (use a normal line break or space)",
    )


def _parse(
    loader_class: type[_PlainLoader] | type[_FastLoader], text: str, path: str, line_offset: int
) -> YamlResult:
    loader = None
    try:
        loader = loader_class(text)
        loader.line_offset = line_offset
        loader.duplicate_keys = []
        node = loader.get_single_node()
        if "&" in text:  # no anchor, no alias: skip the walk (a fifth of the time of a load)
            _check_aliases(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        return YamlResult(None, (Diagnostic(path, line, "", f"invalid YAML: {problem}"),))
    except yaml.YAMLError as exc:
        return YamlResult(None, (Diagnostic(path, None, "", f"invalid YAML: {exc}"),))
    finally:
        if loader is not None:
            loader.dispose()
    duplicates = tuple(
        Diagnostic(path, line, str(key), "key given twice (remove one)")
        for key, line in loader.duplicate_keys
    )
    return YamlResult(data, duplicates)


def _check_aliases(root: yaml.Node | None) -> None:
    """Refuse a document whose aliases (``*name``) repeat more than MAX_YAML_ALIAS_VALUES
    values: a few nested anchors can stand for billions ("billion laughs"), which every walk
    over the loaded data would then take. One pass over the distinct nodes, no recursion."""
    sizes: dict[int, int] = {}  # values a node stands for, aliases expanded
    counted: set[int] = set()  # nodes met once already: meeting them again is a repetition
    repeated = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, finished = stack.pop()
        children = _child_nodes(node)
        if not finished:
            if id(node) not in sizes:
                sizes[id(node)] = 0  # in progress: an alias inside it is a cycle (refused later)
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        for child in children:
            if id(child) in counted:
                repeated += sizes[id(child)]
            counted.add(id(child))
        if repeated > MAX_YAML_ALIAS_VALUES:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"aliases (*name) here repeat more than {MAX_YAML_ALIAS_VALUES} values; "
                "write the values out or use fewer aliases",
                node.start_mark,
            )
        sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)


def _child_nodes(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


@dataclass(frozen=True)
class FrontMatterDocument:
    """A Markdown file split into its YAML front matter and body."""

    path: str
    meta: Any
    body: str
    body_line: int
    diagnostics: tuple[Diagnostic, ...]


def parse_front_matter(text: str, path: str) -> FrontMatterDocument:
    """Split ``---`` delimited YAML front matter from the Markdown body."""
    text = text.removeprefix("\ufeff")
    lines = _LINE.findall(text)
    if not lines or lines[0].rstrip("\r\n") != "---":
        problem = Diagnostic(path, 1, "", "no front matter (the file must start with a '---' line)")
        return FrontMatterDocument(path, None, text, 1, (problem,))
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in ("---", "..."):
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            result = parse_yaml(yaml_text, path, line_offset=1)
            meta = result.data
            diagnostics = result.diagnostics
            if meta is None and not diagnostics:
                meta = LineDict()
                meta.line, meta.key_lines = 2, {}
            return FrontMatterDocument(path, meta, body, index + 2, diagnostics)
    problem = Diagnostic(path, 1, "", "front matter is not closed (add a '---' line after it)")
    return FrontMatterDocument(path, None, "", 1, (problem,))


# Lines as YAML and editors count them: str.splitlines would also break at a vertical tab or
# form feed (which Word pastes), putting every later line number off and perhaps finding a
# '---' that is not at the start of a line.
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def read_text(path: Path, shown_as: str) -> tuple[str | None, Diagnostic | None]:
    """Read a UTF-8 source file; a decoding error names the file instead of crashing."""
    try:
        raw = path.read_bytes()
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, Diagnostic(
            shown_as, line, "", f"not UTF-8 text (save the file as UTF-8; byte {exc.start})"
        )
    except OSError as exc:
        return None, Diagnostic(shown_as, None, "", f"cannot read: {exc.strerror}")
