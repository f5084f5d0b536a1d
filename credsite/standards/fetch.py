"""Fetching the documents verification needs: known in advance, from a local build, or over
HTTPS.

A credential of this site names its production URLs; when the built site is at hand (the build
itself, ``verify`` in the site's folder, a preview), those URLs are read from the folder instead,
so verification works before publishing and without network. The build checks its own
credentials and lists against documents it made itself (``mapping_fetcher``).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from credsite.base.jsonfile import JsonInputError, load_json
from credsite.base.limits import MAX_JSON_BYTES
from credsite.standards import rulebook
from credsite.standards.reports import Fetcher, FetchError

MAX_BYTES = MAX_JSON_BYTES
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*", re.ASCII)
TIMEOUT = 10
# What is asked for: the documents verification reads (a Status List Token is a JWT), and for a
# credential's own address, a credential in any form it is published in.
DOCUMENT_TYPES = "application/json, application/ld+json, application/statuslist+jwt"
CREDENTIAL_TYPES = (
    "application/vc+ld+json, application/ld+json, application/json, application/vc+jwt, "
    "application/jwt, application/dc+sd-jwt, application/vc+sd-jwt, text/plain;q=0.5"
)


def mapping_fetcher(
    documents: Mapping[str, Any], fallback: Callable[[str], Any] | None = None
) -> Fetcher:
    """Documents known in advance (the build's own DID document and lists), then ``fallback``."""

    def fetch(url: str) -> Any:
        if url in documents:
            return documents[url]
        if fallback is not None:
            return fallback(url)
        raise FetchError(f"{url} is not available", missing=True)

    return fetch


def site_fetcher(site_dir: Path, base_url: str, fallback: Fetcher | None = None) -> Fetcher:
    """URLs under ``base_url`` are files in ``site_dir``; anything else goes to ``fallback``."""
    root = site_dir.resolve()

    def fetch(url: str) -> Any:
        if url.startswith(base_url):
            relative = url[len(base_url) :].split("#")[0].split("?")[0]
            path = (root / relative).resolve()
            if path.is_dir():
                path = path / "index.html"
            if not path.is_relative_to(root) or not path.is_file():
                raise FetchError(f"{url} is not in the built site ({site_dir})", missing=True)
            return _parse(path.read_bytes(), url)
        if fallback is not None:
            return fallback(url)
        raise FetchError(f"{url} is not part of this site and fetching from the network is off")

    return fetch


def network_fetcher(allow_loopback_http: bool = False) -> Fetcher:
    """HTTPS only (did:web requires it); plain http only to 127.0.0.1/localhost when allowed."""

    def fetch(url: str) -> Any:
        return _parse(_download(url, allow_loopback_http, DOCUMENT_TYPES), url)

    return fetch


def fetch_credential_text(url: str, allow_loopback_http: bool = False) -> str:
    """The body of a credential's address as text, by the rules of ``network_fetcher``: a JSON
    credential, or a credential signed as a JWT or SD-JWT (or an encrypted one), which is text,
    not JSON; the caller tells them apart (``verify``). FetchError when it cannot be had or is
    not UTF-8 text."""
    data = _download(url, allow_loopback_http, CREDENTIAL_TYPES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FetchError(f"{url}: not text (it is not UTF-8)") from error


def _download(url: str, allow_loopback_http: bool, accept: str) -> bytes:
    """The body at ``url``, at most MAX_BYTES; FetchError saying why not."""
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme != "https" and not (
        allow_loopback_http and parts.scheme == "http" and loopback
    ):
        raise FetchError(f"{url}: only https:// addresses are fetched")
    request = urllib.request.Request(
        url, headers={"Accept": accept, "User-Agent": "credsite-verify"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(
            f"{url}: the server answered {error.code} {error.reason}",
            missing=error.code in rulebook.rules().absent_http_status,
        ) from error
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"{url}: could not be fetched ({reason})") from error
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _parse(data: bytes, url: str) -> Any:
    """The JSON document, or the text of a compact JWT (a Status List Token,
    ``application/statuslist+jwt``, is a JWT, not JSON); FetchError for anything else."""
    token = _compact_jwt(data)
    if token is not None:
        return token
    try:
        return load_json(data, MAX_BYTES)
    except JsonInputError as error:
        if error.syntax:
            raise FetchError(f"{url}: not JSON ({error.reason})") from error
        raise FetchError(f"{url}: refused: {error}") from error


def _compact_jwt(data: bytes) -> str | None:
    """The text of a compact JWS (three base64url parts), trimmed, or None: the browser's
    page-fetch.js reads a body the same way."""
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    return text if _COMPACT_JWS.fullmatch(text) else None
