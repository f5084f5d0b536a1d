"""The images site.yaml and the content name (the logo, module and track images), checked before
anything is copied into the site, because they are published byte for byte.

Why so strict: a path is copied into ``site/`` whatever it names (``.git/config``, a key file), and
an SVG is a document, not a picture. Opened on its own from a host that ignores ``_headers``
(GitHub Pages, GitLab Pages), a script in an SVG runs on the site's own address. So an image must:

- be a plain relative path inside the image folders (no ``..``, no hidden names, no link that
  leads out of the folder), naming a regular file of at most ``MAX_IMAGE_BYTES``;
- be what its name says: PNG, JPEG and WebP by their first bytes; SVG by parsing it;
- as SVG, hold static drawing only: an allow-list of SVG elements and attributes, references
  only to its own parts (``#id``), no DOCTYPE (entity expansion, external entities), no
  processing instructions, no CSS that imports or loads anything.

A refusal (rather than a sanitiser that rewrites the file) keeps the rule simple to reason about:
what is published is exactly the file staff checked, and staff learn what to re-export.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from credsite.base.errors import Diagnostic
from credsite.base.sourcefile import LineDict
from credsite.catalogue.fields import Checker

IMAGE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg", ".webp")
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_REPORTED = 10  # problems reported per SVG file: enough to see what kind of file it is

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
_MAGIC: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    ".png": ("PNG", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("JPEG", lambda b: b.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("JPEG", lambda b: b.startswith(b"\xff\xd8\xff")),
    ".webp": ("WebP", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Drawing programs' own bookkeeping. Elements in a namespace a browser does not know are inert
# (no rendering, no event handlers), so these may hold anything; XHTML and MathML are not here.
EDITOR_NS = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
    }
)
# Static SVG: no script, foreignObject, a, image, feImage, animation (set/animate can rewrite
# an href), cursor, font, iframe/embed/object (not SVG at all).
SVG_ELEMENTS = _words(
    """svg g defs symbol use title desc metadata switch view style path rect circle ellipse line
    polyline polygon text tspan textPath linearGradient radialGradient stop pattern clipPath mask
    marker filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence"""
)
SVG_ATTRIBUTES = _words(
    """id class style lang tabindex role focusable version baseProfile viewBox preserveAspectRatio
    zoomAndPan x y width height x1 y1 x2 y2 cx cy r rx ry fx fy fr d points pathLength transform
    transform-origin href gradientUnits gradientTransform spreadMethod offset patternUnits
    patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits markerWidth
    markerHeight markerUnits refX refY orient dx dy rotate textLength lengthAdjust startOffset
    method spacing side filterUnits primitiveUnits in in2 result mode type values tableValues
    slope intercept amplitude exponent operator k1 k2 k3 k4 order kernelMatrix divisor bias
    targetX targetY edgeMode kernelUnitLength preserveAlpha surfaceScale diffuseConstant
    specularConstant specularExponent scale xChannelSelector yChannelSelector stdDeviation radius
    baseFrequency numOctaves seed stitchTiles azimuth elevation z pointsAtX pointsAtY pointsAtZ
    limitingConeAngle systemLanguage requiredFeatures requiredExtensions media title
    alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-profile color-rendering direction display
    dominant-baseline enable-background fill fill-opacity fill-rule filter flood-color
    flood-opacity font font-family font-size font-size-adjust font-stretch font-style
    font-variant font-weight glyph-orientation-horizontal glyph-orientation-vertical
    image-rendering isolation kerning letter-spacing lighting-color marker marker-end marker-mid
    marker-start mask mask-type mix-blend-mode opacity overflow paint-order pointer-events
    shape-rendering stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset
    stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor
    text-decoration text-rendering unicode-bidi vector-effect visibility word-spacing
    writing-mode"""
)
_INERT_ATTRIBUTE = re.compile(r"^(aria|data)-[a-z0-9-]+$")
_LOCAL_REF = re.compile(r"^#[A-Za-z_][A-Za-z0-9_.:-]*$")
_URL = re.compile(r"url\(\s*(['\"]?)\s*(.?)", re.IGNORECASE)
# CSS that loads something or hides what it says: escapes could spell any of it.
_CSS_REFUSED = re.compile(
    r"@import|@font-face|\\|expression\s*\(|-moz-binding|behavior\s*:|javascript:"
    r"|image-set\s*\(|\bimage\s*\(|\bsrc\s*\(",
    re.IGNORECASE,
)
_SVG_HINT = "an image may hold static drawing only; see docs/content.md, 'Images'"


@dataclass(frozen=True)
class ImageProblem:
    """Why an image is refused; ``file`` and ``line`` when the problem is inside the file."""

    message: str
    file: str | None = None
    line: int | None = None


def checked_image(
    checker: Checker,
    root: Path,
    mapping: LineDict,
    key: str,
    field: str,
    *,
    base: str,
    folders: tuple[str, ...],
    hint: str,
) -> str | None:
    """The image path ``mapping[key]`` names when it may be published; otherwise None, with
    every reason reported: at the YAML line, or at the image's own line for what is in it."""
    value = checker.string(mapping, key, field, max_length=300)
    if value is None:
        return None
    problems = check_image(root, base, value, folders, hint)
    line = mapping.line_of(key)
    for problem in problems:
        if problem.file is None:
            checker.error(line, field, f"'{value}' {problem.message}")
        else:
            where = f"the {field} of {checker.path}" + (f":{line}" if line else "")
            checker.diagnostics.append(
                Diagnostic(problem.file, problem.line, "", f"{problem.message} ({where})")
            )
    return None if problems else value


