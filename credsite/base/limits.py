"""The limits on what credsite reads from files, the network and the command line, in one place.

Each keeps a careless or hostile input (a YAML "billion laughs", a JSON file nested a hundred
thousand levels deep, a CSV whose stray quote swallows the rest of the file) from becoming a
crash, a hang or a Python traceback: it is refused with a message naming the file and line.
docs/verification.md ("Limits") states them; keep it in step when changing one.

The limits particular to credentials, which the browser verifier applies too (size, number of
values, depth, array length), are in ``credsite/data/limits.json`` (credential_limits.py); the
JSON depth here is the one from that file, so every reader refuses the same nesting.
"""

from __future__ import annotations

from credsite.base.credential_limits import limits

# -- JSON (credentials, status lists, DID documents, key files; from disk or the network) -----

MAX_JSON_BYTES = 5 * 1024 * 1024
"""A JSON document larger than this is refused unread (an issued credential is about 8 KB;
credentials have a lower limit of their own, maxCredentialBytes in data/limits.json)."""

MAX_JSON_DEPTH: int = limits().max_depth
"""Arrays and objects nested deeper than this are refused (the outer one is depth 1; a
credential nests about 8 deep). What follows (JSON-LD, the schema, the pages) walks documents
recursively, and Python's own parser fails with a RecursionError at about 1,000."""

MAX_JSON_NUMBER_DIGITS = 100
"""A number literal with more digits than this is refused: Python refuses one of over 4,300
digits with its own message, and reads a float beyond about 1e308 as infinity."""

# -- YAML (site.yaml, keys.yaml, front matter, content/status/*.yaml) --------------------------

MAX_YAML_DEPTH = 100
"""Mappings and lists nested deeper than this are refused (site.yaml nests 4 deep); loading
recurses once per level."""

MAX_YAML_ALIAS_VALUES = 10_000
"""At most this many values repeated through YAML aliases (``*name``) in one file: ten nested
aliases of ten each would otherwise stand for ten billion values (the "billion laughs")."""

# -- the results CSV of ``issue`` --------------------------------------------------------------

MAX_CSV_CELL = 128 * 1024
"""Characters in one CSV value (Python's csv default); a longer one is nearly always a stray
quote that made the rest of the file one value."""
