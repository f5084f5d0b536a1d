"""What a cryptosuite is: the parts of a proof that differ from one suite to the next.

VC Data Integrity 1.0 fixes the shape of a proof and the order of the steps that make and check
it: proof options, a proof configuration that carries the document's ``@context``, transform
both, hash both (configuration first), sign the hash data. ``credsite.standards.proofs`` runs
those steps; a ``Cryptosuite`` fills in each suite-specific one, as Digital Bazaar's
``DataIntegrityProof({cryptosuite})`` takes a suite object. A ``KeyType`` is a kind of key
(Ed25519, P-256...) with its Multikey form and its signature scheme, shared by every suite that
signs with it.

A legacy proof type that is not a Data Integrity cryptosuite (``Ed25519Signature2020``) is a
``Cryptosuite`` too: its ``proof_type`` is its own type and its ``name`` that same type, and its
proofs carry no ``cryptosuite`` property (see ``Cryptosuite.cryptosuite``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from credsite.standards.jsonld import SharedSubtree, canonicalize

DATA_INTEGRITY_PROOF = "DataIntegrityProof"
MULTIKEY = "Multikey"


@dataclass(frozen=True)
class KeyType:
    """A kind of key a suite signs and verifies with, as a Multikey carries its public half.

    ``decode`` turns a ``publicKeyMultibase`` into the raw public key (the bytes after the
    multicodec prefix) or raises ``ValueError`` saying what is wrong; ``verify`` takes that raw
    key and never raises for a bad signature; ``sign`` takes a private key of ``private_key_class``
    for which ``takes_private_key`` holds (P-256 and P-384 keys share one class and differ by
    curve). ``multicodec`` is the varint prefix of the public key in its Multikey form, by which
    a ``publicKeyMultibase`` is given to the one key type that reads it.
    """

    name: str  # as messages name it: "Ed25519"
    with_article: str  # "an Ed25519": messages read "not an Ed25519 Multikey"
    public_key_bytes: int
    signature_bytes: int
    private_key_class: type
    decode: Callable[[str], bytes]
    sign: Callable[[Any, bytes], bytes]
    verify: Callable[[bytes, bytes, bytes], bool]  # (raw public key, signature, data)
    multicodec: bytes
    takes_private_key: Callable[[Any], bool] = lambda _private_key: True

    def signs_with(self, private_key: Any) -> bool:
        """Whether ``private_key`` is a private key of this kind."""
        return isinstance(private_key, self.private_key_class) and self.takes_private_key(
            private_key
        )


@dataclass(frozen=True)
class PublicKey:
    """A public key read from a verification method, with the kind of key it is."""

    key_type: KeyType
    raw: bytes


Transform = Callable[[Mapping[str, Any], SharedSubtree | None], bytes]
Digest = Callable[[bytes, KeyType], bytes]


@dataclass(frozen=True)
class Cryptosuite:
    """One cryptosuite (or legacy proof type): what its proofs look like, which keys it accepts,
    and how it transforms and hashes a document and a proof configuration.

    - ``transform``: the bytes a document (or a proof configuration) is hashed as, e.g. RDFC-1.0
      canonical N-Quads; raises ``CanonicalizationError`` when the document cannot be read
      safely. ``shared`` is the caller's expansion cache for subtrees many documents share.
    - ``digest``: the hash of transformed bytes; it sees the key type because some suites pick
      the hash by the curve (ecdsa-rdfc-2019: SHA-256 for P-256, SHA-384 for P-384).
    - ``key_types``: the kinds of key it signs and verifies with; ``method_types``: the
      verification-method types that may publish them.
    - ``proof_carries_context``: the proof repeats the document's ``@context`` (eddsa-jcs-2022)
      and a verifier checks it is the start of the document's own.
    - ``legacy_of``: for a pre-standard name of a suite (eddsa-2022), the name of the standard
      suite it is; the verifier checks such a proof and warns that its name is outdated.
    """

    name: str
    key_types: tuple[KeyType, ...]
    transform: Transform
    digest: Digest
    proof_type: str = DATA_INTEGRITY_PROOF
    method_types: tuple[str, ...] = (MULTIKEY,)
    proof_carries_context: bool = False
    legacy_of: str | None = None

    @property
    def cryptosuite(self) -> str | None:
        """The proof's ``cryptosuite`` value; None for a legacy proof type, which has none."""
        return self.name if self.proof_type == DATA_INTEGRITY_PROOF else None

    def signing_key_type(self, private_key: Any) -> KeyType:
        """The key type of a private key this suite can sign with; TypeError for any other."""
        for key_type in self.key_types:
            if key_type.signs_with(private_key):
                return key_type
        # P-256 and P-384 keys share one class: name it once
        classes = dict.fromkeys(k.private_key_class.__name__ for k in self.key_types)
        wanted = " or ".join(classes)
        raise TypeError(f"private_key must be an {wanted}, not {type(private_key)}")

    def digest_of(
        self, document: Mapping[str, Any], key_type: KeyType, shared: SharedSubtree | None = None
    ) -> bytes:
        """The digest of ``document`` transformed: one half of the hash data."""
        return self.digest(self.transform(document, shared), key_type)


def sha256(data: bytes, key_type: KeyType) -> bytes:
    """The hashing step of the suites that always use SHA-256, whatever the key."""
    return hashlib.sha256(data).digest()


def rdfc(document: Mapping[str, Any], shared: SharedSubtree | None) -> bytes:
    """The transform of the RDFC suites: RDFC-1.0 canonical N-Quads, final newline included, as
    UTF-8, through ``credsite.standards.jsonld.canonicalize``, which refuses whatever jsonld.js
    would read differently, so that the Python signer and the browser verifier hash the same
    bytes."""
    return canonicalize(document, shared).encode("utf-8")