def check_image(
    root: Path, base: str, relative: str, folders: tuple[str, ...], hint: str
) -> list[ImageProblem]:
    """Every reason the file ``base/relative`` (from the site root) may not be published.

    ``folders`` are the folders (from the site root) an image may be in; ``hint`` says how the
    path is written, for the 'not found' message."""
    shown_folders = " or ".join(f"{f}/" for f in folders)
    problem = _path_problem(relative, shown_folders)
    if problem:
        return [ImageProblem(problem)]
    path = PurePosixPath(base, relative) if base else PurePosixPath(relative)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return [ImageProblem(f"is not an image ({', '.join(IMAGE_SUFFIXES)})")]
    folder = next((f for f in folders if path.is_relative_to(f) and path != PurePosixPath(f)), None)
    if folder is None:
        return [ImageProblem(f"is not in {shown_folders} (images must be kept there)")]
    try:
        return _file_problems(root, path, folder, hint)
    except OSError as error:  # unreadable: permissions, a file that vanished while read
        return [ImageProblem(f"cannot be read ({error.strerror or error})")]


def _path_problem(relative: str, shown_folders: str) -> str | None:
    """A path must be plain: relative, '/'-separated, no '.' or '..', no hidden names, and
    names a web address can carry as they are (it becomes one, also inside credentials)."""
    if relative.startswith("/") or "\\" in relative:
        return f"is not allowed: write a relative path with '/', inside {shown_folders}"
    parts = relative.split("/")
    if "" in parts:
        return f"is not allowed: an empty name ('//' or a '/' at an end; a path inside {shown_folders})"
    if ".." in parts:
        return f"is not allowed: '..' leads out of the folder (a path inside {shown_folders})"
    for part in parts:
        if part.startswith("."):
            return f"is not allowed: '{part}' is a hidden name (images live in {shown_folders})"
        if not _NAME.match(part):
            return (
                f"is not allowed: '{part}' has characters other than letters, digits, "
                "'-', '_' and '.' (rename the file)"
            )
    return None


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") for part in parts)


def _file_problems(root: Path, path: PurePosixPath, folder: str, hint: str) -> list[ImageProblem]:
    """The file itself: inside ``folder`` once links are followed, regular, small enough, and
    of the type its name says."""
    candidate = root / path
    if not candidate.exists():
        return [ImageProblem(f"not found ({hint})")]
    resolved = candidate.resolve()
    inside = root.resolve() / folder
    if not resolved.is_relative_to(inside) or _hidden(resolved.relative_to(inside).parts):
        return [ImageProblem(f"is a link to a file outside {folder}/ (copy the image there)")]
    info = resolved.stat()
    if not stat.S_ISREG(info.st_mode):
        return [ImageProblem("is not a regular file")]
    if info.st_size > MAX_IMAGE_BYTES:
        return [
            ImageProblem(
                f"is too large ({info.st_size:,} bytes; at most {MAX_IMAGE_BYTES:,}, i.e. 2 MB: "
                "make it smaller, e.g. 1200 pixels wide)"
            )
        ]
    suffix = path.suffix.lower()
    with resolved.open("rb") as handle:  # a raster image's type is in its first 12 bytes
        data = handle.read(MAX_IMAGE_BYTES + 1 if suffix == ".svg" else 12)
    if suffix == ".svg":
        return check_svg(data, path.as_posix())
    kind, matches = _MAGIC[suffix]
    if not matches(data):
        return [ImageProblem(f"is not a {kind} image (was another file renamed?)")]
    return []


# -- SVG ---------------------------------------------------------------------------------------


class _StopParsingError(Exception):
    """Raised from a parser handler to end parsing: what follows cannot be read safely."""


