"""Reading YAML and Markdown-with-front-matter sources while keeping line numbers.

Staff fix errors from messages like ``content/modules/x.md:12: ec: ...``, so every mapping and
sequence loaded here remembers the line of each key and item. Plain PyYAML forgets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic


class LineDict(dict):
    """A mapping that also knows the (1-based) line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that also knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _LineTracking:
    """Loader behaviour: build LineDict/LineList and refuse duplicate keys.

    Duplicate keys are silently merged by PyYAML; for staff that means an edit that seems to be
    ignored, so we report them instead.
    """

    line_offset = 0
    duplicate_keys: list[tuple[Any, int]]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
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

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1 + self.line_offset
        sequence.item_lines = [c.start_mark.line + 1 + self.line_offset for c in node.value]
        return sequence


def _construct_int_keeping_leading_zeros(
    loader: yaml.SafeLoader, node: yaml.ScalarNode
) -> int | str:
    """'0913' is an ISCED-F code and '030 123 4567' a phone number, not octal numbers: YAML 1.1
    would silently read 0413 as 267, so digits with a leading zero stay text as written."""
    text = loader.construct_scalar(node)
    if len(text) > 1 and text.startswith("0") and text.isdigit():
        return text
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """Keep dates as the text the author wrote; validation parses them with a clear message."""
    return loader.construct_scalar(node)


class _PlainLoader(_LineTracking, yaml.SafeLoader):
    """Pure Python: slower, but its error messages are the ones the tests and docs show."""


class _FastLoader(_LineTracking, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
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
    result = _parse(_FastLoader, text, path, line_offset)
    if result.data is None and result.diagnostics and _FastLoader is not _PlainLoader:
        return _parse(_PlainLoader, text, path, line_offset)  # for its clearer message
    return result


def _parse(loader_class: type, text: str, path: str, line_offset: int) -> YamlResult:
    loader = loader_class(text)
    loader.line_offset = line_offset
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        return YamlResult(None, (Diagnostic(path, line, "", f"invalid YAML: {problem}"),))
    except yaml.YAMLError as exc:
        return YamlResult(None, (Diagnostic(path, None, "", f"invalid YAML: {exc}"),))
    finally:
        loader.dispose()
    duplicates = tuple(
        Diagnostic(path, line, str(key), "key given twice (remove one)")
        for key, line in loader.duplicate_keys
    )
    return YamlResult(data, duplicates)


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
    lines = text.splitlines(keepends=True)
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
