"""The ecdsa-rdfc-2019 cryptosuite (W3C VC-DI-ECDSA 1.0, section 3.2): RDFC-1.0 and ECDSA.

The document and the proof configuration are RDFC-1.0 canonical N-Quads (as eddsa-rdfc-2022),
hashed with the hash of the signing key's curve: SHA-256 for P-256, SHA-384 for P-384 (3.2.4),
so the hash data is 64 or 96 bytes. The key signs the hash data with ECDSA, which hashes it once
more with the same hash (``credsite.standards.cryptosuites.ecdsa``).
"""

from __future__ import annotations

import hashlib

from credsite.standards.cryptosuites.ecdsa import P256, P384
from credsite.standards.cryptosuites.suite import Cryptosuite, KeyType, rdfc


def _digest(data: bytes, key_type: KeyType) -> bytes:
    """SHA-384 for a P-384 key, SHA-256 for a P-256 key."""
    return (hashlib.sha384 if key_type == P384 else hashlib.sha256)(data).digest()


SUITE = Cryptosuite(
    name="ecdsa-rdfc-2019",
    key_types=(P256, P384),
    transform=rdfc,
    digest=_digest,
)
