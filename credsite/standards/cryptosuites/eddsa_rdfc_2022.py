"""The eddsa-rdfc-2022 cryptosuite (W3C VC-DI-EdDSA 1.0, section 3.3): RDFC-1.0, SHA-256, Ed25519.

Both the document and the proof configuration are RDFC-1.0 canonical N-Quads, hashed with SHA-256;
the proof carries no ``@context``.

The only module that names this suite: the rest of the package reaches it through the registry
(``credsite.standards.cryptosuites``), which registers it first and makes it the default.
"""

from __future__ import annotations

from credsite.standards.cryptosuites.ed25519 import ED25519
from credsite.standards.cryptosuites.suite import Cryptosuite, rdfc, sha256

SUITE = Cryptosuite(
    name="eddsa-rdfc-2022",
    key_types=(ED25519,),
    transform=rdfc,
    digest=sha256,
)
