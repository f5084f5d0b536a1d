"""The cryptosuites credsite signs and verifies with, registered by name.

``credsite.standards.proofs`` makes and checks proofs with whatever suite a name (or a proof's
``type`` and ``cryptosuite``) selects here, so nothing else in the package names a suite. The
first suite registered is ``DEFAULT_SUITE``, the one the issuer signs credentials and status
lists with.

Adding a suite (or a legacy proof type such as Ed25519Signature2020, see ``suite.py``): a module
beside ``eddsa_rdfc_2022.py`` that defines ``SUITE`` (and its key type, if new), imported and
registered below. Registration order is the order messages list the suites in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from credsite.base.errors import CryptosuiteError
from credsite.standards.cryptosuites import eddsa_rdfc_2022
from credsite.standards.cryptosuites.suite import (
    DATA_INTEGRITY_PROOF,
    Cryptosuite,
    KeyType,
    PublicKey,
)

__all__ = [
    "DATA_INTEGRITY_PROOF",
    "DEFAULT_SUITE",
    "Cryptosuite",
    "KeyType",
    "PublicKey",
    "decode_public_key",
    "describe_key_types",
    "for_proof",
    "key_types",
    "method_types",
    "names",
    "register",
    "suite",
    "unregister",
]

_SUITES: dict[str, Cryptosuite] = {}


def register(suite: Cryptosuite) -> Cryptosuite:
    """Add ``suite`` under its name. A second suite of one name is a bug in the package: which
    one checks a proof must not depend on import order."""
    if not isinstance(suite, Cryptosuite) or not suite.key_types:
        raise TypeError(f"register wants a Cryptosuite with at least one key type, not {suite!r}")
    if suite.name in _SUITES:
        raise ValueError(f"cryptosuite {suite.name!r} is already registered")
    _SUITES[suite.name] = suite
    return suite


def unregister(name: str) -> None:
    """Remove a registered suite: for tests and tools that add one for a while."""
    suite(name)
    del _SUITES[name]


def suite(name: str) -> Cryptosuite:
    """The suite registered as ``name``; CryptosuiteError naming it (and the known ones) if none."""
    found = _SUITES.get(name) if isinstance(name, str) else None
    if found is None:
        raise CryptosuiteError(
            f"unknown cryptosuite {name!r} (registered: {', '.join(names()) or 'none'})"
        )
    return found


def names() -> tuple[str, ...]:
    """Every registered suite's name, in registration order."""
    return tuple(_SUITES)


def for_proof(proof: Mapping[str, Any]) -> Cryptosuite:
    """The suite a proof (or proof options) selects: by ``cryptosuite`` within its ``type``.

    Raises CryptosuiteError saying which property holds what, and what was expected; these are
    the verifier's reasons for refusing a proof of a kind it does not know.
    """
    proof_type = proof.get("type")
    types = tuple(dict.fromkeys(s.proof_type for s in _SUITES.values()))
    if proof_type not in types:
        raise CryptosuiteError(f"proof type is {proof_type!r}, expected {_one_of(types)}")
    of_type = [s for s in _SUITES.values() if s.proof_type == proof_type]
    value = proof.get("cryptosuite")
    found = next((s for s in of_type if s.cryptosuite == value), None)
    if found is None:
        expected = _one_of(tuple(s.cryptosuite for s in of_type))
        raise CryptosuiteError(f"proof cryptosuite is {value!r}, expected {expected}")
    return found


def key_types() -> tuple[KeyType, ...]:
    """The kinds of key the registered suites accept, each once, in registration order."""
    return tuple(dict.fromkeys(k for s in _SUITES.values() for k in s.key_types))


def method_types() -> tuple[str, ...]:
    """The verification-method types the registered suites read keys from."""
    return tuple(dict.fromkeys(m for s in _SUITES.values() for m in s.method_types))


def describe_key_types() -> str:
    """The accepted kinds of key for a message: 'an Ed25519', or 'an Ed25519 or a P-256'."""
    spoken = [k.with_article for k in key_types()]
    return " or ".join([", ".join(spoken[:-1]), spoken[-1]] if len(spoken) > 1 else spoken)


def decode_public_key(public_key_multibase: str) -> PublicKey:
    """The key in a ``publicKeyMultibase``, as the first key type that reads it; ValueError
    with each key type's reason when none does."""
    problems = []
    for key_type in key_types():
        try:
            return PublicKey(key_type, key_type.decode(public_key_multibase))
        except ValueError as error:
            problems.append(str(error))
    raise ValueError("; ".join(dict.fromkeys(problems)) or "no key type is registered")


def _one_of(values: tuple[Any, ...]) -> str:
    return " or ".join(repr(value) for value in values)


register(eddsa_rdfc_2022.SUITE)

DEFAULT_SUITE = eddsa_rdfc_2022.SUITE.name
