"""The standards credsite speaks, as pure functions over JSON: JSON-LD expansion and
canonicalization (RDFC-1.0) with bundled contexts, multibase and multikey, the registered
cryptosuites and Data Integrity proofs, Bitstring Status Lists, baked badges, the signed view,
the Open Badges JSON Schema, fetching, and verifying any credential — the Python twin of the browser verifier, reading the
same rule files in ``credsite/data``. It knows nothing of sites, modules or keys.yaml, so any
tool could use it to verify credentials from any issuer.

May import: credsite.base.
"""