class _SvgChecker:
    """Walks an SVG with expat (no DTD, no entities, no external anything) and collects why
    it is not static drawing; the line of each problem is the line of its tag."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[ImageProblem] = []
        self.open: list[tuple[str, str]] = []  # (namespace, local name) of the open elements
        self.style: list[str] = []  # the text of the <style> being read, checked at its end
        self.style_line = 0
        parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.XmlDeclHandler = self._declaration
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ProcessingInstructionHandler = self._instruction
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self.parser = parser

    def run(self, data: bytes) -> list[ImageProblem]:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as error:
            reason = expat.ErrorString(error.code)
            self.problems.append(
                ImageProblem(f"is not well-formed SVG (XML: {reason})", self.shown, error.lineno)
            )
        except _StopParsingError:
            pass
        return self.problems

    def _problem(self, message: str, line: int | None = None, stop: bool = False) -> None:
        line = self.parser.CurrentLineNumber if line is None else line
        self.problems.append(ImageProblem(message, self.shown, line))
        if stop or len(self.problems) >= MAX_REPORTED:
            raise _StopParsingError

    def _declaration(self, _version: str, encoding: str | None, _standalone: int) -> None:
        if encoding is not None and encoding.lower() not in ("utf-8", "us-ascii"):
            self._problem(f"declares the encoding {encoding} (save it as UTF-8)", stop=True)

    def _doctype(self, *_: object) -> None:
        self._problem(
            "has a <!DOCTYPE> (its entities could expand without end or read other files; "
            "export the SVG without it)",
            stop=True,
        )

    def _entity(self, *_: object) -> None:
        self._problem("declares an entity (export the SVG without a DOCTYPE)", stop=True)

    def _instruction(self, target: str, _data: str) -> None:
        self._problem(f"has a processing instruction <?{target} ...?> (remove it)", stop=True)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not self.open and (namespace, local) != (SVG_NS, "svg"):
            self._problem(
                f'is not an SVG image (it must start with <svg xmlns="{SVG_NS}">)', stop=True
            )
        if self.open and self.open[-1] == (SVG_NS, "style"):
            self._problem(f"the element <{local}> inside <style> is not allowed; {_SVG_HINT}")
        self.open.append((namespace, local))
        if namespace == SVG_NS:
            self._svg_element(local, attributes)
        elif namespace not in EDITOR_NS:
            where = f"from {namespace}" if namespace else "without the SVG namespace"
            self._problem(f"the element <{local}> ({where}) is not allowed; {_SVG_HINT}")
        if (namespace, local) == (SVG_NS, "style"):
            self.style, self.style_line = [], self.parser.CurrentLineNumber

    def _svg_element(self, local: str, attributes: dict[str, str]) -> None:
        if local == "script":
            self._problem("has a <script>: scripts are not allowed in images")
        elif local == "foreignObject":
            self._problem("has a <foreignObject>: it can hold HTML, which is not allowed")
        elif local not in SVG_ELEMENTS:
            self._problem(f"the element <{local}> is not allowed; {_SVG_HINT}")
        else:
            for name, value in sorted(attributes.items()):
                self._attribute(local, name, value)

    def _attribute(self, element: str, name: str, value: str) -> None:
        namespace, _, local = name.rpartition(" ")
        if not namespace and local.lower().startswith("on"):
            self._problem(f"has an event handler {local}= on <{element}>: scripts are not allowed")
        elif local == "href" and namespace in ("", XLINK_NS):
            if not _LOCAL_REF.match(value):
                self._problem(
                    f"<{element}> links to '{value[:60]}': an image may refer only to its own "
                    "parts ('#id')"
                )
        elif not namespace and local in SVG_ATTRIBUTES:
            self._css(value, f"{local}= on <{element}>")
        elif not (
            (not namespace and _INERT_ATTRIBUTE.match(local))
            or (namespace == XML_NS and local in ("space", "lang", "id"))
            or namespace in EDITOR_NS
        ):
            shown = f"{local} (from {namespace})" if namespace else local
            self._problem(f"the attribute {shown}= on <{element}> is not allowed; {_SVG_HINT}")

    def _end(self, _name: str) -> None:
        if self.open.pop() == (SVG_NS, "style"):
            self._css("".join(self.style), "<style>", self.style_line)

    def _text(self, text: str) -> None:
        if self.open and self.open[-1] == (SVG_NS, "style"):
            self.style.append(text)

    def _css(self, text: str, where: str, line: int | None = None) -> None:
        """Styles may refer to the image's own parts (``url(#id)``) and load nothing else."""
        refused = _CSS_REFUSED.search(text)
        if refused:
            self._problem(f"{where} has '{refused.group(0)}', which images may not use", line)
        if any(match.group(2) != "#" for match in _URL.finditer(text)):
            self._problem(
                f"{where} loads a url(...): an image may refer only to its own parts (url(#id))",
                line,
            )


def check_svg(data: bytes, shown: str) -> list[ImageProblem]:
    """Why the SVG ``data`` (the file ``shown``) is not static drawing; empty when it is."""
    return _SvgChecker(shown).run(data)
