"""The eddsa-rdfc-2022 cryptosuite (W3C VC-DI-EdDSA 1.0, section 3.3): RDFC-1.0, SHA-256, Ed25519.

Both the document and the proof configuration are RDFC-1.0 canonical N-Quads, hashed with SHA-256;
the proof carries no ``@context``. Canonicalization goes through
``credsite.standards.jsonld.canonicalize``, which refuses whatever jsonld.js would read
differently, so that the Python signer and the browser verifier hash the same bytes.

The only module that names this suite: the rest of the package reaches it through the registry
(``credsite.standards.cryptosuites``), which registers it first and makes it the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from credsite.standards.cryptosuites.ed25519 import ED25519
from credsite.standards.cryptosuites.suite import Cryptosuite, sha256
from credsite.standards.jsonld import SharedSubtree, canonicalize


def _rdfc(document: Mapping[str, Any], shared: SharedSubtree | None) -> bytes:
    """RDFC-1.0 canonical N-Quads, final newline included, as UTF-8."""
    return canonicalize(document, shared).encode("utf-8")


SUITE = Cryptosuite(
    name="eddsa-rdfc-2022",
    key_types=(ED25519,),
    transform=_rdfc,
    digest=sha256,
)
