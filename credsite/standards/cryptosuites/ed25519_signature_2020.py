"""The Ed25519Signature2020 proof type (W3C CCG, Ed25519 Signature 2020): a Linked Data proof
that came before Data Integrity cryptosuites, still issued by the Digital Credentials
Consortium's tools.

Its proofs have ``type: Ed25519Signature2020`` and no ``cryptosuite``; otherwise they are made as
eddsa-rdfc-2022 makes its own: the proof configuration is the proof options with the document's
``@context`` (which must define the proof type, through the suite's context
``https://w3id.org/security/suites/ed25519-2020/v1``), both transformed with RDFC-1.0 (URDNA2015
then), hashed with SHA-256, configuration first, and signed with Ed25519. Its keys are Multikey
or Ed25519VerificationKey2020 entries with a ``publicKeyMultibase``.
"""

from __future__ import annotations

from credsite.standards.cryptosuites.ed25519 import ED25519
from credsite.standards.cryptosuites.suite import MULTIKEY, Cryptosuite, rdfc, sha256

NAME = "Ed25519Signature2020"

SUITE = Cryptosuite(
    name=NAME,
    key_types=(ED25519,),
    transform=rdfc,
    digest=sha256,
    proof_type=NAME,
    method_types=(MULTIKEY, "Ed25519VerificationKey2020"),
)
