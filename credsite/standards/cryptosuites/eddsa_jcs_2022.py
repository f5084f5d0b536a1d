"""The eddsa-jcs-2022 cryptosuite (W3C VC-DI-EdDSA 1.0, section 3.4): JCS, SHA-256, Ed25519.

The document and the proof configuration are hashed in the JSON Canonicalization Scheme
(RFC 8785, with the ``rfc8785`` package, the same scheme as the browser's ``canonicalize``
package), and the proof repeats the document's ``@context``, which the configuration carries.

A JCS signature covers the JSON as written, whatever its terms mean; credsite still requires
that the document reads exactly under its bundled contexts (RDFC-1.0 in safe mode, as every
other suite does), so that what a page shows is what was signed, and so that this verifier
refuses the same credentials as the browser's, which reads every proof that way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import rfc8785

from credsite.base.errors import CanonicalizationError
from credsite.standards.cryptosuites.ed25519 import ED25519
from credsite.standards.cryptosuites.suite import Cryptosuite, sha256
from credsite.standards.jsonld import SharedSubtree, canonicalize


def _jcs(document: Mapping[str, Any], shared: SharedSubtree | None) -> bytes:
    """RFC 8785 canonical JSON as UTF-8, of a document that reads safely under its contexts."""
    canonicalize(document, shared)
    try:
        return rfc8785.dumps(document)
    except rfc8785.CanonicalizationError as error:
        raise CanonicalizationError(f"the document has no JCS form: {error}") from error


SUITE = Cryptosuite(
    name="eddsa-jcs-2022",
    key_types=(ED25519,),
    transform=_jcs,
    digest=sha256,
    proof_carries_context=True,
)
