"""Where every output lives: one place for paths and absolute URLs, and for the issuer's did:web.

Paths are relative to the site root and use '/' (they are also the keys of the build record).
Page paths end in '/' and are written as ``<path>index.html``.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit


def home(lang: str) -> str:
    return f"{lang}/"


def catalogue(lang: str) -> str:
    return f"{lang}/modules/"


def module_page(lang: str, slug: str) -> str:
    return f"{lang}/modules/{slug}/"


def track_page(lang: str, slug: str) -> str:
    return f"{lang}/tracks/{slug}/"


def achievement(lang: str, slug: str) -> str:
    """The module's Open Badges Achievement in one language: issued credentials point here."""
    return f"{lang}/modules/{slug}/achievement.json"


def elm_specification(slug: str) -> str:
    """The module as a European Learning Model specification, every language in one file."""
    return f"elm/{slug}.json"


def badge(lang: str, slug: str, extension: str) -> str:
    """The module's badge image (generated), which credentials show and downloads are baked into."""
    return f"{lang}/modules/{slug}/badge.{extension}"


def share_image(lang: str, slug: str) -> str:
    """The module's link preview image (generated), which its page and its credentials' pages
    name for social sites and chat apps (OpenGraph ``og:image``)."""
    return f"{lang}/modules/{slug}/share.png"


def site_share_image(lang: str) -> str:
    """The site's own link preview image, for the pages that show no one module."""
    return f"{lang}/share.png"


def verify_page(lang: str) -> str:
    return f"{lang}/verify/"


def credential_page(token: str) -> str:
    """A credential's verification page; ``token`` is unguessable (160 random bits)."""
    return f"c/{token}/"


def collection_page(collection_id: str) -> str:
    """A learner's collection page; ``collection_id`` is unguessable (160 bits of an HMAC under
    a secret that stays with staff: credsite/issuer/collections.py)."""
    return f"l/{collection_id}/"


def credential_link(token: str, private: bool) -> str:
    """The address a learner is given for a credential. On a private site the id goes in the
    fragment, which browsers never send to the web host (docs/verification.md, "Private mode");
    the router page ``c/`` reads it there. Elsewhere, the page's own address."""
    return f"c/#{token}" if private else credential_page(token)


def collection_link(collection_id: str, private: bool) -> str:
    """The address a learner is given for a collection: as ``credential_link``, under ``l/``."""
    return f"l/#{collection_id}" if private else collection_page(collection_id)


def id_in_link(reference: str) -> str:
    """The id a staff member means by a credential's or collection's id, any of its addresses
    (``/c/<id>/``, private ``/c/#<id>``, packed ``/c/?id=<id>``) or its file name, lower-cased."""
    text = reference.strip()
    if "#" in text:
        text = text.rsplit("#", 1)[1]
    elif "?id=" in text:
        text = text.rsplit("?id=", 1)[1].split("&", 1)[0]
    return text.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json").lower()


def status_list(purpose: str, number: int) -> str:
    return f"status/{purpose}-{number}.json"


def feed(lang: str) -> str:
    return f"{lang}/feed.xml"


def content_file(relative: str) -> str:
    """A file from content/ (an image) keeps its path under the site root."""
    return relative


def absolute(base_url: str, path: str) -> str:
    return base_url + path


def file_of(path: str) -> str:
    """The file written for a path: pages ('/'-terminated) become index.html."""
    return f"{path}index.html" if path.endswith("/") or path == "" else path


def did_web(base_url: str) -> str:
    """The did:web identifier of a site (did:web method, section 'Create'): the host, with a
    percent-encoded port, then the path segments joined by ':'."""
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}{quote(':')}{parts.port}"
    segments = [quote(s, safe="") for s in parts.path.split("/") if s]
    return ":".join(["did:web", host, *segments])


def did_document_path(base_url: str) -> str:
    """Where, relative to the site root, the DID document must be for did:web to find it.

    ``did:web:host`` resolves to ``/.well-known/did.json``; ``did:web:host:sub`` to
    ``/sub/did.json``, which is the root of a site published under ``/sub/``.
    """
    return "did.json" if urlsplit(base_url).path.strip("/") else ".well-known/did.json"


def relative(from_path: str, to_path: str) -> str:
    """A link from one site path to another that works on any host, under any base path and
    from a local preview, because it never names the root."""
    from_dir = from_path if from_path.endswith("/") else from_path.rpartition("/")[0] + "/"
    depth = from_dir.strip("/").count("/") + 1 if from_dir.strip("/") else 0
    link = "../" * depth + to_path
    return link or "./"


def root_path(base_url: str) -> str:
    """The base URL's path ('/' or '/sub/'): links on pages served at unknown depths (404)."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def did_web_host(did: str) -> str:
    """The web domain a did:web names, as people know it (with its port, if any)."""
    return did.removeprefix("did:web:").split(":")[0].replace("%3A", ":").replace("%3a", ":")


def did_web_address(did: str) -> str:
    """The web address a did:web names, host and path (``org.github.io/evil``): the whole of
    it, because anyone who can publish under a path of a shared host (``org.github.io/``) can
    make a DID there, and the host alone would pass it off as the host's owner."""
    path = did.removeprefix("did:web:").split(":")[1:]
    return "/".join([did_web_host(did), *(unquote(segment) for segment in path)])
