"""The cryptosuites credsite signs and verifies with, registered by name.

``credsite.standards.proofs`` makes and checks proofs with whatever suite a name (or a proof's
``type`` and ``cryptosuite``) selects here, so nothing else in the package names a suite. The
first suite registered is ``DEFAULT_SUITE``, the one the issuer signs credentials and status
lists with.

Registered, in this order (the order messages list them in): eddsa-rdfc-2022, eddsa-jcs-2022,
ecdsa-rdfc-2019 (P-256 and P-384), the legacy proof type Ed25519Signature2020 and eddsa-2022,
the pre-standard name of eddsa-rdfc-2022 (``Cryptosuite.legacy_of``). Adding a suite: a module
beside ``eddsa_rdfc_2022.py`` that defines ``SUITE`` (and its key type, if new, as ``ecdsa.py``
does), imported and registered below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from credsite.base.errors import CryptosuiteError
from credsite.standards.cryptosuites import (
    ecdsa_rdfc_2019,
    ed25519_signature_2020,
    eddsa_2022,
    eddsa_jcs_2022,
    eddsa_rdfc_2022,
)
from credsite.standards.cryptosuites.suite import (
    DATA_INTEGRITY_PROOF,
    Cryptosuite,
    KeyType,
    PublicKey,
)
from credsite.standards.multibase import base58btc_decode

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
    """The key in a ``publicKeyMultibase``, read by the key type its multicodec prefix names;
    ValueError with that key type's reason, or naming the prefixes registered when none is."""
    types = key_types()
    prefix = _multicodec_prefix(public_key_multibase)
    chosen = next((k for k in types if k.multicodec == prefix), None)
    if chosen is not None:
        return PublicKey(chosen, chosen.decode(public_key_multibase))
    if not types:
        raise ValueError("no key type is registered")
    if prefix is None:  # not base58btc multibase: each key type's decoder says why alike
        types[0].decode(public_key_multibase)
        raise ValueError("publicKeyMultibase is not a base58btc multibase value")
    known = " or ".join(f"0x{k.multicodec.hex()} ({k.name} public key)" for k in types)
    raise ValueError(f"publicKeyMultibase has multicodec prefix 0x{prefix.hex()}, not {known}")


def _multicodec_prefix(public_key_multibase: str) -> bytes | None:
    """The first two bytes of a base58btc multibase value (every registered key type's varint
    prefix is two bytes long), or None when the value is not one."""
    if not isinstance(public_key_multibase, str) or not public_key_multibase.startswith("z"):
        return None
    try:
        raw = base58btc_decode(public_key_multibase[1:])
    except ValueError:
        return None
    return raw[:2] if len(raw) >= 2 else None


def _one_of(values: tuple[Any, ...]) -> str:
    return " or ".join(repr(value) for value in values)


for _module in (
    eddsa_rdfc_2022,
    eddsa_jcs_2022,
    ecdsa_rdfc_2019,
    ed25519_signature_2020,
    eddsa_2022,
):
    register(_module.SUITE)

DEFAULT_SUITE = eddsa_rdfc_2022.SUITE.name
