"""Packed credential pages: a bounded number of files for any number of credentials.

Static hosts limit the files of a site (Cloudflare Pages: 20,000; others 100,000), and a
national site has two files per credential. With ``build --pack`` the pages go into at most
4,096 pack files under ``/c/packs/``; one router page, ``/c/index.html``, is served for every
``/c/<id>/`` address (a rewrite in ``_redirects``, or the 404 page sending the browser to
``/c/?id=<id>``), finds the page in its pack and shows it, verified as ever.

A pack must not become a list of learners: anyone can download every pack, but only who knows
a credential's address can find or read its page. Each page is stored under a lookup id (a
hash of the token) and encrypted with AES-256-GCM under a key derived from the token (HKDF),
which never appears in the site. Tokens carry at least 130 random bits, so neither can be
guessed. Everything is derived from the token, so the same credential gives the same bytes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from html import unescape
from typing import Any

from credsite.base.errors import BuildError
from credsite.build.output import Output, Shared

FORMAT = "credsite-pack-1"
SALT = b"credsite-pack-1"
MAX_DIGITS = 3  # at most 16**3 = 4,096 packs
PER_PACK = 32  # pages per pack the digits aim for, until MAX_DIGITS
PACKS_DIR = "c/packs"


def lookup_id(token: str) -> str:
    """Where a page is filed: 128 bits of a hash of the token, in hex."""
    return hashlib.sha256(b"credsite-pack-id\0" + token.encode("ascii")).hexdigest()[:32]


def pack_digits(count: int) -> int:
    """Hex digits of the lookup id that name a credential's pack: enough for about
    ``PER_PACK`` pages per pack, never more than ``MAX_DIGITS`` (the file-count bound)."""
    digits = 1
    while digits < MAX_DIGITS and count > PER_PACK * 16**digits:
        digits += 1
    return digits


def pack_name(token: str, digits: int) -> str:
    return lookup_id(token)[:digits]


def _derive(token: str, info: bytes, length: int) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=SALT, info=info).derive(
        token.encode("ascii")
    )


def seal(token: str, page: dict[str, str]) -> str:
    """One page (title, language, body HTML), gzipped and encrypted for the token's holder."""
    plain = gzip.compress(
        json.dumps(page, ensure_ascii=False, sort_keys=True).encode("utf-8"), mtime=0
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, nonce = _derive(token, b"aes-256-gcm key", 32), _derive(token, b"aes-gcm nonce", 12)
    sealed = AESGCM(key).encrypt(nonce, plain, lookup_id(token).encode("ascii"))
    return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")


def unseal(token: str, sealed: str) -> dict[str, str]:
    """The page of ``seal``; for tests and tools (the browser has its own, browser/src/pages/pack.js)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, nonce = _derive(token, b"aes-256-gcm key", 32), _derive(token, b"aes-gcm nonce", 12)
    data = base64.urlsafe_b64decode(sealed + "=" * (-len(sealed) % 4))
    plain = AESGCM(key).decrypt(nonce, data, lookup_id(token).encode("ascii"))
    page: dict[str, str] = json.loads(gzip.decompress(plain))  # the JSON object seal wrote
    return page


def pack_file(pages: Iterable[tuple[str, dict[str, str]]]) -> bytes:
    """A pack: {"format", "pages": {lookup id: sealed page}}, sorted, so builds are repeatable."""
    entries = {lookup_id(token): seal(token, page) for token, page in pages}
    document = {"format": FORMAT, "pages": dict(sorted(entries.items()))}
    return (json.dumps(document, separators=(",", ":")) + "\n").encode("ascii")


def pack_outputs(
    folder: str, members: Sequence[tuple[str, dict[str, Any]]], shared: Shared
) -> list[Output]:
    """The pack files of a folder's pages (``c``: credential pages; ``l``: a private site's
    collection pages): each member, (its id, its page's data as ``shared``'s maker takes it),
    filed in the pack its id's hash names, rendered and sealed by render.render_credential_pack."""
    digits = pack_digits(len(members))
    packs: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, member in members:
        packs.setdefault(pack_name(key, digits), []).append((key, member))
    return [
        Output(
            f"{folder}/packs/{name}.json",
            "credential-pack",
            {"folder": folder, "members": sorted(found, key=lambda m: m[0])},
            shared,
        )
        for name, found in sorted(packs.items())
    ]


_CREDENTIAL = re.compile(r'<pre id="credential-json"[^>]*>(.*?)</pre>', re.S)
_ROUTER = re.compile(
    r'<section id="credential-pack"[^>]*\bdata-packs="([^"]+)"[^>]*\bdata-digits="(\d+)"'
)


def router_packs(html: str) -> tuple[str, int] | None:
    """Where a router page (c/index.html) says its packs are, and their names' digits."""
    found = _ROUTER.search(html)
    return (unescape(found.group(1)), int(found.group(2))) if found else None


def page_credential(page: dict[str, str]) -> str | None:
    """The signed credential a sealed credential page carries, as the page shows it (the text of
    its #credential-json: templates/credential.html), or None when it carries none."""
    found = _CREDENTIAL.search(page["body"])
    return unescape(found.group(1)) if found else None


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]*)"')
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def page_parts(html: str, path: str) -> dict[str, str]:
    """What the router page takes from a rendered credential page: its title (HTML text, as
    written), language and the inside of its body."""
    title, lang, body = _TITLE.search(html), _HTML_LANG.search(html), _BODY.search(html)
    if not (title and lang and body):
        raise BuildError(
            f"{path}: the credential page template must have <html lang>, <title> and <body> "
            "(the packed pages are taken from them)"
        )
    return {"title": title.group(1), "lang": lang.group(1), "body": body.group(1)}
